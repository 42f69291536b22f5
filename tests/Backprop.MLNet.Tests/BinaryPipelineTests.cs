using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Backprop.MLNet.Tests;

/// <summary>
/// The binary trainer beside ML.NET's LbfgsLogisticRegression in one pipeline, both evaluated by
/// mlContext.BinaryClassification.Evaluate on the same held-out rows; its Score, Probability and PredictedLabel are the network's.
/// </summary>
public sealed class BinaryPipelineTests
{
    /// <summary>8 tanh units, Adam at 0.01.</summary>
    internal static readonly MlpOptions Options = new() { HiddenLayers = [8], Activations = ["tanh"], Epochs = 200, LearningRate = 0.01 };

    /// <summary>The admissions table: admit (0/1, read as Boolean), gre, gpa and rank (1-4, one-hot), standardised.</summary>
    internal static (IDataView Data, IEstimator<ITransformer> Prepare) Admissions(MLContext ml)
    {
        var data = ml.Data.LoadFromTextFile(TestData.File("admissions/binary.csv"),
            [new("Label", DataKind.Boolean, 0), new("gre", DataKind.Single, 1), new("gpa", DataKind.Single, 2), new("rank", DataKind.String, 3)],
            separatorChar: ',', hasHeader: true);
        var prepare = ml.Transforms.Categorical.OneHotEncoding("rankCode", "rank")
            .Append(ml.Transforms.Concatenate("Features", "gre", "gpa", "rankCode"))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"));
        return (data, prepare);
    }

    /// <summary>Iris, versicolor against the two others: no straight line parts them (a logistic regression's AUC stays far from 1).</summary>
    internal static (IDataView Data, IEstimator<ITransformer> Prepare) Versicolor(MLContext ml)
    {
        var (data, features) = TestData.Load(ml, "uci/iris.csv", "species");
        var prepare = ml.Transforms.Concatenate("Features", features)
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.Transforms.CustomMapping<SpeciesRow, LabelRow>((s, l) => l.Label = s.species == "versicolor", contractName: null));
        return (data, prepare);
    }

    internal sealed class SpeciesRow
    {
        public string species { get; set; } = "";
    }

    internal sealed class LabelRow
    {
        public bool Label { get; set; }
    }

    /// <summary>
    /// Admissions: 200 epochs of 8 tanh units overfit the 281 training rows (held-out AUC 0.5737, log-loss 1.0654 against
    /// L-BFGS's 0.6846 and 0.8598), so the run holds out 20% of them and stops when their loss has not improved for 10 epochs.
    /// </summary>
    internal static readonly MlpOptions AdmissionsOptions = Options with { ValidationFraction = 0.2, Patience = 10 };

    [Theory]
    // Admissions: a straight line is about all there is to learn, and L-BFGS finds the best one; Backprop comes within a margin of 0.03 in AUC,
    // accuracy and log-loss (measured: Backprop AUC 0.6590, accuracy 0.7059, log-loss 0.8784; L-BFGS 0.6846, 0.7143, 0.8598; other seeds
    // of the same options gave AUC 0.66 to 0.69).
    [InlineData("admissions", 0.03)]
    // Versicolor: Backprop at least as good on all three (measured: AUC 1.0000, accuracy 0.9773, log-loss 0.0914; L-BFGS 0.7095, 0.5682,
    // 0.9717).
    [InlineData("versicolor", 0.0)]
    public void BackpropIsEvaluatedByMLNetBesideLbfgsLogisticRegression(string set, double margin)
    {
        var ml = new MLContext(seed: 1);
        var (data, prepare) = set == "admissions" ? Admissions(ml) : Versicolor(ml);
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.3, seed: 1);
        var lbfgs = prepare.Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression()).Fit(split.TrainSet);
        var backprop = prepare.Append(ml.BinaryClassification.Trainers.Backprop(set == "admissions" ? AdmissionsOptions : Options))
            .Fit(split.TrainSet);
        var scored = backprop.Transform(split.TestSet);
        var ours = ml.BinaryClassification.Evaluate(scored);
        var theirs = ml.BinaryClassification.Evaluate(lbfgs.Transform(split.TestSet));
        Console.WriteLine($"{set}: Backprop AUC {ours.AreaUnderRocCurve:F4} accuracy {ours.Accuracy:F4} log-loss {ours.LogLoss:F4}; L-BFGS AUC " +
            $"{theirs.AreaUnderRocCurve:F4} accuracy {theirs.Accuracy:F4} log-loss {theirs.LogLoss:F4}");
        Assert.True(ours.AreaUnderRocCurve >= theirs.AreaUnderRocCurve - margin, $"AUC {ours.AreaUnderRocCurve:F4} < {theirs.AreaUnderRocCurve:F4}");
        Assert.True(ours.LogLoss <= theirs.LogLoss + margin, $"log-loss {ours.LogLoss:F4} > {theirs.LogLoss:F4}");
        Assert.True(ours.Accuracy >= theirs.Accuracy - margin, $"accuracy {ours.Accuracy:F4} < {theirs.Accuracy:F4}");

        // Each row's Probability is the network's output for true, Score its log-odds, PredictedLabel whether it is above one half; ML.NET's
        // accuracy and log-loss (in bits) are those of these columns, counted here.
        var model = backprop.LastTransformer.Model;
        int truth = model.Preprocessing!.Target.Classes!.ToList().IndexOf("true");
        Assert.Equal(("sigmoid", 1), (model.Layers[^1].Activation, model.Layers[^1].Units));
        var rows = TestData.Vectors(scored, "Features");
        var labels = scored.GetColumn<bool>("Label").ToArray();
        var probabilities = TestData.Floats(scored, "Probability");
        var scores = TestData.Floats(scored, "Score");
        var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
        Assert.True(labels.Length > 30, $"{labels.Length} held-out rows");
        double right = 0, bits = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            // Two classes: one sigmoid unit, the probability of the second class.
            double p = Reference.Outputs(model, rows[r]) is [var second] ? truth == 1 ? second : 1 - second : double.NaN;
            Assert.Equal(p, probabilities[r], 1e-6);
            Assert.Equal(Math.Log(p / (1 - p)), scores[r], 1e-3);
            Assert.Equal(p > 0.5, predicted[r]);
            if (predicted[r] == labels[r]) right++;
            bits -= Math.Log2(labels[r] ? probabilities[r] : 1 - (double)probabilities[r]);
        }
        Assert.Equal(right / rows.Length, ours.Accuracy, 1e-12);
        Assert.Equal(bits / rows.Length, ours.LogLoss, 1e-9);
        Assert.Equal([true, false], labels.Distinct().Order().Reverse());
    }
}
