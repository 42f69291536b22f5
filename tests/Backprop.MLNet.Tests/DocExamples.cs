using Backprop.Estimators;
using Backprop.MLNet;
using Backprop.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Backprop.Runs;

namespace Backprop.MLNet.Tests;

/// <summary>
/// The C# example of docs/interop.md's ML.NET section, line for line (<see cref="DocExampleTests"/> checks that every
/// line is here, in order, and runs it). What follows the example's lines only hands its values to the test.
/// </summary>
internal static class DocExamples
{
    public static (double Accuracy, double RSquared, string Predicted, float[] Scores, float[] LoadedScores, double Auc, double[] RSquaredLost) Iris()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromTextFile<IrisRow>("../shared/data/uci/iris.csv", separatorChar: ',', hasHeader: true);
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.3, seed: 1);
        var pipeline = ml.Transforms.Concatenate("Features", "SepalLength", "SepalWidth", "PetalLength", "PetalWidth")
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "Species"))
            .Append(ml.MulticlassClassification.Trainers.Backprop(new MlpOptions { HiddenLayers = [16], Epochs = 400, LearningRate = 0.01 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"));
        var model = pipeline.Fit(split.TrainSet);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(split.TestSet));
        Console.WriteLine($"accuracy {metrics.MicroAccuracy:F4}, log-loss {metrics.LogLoss:F4}");

        ml.Model.Save(model, data.Schema, "iris-mlnet.zip");       // the weights are in the zip
        var loaded = new MLContext().Model.Load("iris-mlnet.zip", out _);
        var engine = ml.Model.CreatePredictionEngine<IrisRow, IrisPrediction>(loaded);
        var prediction = engine.Predict(new IrisRow { SepalLength = 6.7f, SepalWidth = 3.0f, PetalLength = 5.2f, PetalWidth = 2.3f });
        Console.WriteLine($"{prediction.PredictedSpecies}: {string.Join(", ", prediction.Score.Select(p => p.ToString("F3")))}");
        ModelFile.Save("iris.json", model.OfType<BackpropTransformer>().Single().Model);   // for backprop explain, report, export

        var regression = ml.Transforms.Concatenate("Features", "SepalLength", "SepalWidth", "PetalLength")
            .Append(ml.Transforms.CopyColumns("Label", "PetalWidth"))
            .Append(ml.Regression.Trainers.Backprop(new MlpOptions { HiddenLayers = [8], Activations = ["tanh"], Epochs = 300, LearningRate = 0.01 }))
            .Fit(split.TrainSet);
        var fit = ml.Regression.Evaluate(regression.Transform(split.TestSet));
        Console.WriteLine($"petal width: RMSE {fit.RootMeanSquaredError:F4}, R² {fit.RSquared:F4}");

        var importance = ml.Regression.PermutationFeatureImportance(regression.LastTransformer, regression.Transform(split.TestSet),
            permutationCount: 3);
        Console.WriteLine("R² lost: " + string.Join(", ", new[] { "SepalLength", "SepalWidth", "PetalLength" }
            .Zip(importance, (name, m) => $"{name} {-m.RSquared.Mean:F4}")));

        var versicolor = ml.Transforms.Conversion.MapValue("Label",
                new Dictionary<string, bool> { ["setosa"] = false, ["versicolor"] = true, ["virginica"] = false }, "Species")
            .Append(ml.Transforms.Concatenate("Features", "SepalLength", "SepalWidth", "PetalLength", "PetalWidth"))
            .Append(ml.BinaryClassification.Trainers.Backprop(new MlpOptions { HiddenLayers = [8], Activations = ["tanh"], Epochs = 200,
                LearningRate = 0.01 }))
            .Fit(split.TrainSet);
        var binary = ml.BinaryClassification.Evaluate(versicolor.Transform(split.TestSet));
        Console.WriteLine($"versicolor or not: AUC {binary.AreaUnderRocCurve:F4}, accuracy {binary.Accuracy:F4}, log-loss {binary.LogLoss:F4}");

        var original = ml.Model.CreatePredictionEngine<IrisRow, IrisPrediction>(model);
        var same = original.Predict(new IrisRow { SepalLength = 6.7f, SepalWidth = 3.0f, PetalLength = 5.2f, PetalWidth = 2.3f });
        return (metrics.MicroAccuracy, fit.RSquared, prediction.PredictedSpecies, same.Score, prediction.Score, binary.AreaUnderRocCurve,
            importance.Select(m => -m.RSquared.Mean).ToArray());
    }
}

public sealed class IrisRow
{
    [LoadColumn(0)] public float SepalLength { get; set; }
    [LoadColumn(1)] public float SepalWidth { get; set; }
    [LoadColumn(2)] public float PetalLength { get; set; }
    [LoadColumn(3)] public float PetalWidth { get; set; }
    [LoadColumn(4)] public string Species { get; set; } = "";
}

public sealed class IrisPrediction
{
    public float[] Score { get; set; } = [];
    public string PredictedSpecies { get; set; } = "";
}
