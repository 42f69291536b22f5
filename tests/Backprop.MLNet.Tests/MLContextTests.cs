using System.Globalization;
using System.Reflection;
using Backprop.Serialization;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Backprop.MLNet.Tests;

/// <summary>The trainers live in the caller's MLContext as ML.NET's own do: its seed, its log, its CancelExecution.</summary>
public sealed class MLContextTests
{
    private static readonly MlpOptions Quick = new() { HiddenLayers = [5], Epochs = 5, LearningRate = 0.01 };

    private static double[] Weights(ModelDocument model) =>
        model.DenseLayers.SelectMany(l => l.Weights.SelectMany(row => row).Concat(l.Bias ?? [])).ToArray();

    /// <summary>Iris through the catalog's multiclass trainer in a context of <paramref name="seed"/>.</summary>
    private static (MLContext Ml, IDataView Data) Iris(int? seed)
    {
        var ml = new MLContext(seed);
        var (data, features) = TestData.Load(ml, "uci/iris.csv", "species");
        var prepared = ml.Transforms.Concatenate("Features", features).Append(ml.Transforms.Conversion.MapValueToKey("Label", "species"))
            .Fit(data).Transform(data);
        return (ml, prepared);
    }

    private static double[] Trained(int? contextSeed, BackpropTrainerOptions options)
    {
        var (ml, data) = Iris(contextSeed);
        return Weights(ml.MulticlassClassification.Trainers.Backprop(options).Fit(data).Model);
    }

    [Fact]
    public void TheContextsSeedMakesTheWeightsWhenTheOptionsGiveNone()
    {
        var plain = new BackpropTrainerOptions { Mlp = Quick };
        var a = Trained(5, plain);
        Assert.Equal(4 * 5 + 5 + 5 * 3 + 3, a.Length);
        Assert.Equal(a, Trained(5, plain));                                    // the same seed: the same bits
        Assert.NotEqual(a, Trained(6, plain));                                 // another seed: other weights
        // A seed in the options wins over the context's, as LightGbm's does.
        var fixedSeed = new BackpropTrainerOptions { Mlp = Quick, Seed = 3 };
        Assert.Equal(Trained(5, fixedSeed), Trained(6, fixedSeed));
        var mlpSeed = new BackpropTrainerOptions { Mlp = Quick with { Seed = 3 } };
        Assert.Equal(Trained(5, fixedSeed), Trained(6, mlpSeed));
        Assert.NotEqual(a, Trained(5, fixedSeed));
        // A context without a seed draws one: two such contexts give different weights.
        Assert.NotEqual(Trained(null, plain), Trained(null, plain));
    }

    [Fact]
    public void EveryEpochsLossReachesTheContextsLog()
    {
        var (ml, data) = Iris(1);
        var messages = new List<LoggingEventArgs>();
        var trainer = ml.MulticlassClassification.Trainers.Backprop(Quick);
        ml.Log += (_, e) =>
        {
            if (e.Source.Contains("Backprop", StringComparison.Ordinal) && e.Kind == ChannelMessageKind.Info) messages.Add(e);
        };
        var model = trainer.Fit(data);
        var epochs = messages.Where(m => m.RawMessage.StartsWith("epoch ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(5, epochs.Length);
        for (int e = 0; e < 5; e++)
        {
            // The defaults hold rows out: their loss and accuracy follow the training loss.
            var (record, held) = (model.History[e], model.History[e].Validation!);
            Assert.Equal(string.Create(CultureInfo.InvariantCulture,
                $"epoch {e + 1}: loss {record.Loss:G6}, held-out loss {held.Loss:G6}, accuracy {held.Accuracy:F4}"), epochs[e].RawMessage);
            Assert.Equal(ChannelMessageKind.Info, epochs[e].Kind);
            Assert.Equal("BackpropMulticlassTrainer; Training", epochs[e].Source);
        }
        Assert.StartsWith("Backprop: 150 rows, 5 epochs, hidden layers [5], seed ", messages[0].RawMessage);
        Assert.Equal("Backprop: trained 5 epochs", messages[^1].RawMessage);
    }

    /// <summary>MLContext.CancelExecution (internal to ML.NET 5, which its AutoML calls).</summary>
    internal static void Cancel(MLContext ml) =>
        typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!.Invoke(ml, null);

    [Fact]
    public void CancelExecutionFromTheLogStopsTrainingAfterThatEpoch()
    {
        var (ml, data) = Iris(1);
        var trainer = ml.MulticlassClassification.Trainers.Backprop(Quick with { Epochs = 50 });
        var epochs = new List<string>();
        ml.Log += (_, e) =>
        {
            if (!e.RawMessage.StartsWith("epoch ", StringComparison.Ordinal)) return;
            epochs.Add(e.RawMessage);
            if (e.RawMessage.StartsWith("epoch 1:", StringComparison.Ordinal)) Cancel(ml);
        };
        var stopped = Assert.Throws<OperationCanceledException>(() => trainer.Fit(data));
        Assert.Equal("Operation was canceled.", stopped.Message);
        Assert.Single(epochs);
    }

    [Fact]
    public void ACancelledContextStopsBackpropAsItStopsLbfgs()
    {
        var ml = new MLContext(seed: 1);
        var (data, prepare) = BinaryPipelineTests.Admissions(ml);
        var prepared = prepare.Fit(data).Transform(data);
        var lbfgs = ml.BinaryClassification.Trainers.LbfgsLogisticRegression();
        var backprop = ml.BinaryClassification.Trainers.Backprop(Quick);
        Cancel(ml);
        var theirs = Assert.ThrowsAny<OperationCanceledException>(() => lbfgs.Fit(prepared));
        var ours = Assert.ThrowsAny<OperationCanceledException>(() => backprop.Fit(prepared));
        Assert.Equal(theirs.GetType(), ours.GetType());
        Assert.Equal(theirs.Message, ours.Message);
    }
}
