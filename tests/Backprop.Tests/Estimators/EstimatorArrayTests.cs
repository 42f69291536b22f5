using System.Globalization;
using Backprop.Cli.Examples;
using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Serialization;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Estimators;

/// <summary>
/// scikit-learn's <c>fit(X, y)</c> on arrays, Keras's <c>validation_data</c>, and a loaded model that knows its history
/// and settings. The wine file is parsed here by hand (split on commas), apart from the library's reader.
/// </summary>
public sealed class EstimatorArrayTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (double[,] X, string[] Labels) Wine()
    {
        var lines = File.ReadAllLines(SharedData.File("uci/wine.csv")).Skip(1).Where(l => l.Length > 0).ToArray();
        var x = new double[lines.Length, 13];
        var labels = new string[lines.Length];
        for (int r = 0; r < lines.Length; r++)
        {
            var cells = lines[r].Split(',');
            for (int c = 0; c < 13; c++) x[r, c] = double.Parse(cells[c], CultureInfo.InvariantCulture);
            labels[r] = cells[13];
        }
        return (x, labels);
    }

    private static readonly MlpOptions Options = new() { HiddenLayers = [8], Epochs = 30, Seed = 3 };

    private static double[] Weights(ModelDocument model) => model.Layers.SelectMany(l => l.Weights.SelectMany(r => r).Concat(l.Bias ?? [])).ToArray();

    [Fact]
    public void Arrays_train_the_network_the_file_trains_and_score_as_counted_by_hand()
    {
        var (x, labels) = Wine();
        var fromArrays = new MlpClassifier(Options).Fit(x, labels);
        var fromFile = new MlpClassifier(Options);
        fromFile.Fit(SharedData.File("uci/wine.csv"), "cultivar");
        Assert.Equal(Weights(fromFile.Model!), Weights(fromArrays.Model!));
        Assert.Equal(["class_0", "class_1", "class_2"], fromArrays.Classes);

        string[] predicted = fromArrays.Predict(x);
        double counted = predicted.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Length;
        Assert.Equal(counted, fromArrays.Score(x, labels), 15);
        var p = fromArrays.PredictProbabilities(x);
        Assert.Equal((178, 3), (p.GetLength(0), p.GetLength(1)));
        for (int r = 0; r < 178; r++)
        {
            Assert.Equal(1.0, p[r, 0] + p[r, 1] + p[r, 2], 12);
            int best = p[r, 0] >= p[r, 1] && p[r, 0] >= p[r, 2] ? 0 : p[r, 1] >= p[r, 2] ? 1 : 2;
            Assert.Equal(fromArrays.Classes[best], predicted[r]);
        }
        // A model fitted on the named file takes arrays in its column order.
        Assert.Equal(predicted, fromFile.Predict(x));
        var narrow = Assert.Throws<ArgumentException>(() => fromFile.Predict(new double[1, 12]));
        Assert.StartsWith("The features have 12 columns; the model reads 13 (alcohol, malic_acid,", narrow.Message);
    }

    [Fact]
    public void Integer_labels_and_a_regression_target_fit_from_arrays()
    {
        var (x, labels) = Wine();
        int[] codes = labels.Select(l => l[^1] - '0').ToArray();
        var classifier = new MlpClassifier(Options).Fit(x, codes);
        Assert.Equal(["0", "1", "2"], classifier.Classes);
        Assert.Equal(classifier.Predict(x).Zip(codes).Count(p => p.First == p.Second.ToString(CultureInfo.InvariantCulture)) / 178.0,
            classifier.Score(x, codes), 15);

        // Proline from the other twelve columns; R² = 1 − SS_res/SS_tot, computed here from the predictions.
        var features = new double[178, 12];
        var proline = new double[178];
        for (int r = 0; r < 178; r++) { for (int c = 0; c < 12; c++) features[r, c] = x[r, c]; proline[r] = x[r, 12] / 1000; }
        var regressor = new MlpRegressor(Options with { Epochs = 60 }).Fit(features, proline);
        double[] y = regressor.Predict(features);
        double mean = proline.Average();
        double r2 = 1 - proline.Zip(y).Sum(p => (p.First - p.Second) * (p.First - p.Second)) / proline.Sum(t => (t - mean) * (t - mean));
        Assert.Equal(r2, regressor.Score(features, proline), 12);
        Assert.Equal(1, regressor.Model!.Layers[^1].Units);
    }

    [Fact]
    public void A_validation_table_is_watched_every_epoch_and_a_loaded_model_knows_its_history_and_settings()
    {
        var table = CsvTable.Read(SharedData.File("uci/wine.csv"));
        var (train, held) = TableSplit.Of(table.RowCount, 0.2, shuffle: true, seed: 5);
        string trainCsv = _folder.File("train.csv"), heldCsv = _folder.File("held.csv");
        var lines = File.ReadAllLines(SharedData.File("uci/wine.csv"));
        File.WriteAllLines(trainCsv, [lines[0], .. train.Select(r => lines[r + 1])]);
        File.WriteAllLines(heldCsv, [lines[0], .. held.Select(r => lines[r + 1])]);

        var model = new MlpClassifier(Options);
        model.Fit(CsvTable.Read(trainCsv), "cultivar", null, default, validation: CsvTable.Read(heldCsv));
        Assert.Equal(30, model.History.Count);
        Assert.All(model.History, e => Assert.NotNull(e.Validation));
        // The last epoch's held-out accuracy is the final network's score on the held-out file.
        Assert.Equal(model.Score(CsvTable.Read(heldCsv)), model.History[^1].Validation!.Accuracy!.Value, 15);

        string path = _folder.File("wine.json");
        model.Save(path);
        var loaded = MlpClassifier.Load(path);
        Assert.Equal(model.History.Select(e => (e.Epoch, e.Loss, e.Rmse, e.Validation!.Loss, e.Validation.Accuracy)),
            loaded.History.Select(e => (e.Epoch, e.Loss, e.Rmse, e.Validation!.Loss, e.Validation.Accuracy)));
        Assert.Equal([8], loaded.Options.HiddenLayers);
        Assert.Equal(("relu", "adamw", 0.001, 30, (int?)32, 3UL, true), (loaded.Options.Activations[0],
            loaded.Options.Optimizer, loaded.Options.LearningRate, loaded.Options.Epochs, loaded.Options.BatchSize, loaded.Options.Seed,
                loaded.Options.Standardize));

        var both = Assert.Throws<BackpropException>(() => new MlpClassifier(Options with { ValidationFraction = 0.1 })
            .Fit(table, "cultivar", null, default, validation: table));
        Assert.Contains("give a validation fraction (0.1) or a validation table, not both", both.Message);
    }
}
