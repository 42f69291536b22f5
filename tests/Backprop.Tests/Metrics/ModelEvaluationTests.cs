using Backprop.Data.Output;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Metrics;
using Backprop.Serialization;
using Backprop.Tests.Cli;
using Backprop.Training.Weights;

namespace Backprop.Tests.Metrics;

/// <summary>
/// The library calls behind <c>backprop evaluate</c> and <c>predict</c> on a saved model and a file, on numbers worked
/// out by hand: y = 2x + 1 against targets 1, 4, 3 at x = 0, 1, 2 (outputs 1, 3, 5; errors 0, −1, 2; ½e² = 0, 0.5, 2).
/// </summary>
public sealed class ModelEvaluationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private (ModelDocument Model, string ModelPath, string Data) Line()
    {
        var network = Network<double>.Create(1, [new LayerSpec(1, "identity")], seed: 1);
        network.Layers[0].SetWeights(new double[,] { { 2 } }).SetBias(1);
        var model = ModelDocument.FromNetwork(network) with { Features = ["x"], Targets = ["t"] };
        string path = _folder.File("line.json");
        ModelFile.Save(path, model);
        return (ModelFile.Load(path), path, _folder.Write("line.csv", "x,t,w\n0,1,1\n1,4,2\n2,3,3\n"));
    }

    [Fact]
    public void A_saved_model_is_measured_on_a_file_with_its_own_loss_or_another()
    {
        var (model, path, data) = Line();
        var (result, objective) = ModelEvaluation.Of(model, path, data);
        Assert.Equal(("squared", Reduction.Mean), (objective.Loss.Name, objective.Reduction));
        Assert.Equal(3, result.Samples);
        Assert.Equal(2.5 / 3, result.Loss, 14);
        Assert.Equal(Math.Sqrt(5.0 / 3), result.Regression.Rmse, 14);
        Assert.Equal(1.0, result.Regression.Mae, 14);
        Assert.Null(result.Classification);

        Assert.Equal(2.5, ModelEvaluation.Of(model, path, data, new EvaluationOptions { Reduction = Reduction.Sum }).Result.Loss, 14);
        // Weighted by the w column: (1·0 + 2·0.5 + 3·2) / (1 + 2 + 3) = 7/6.
        Assert.Equal(7.0 / 6, ModelEvaluation.Of(model, path, data, new EvaluationOptions { SampleWeightColumn = "w" }).Result.Loss, 14);
    }

    [Fact]
    public void Settings_that_do_not_fit_the_model_are_refused_naming_the_file()
    {
        var (model, path, data) = Line();
        var notClasses = Assert.Throws<BackpropException>(() =>
            ModelEvaluation.Of(model, path, data, new EvaluationOptions { ClassWeight = ClassWeighting.Balanced }));
        Assert.Equal($"{path}: EvaluationOptions.ClassWeight: the model is not a classifier", notClasses.Message);
        var noColumn = Assert.Throws<DataFormatException>(() => ModelEvaluation.Of(model, path, data, new EvaluationOptions { Targets = ["y"] }));
        Assert.Contains("'y'", noColumn.Message);
    }

    [Fact]
    public void A_saved_model_predicts_every_row_of_a_file_into_a_sink()
    {
        var (model, _, data) = Line();
        var text = new StringWriter();
        var fitted = new Backprop.Estimators.Model(model);
        Assert.Equal(3, fitted.Predict(data, fitted.CsvSink(text)));
        Assert.Equal(["t", "1", "3", "5"], text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
