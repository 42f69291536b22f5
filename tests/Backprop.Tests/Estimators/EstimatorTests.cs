using System.Globalization;
using Backprop.Cli.Examples;
using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Estimators;
using Backprop.Serialization;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Estimators;

/// <summary>The estimator API: the library's workflow as short as scikit-learn's, writing the same model file as <c>backprop train</c>.</summary>
public sealed class EstimatorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly MlpOptions Wine = new() { HiddenLayers = [16], Epochs = 40, ValidationFraction = 0.15, Seed = 1 };

    private static double[] Weights(ModelDocument model) => model.Layers.SelectMany(l => l.Weights.SelectMany(r => r).Concat(l.Bias ?? [])).ToArray();

    [Fact]
    public void Fit_writes_the_same_model_as_backprop_train_with_the_same_settings_bit_for_bit()
    {
        string wine = SharedData.File("uci/wine.csv"), cli = _folder.File("cli.json"), library = _folder.File("library.json");
        var r = CliRunner.Run("train", "--data", wine, "--target", "cultivar", "--layers", "16", "--standardize", "--validation-split", "0.15",
            "--shuffle", "--seed", "1", "--lr", "0.001", "--epochs", "40", "--batch-size", "32", "--quiet", "--out", cli);
        Assert.True(r.ExitCode == 0, r.Error);
        new MlpClassifier(Wine).Fit(wine, "cultivar").Save(library);
        var (a, b) = (ModelFile.Load(cli), ModelFile.Load(library));
        Assert.Equal(Weights(a), Weights(b));
        Assert.Equal(a.Training!.LossHistory, b.Training!.LossHistory);
        Assert.Equal(a.Training.ValidationLossHistory, b.Training.ValidationLossHistory);
        Assert.Equal(a.Preprocessing!.Inputs, b.Preprocessing!.Inputs); // the same means and scales, from the same training rows
        Assert.Equal(a.Preprocessing.Target.Classes, b.Preprocessing.Target.Classes);
        // And the CLI reads the library's file: evaluate knows it is a softmax classifier of three cultivars.
        var evaluate = CliRunner.Run("evaluate", "--model", library, "--data", wine, "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Assert.Contains("\"classes\":[\"class_0\",\"class_1\",\"class_2\"]", evaluate.Output);
    }

    [Fact]
    public void A_saved_and_loaded_classifier_predicts_the_same_and_a_row_of_values_is_a_row_of_the_table()
    {
        var table = CsvTable.Read(SharedData.File("uci/wine.csv"));
        var (train, test) = TableSplit.Of(table.RowCount, 0.15, shuffle: true, seed: 1);
        var model = new MlpClassifier(Wine with { Epochs = 150 });
        model.Fit(table, "cultivar", train);
        // scikit-learn's MLPClassifier with a StandardScaler scores about 0.96–1.0 on such a split of wine.
        Assert.InRange(model.Score(table, test), 0.9, 1.0);
        Assert.Equal(["class_0", "class_1", "class_2"], model.Classes);
        string path = _folder.File("wine.json");
        model.Save(path);
        var loaded = MlpClassifier.Load(path);
        Assert.Equal(model.Predict(table, test), loaded.Predict(table, test));
        // Row 0 of wine.csv as C# values gives what the table's row 0 gives.
        double[] first = [14.23, 1.71, 2.43, 15.6, 127.0, 2.8, 3.06, 0.28, 2.29, 5.64, 1.04, 3.92, 1065.0];
        Assert.Equal(loaded.Predict(table, [0])[0], loaded.Predict(first));
        var p = loaded.PredictProbabilities(first);
        Assert.Equal(3, p.Length);
        Assert.Equal(1.0, p.Sum(), 12);
        Assert.Equal(loaded.Classes[Array.IndexOf(p, p.Max())], loaded.Predict(first));
        Assert.Throws<ArgumentException>(() => loaded.Predict([1.0, 2.0]));
    }

    [Fact]
    public void A_row_by_column_name_encodes_codes_one_hot_as_the_table_does()
    {
        var table = CsvTable.Read(SharedData.File("admissions/binary.csv"));
        var model = new MlpClassifier(new MlpOptions { HiddenLayers = [4], Epochs = 20 });
        model.Fit(table, "admit");
        Assert.Equal(["0", "1"], model.Classes);
        // Row 0 of binary.csv: admit 0, gre 380, gpa 3.61, rank 3.
        var row = new Dictionary<string, object> { ["gre"] = 380, ["gpa"] = 3.61, ["rank"] = 3 };
        Assert.Equal(model.Predict(table, [0])[0], model.Predict(row));
        Assert.Throws<ArgumentException>(() => model.Predict(new Dictionary<string, object> { ["gre"] = 380 }));
    }

    [Fact]
    public void A_regressor_fits_a_line_and_scores_its_r2()
    {
        var csv = new System.Text.StringBuilder("x,y\n");
        for (int i = 0; i < 200; i++) { double x = i / 100.0 - 1; csv.Append(CultureInfo.InvariantCulture, $"{x},{2 * x + 1}\n"); }
        string path = _folder.Write("line.csv", csv.ToString());
        var model = new MlpRegressor(new MlpOptions { HiddenLayers = [8], Epochs = 200, LearningRate = 0.01 });
        model.Fit(path, "y");
        var table = CsvTable.Read(path);
        Assert.True(model.Score(table) > 0.99, $"R² {model.Score(table)}");
        Assert.Equal(2 * 0.5 + 1, model.Predict([0.5]), 1);
        Assert.Throws<Backprop.Diagnostics.BackpropException>(() => new MlpRegressor().Fit(SharedData.File("uci/iris.csv"), "species"));
    }
}
