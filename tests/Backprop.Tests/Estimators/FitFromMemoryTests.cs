using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Layers;

namespace Backprop.Tests.Estimators;

/// <summary>
/// <see cref="FitControl.ResumeModel"/> and <see cref="FitControl.OnEpoch"/>: a fit stopped in its <c>OnEpoch</c> (at the end
/// of an epoch) or in <c>OnBatch</c> (inside one) and continued from its fitted model in memory ends with the weights of one
/// uninterrupted fit, bit for bit — Adam's moments and the shuffling carried over — and <c>OnEpoch</c> hands a copy of
/// every epoch's network.
/// </summary>
public sealed class FitFromMemoryTests
{
    /// <summary>40 rows of two features and a class, y = 1 when x1 + x2 > 0 (a fixed pattern, no generator).</summary>
    private static CsvTable Table()
    {
        var table = new TableBuilder("x1", "x2", "y");
        for (int i = 0; i < 40; i++)
        {
            double x1 = (i % 9 - 4) / 2.0, x2 = (i % 7 - 3) / 1.5;
            table.Add(x1, x2, x1 + x2 > 0 ? "yes" : "no");
        }
        return table.Build();
    }

    private static readonly MlpOptions Run =
        new() { HiddenLayers = [3], Optimizer = "adam", LearningRate = 0.05, BatchSize = 8, Epochs = 6, Seed = 3 };

    private static long[] Bits(Network<double> network) =>
        network.Parameters.SelectMany(p => p.Values).Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Fact]
    public void Stopped_at_an_epochs_end_and_resumed_from_memory_is_one_uninterrupted_fit()
    {
        var table = Table();
        var whole = MlpEstimator.For(Run).Fit(table, "y");
        Assert.Equal(6, whole.History.Count);

        using var stop = new CancellationTokenSource();
        var seen = new List<(int Epoch, Network<double> Network)>();
        var first = MlpEstimator.For(Run).Fit(table, "y", control: new FitControl
        {
            Cancellation = stop.Token,
            OnEpoch = (record, network) =>
            {
                seen.Add((record.Epoch, network));
                if (record.Epoch == 2) stop.Cancel();
            },
        });
        Assert.Equal([1, 2], seen.Select(s => s.Epoch));
        Assert.Equal((3, 0), (first.FittedModel!.Document.Checkpoint!.Epoch, first.FittedModel.Document.Checkpoint.NextBatch)); // epoch 3 next
        Assert.Equal(Bits(first.Network!), Bits(seen[1].Network));
        Assert.NotEqual(Bits(seen[0].Network), Bits(seen[1].Network)); // a copy per epoch, not the run's own network

        var epochs = new List<int>();
        var second = MlpEstimator.For(Run).Fit(table, "y", control: new FitControl
        {
            ResumeModel = first.FittedModel, OnEpoch = (record, _) => epochs.Add(record.Epoch),
        });
        Assert.Equal([3, 4, 5, 6], epochs);
        Assert.Equal(Bits(whole.Network!), Bits(second.Network!));
        Assert.Equal(whole.History.Select(h => h.Loss), second.History.Select(h => h.Loss));
    }

    [Fact]
    public void Stopped_inside_an_epoch_and_resumed_from_memory_is_one_uninterrupted_fit()
    {
        var table = Table();
        var whole = MlpEstimator.For(Run).Fit(table, "y");
        using var stop = new CancellationTokenSource();
        // 40 rows in batches of 8: five batches an epoch; stop after the second batch of epoch 4.
        var first = MlpEstimator.For(Run).Fit(table, "y", control: new FitControl
        {
            Cancellation = stop.Token,
            OnBatch = (epoch, batch, batches) =>
            {
                Assert.Equal(5, batches);
                if (epoch == 4 && batch == 2) stop.Cancel();
            },
        });
        Assert.Equal(3, first.History.Count);
        Assert.Equal((4, 2), (first.FittedModel!.Document.Checkpoint!.Epoch, first.FittedModel.Document.Checkpoint.NextBatch));
        var epochs = new List<int>();
        var second = MlpEstimator.For(Run).Fit(table, "y", control: new FitControl
        {
            ResumeModel = first.FittedModel, OnEpoch = (record, _) => epochs.Add(record.Epoch),
        });
        Assert.Equal([4, 5, 6], epochs); // epoch 4 finished from its third batch, not trained again from the start
        Assert.Equal(Bits(whole.Network!), Bits(second.Network!));
    }

    [Fact]
    public void A_model_in_memory_without_training_state_or_given_with_a_file_is_refused_in_one_line()
    {
        var table = Table();
        var fitted = MlpEstimator.For(Run with { Epochs = 1 }).Fit(table, "y").FittedModel!;
        var stateless = new Model(fitted.Document with { Checkpoint = null });
        var e = Assert.Throws<BackpropException>(() => MlpEstimator.For(Run).Fit(table, "y", control: new FitControl { ResumeModel = stateless }));
        Assert.StartsWith("FitControl.ResumeModel: this model holds no training state to resume", e.Message);
        e = Assert.Throws<BackpropException>(() =>
            MlpEstimator.For(Run).Fit(table, "y", control: new FitControl { ResumeModel = fitted, StartFrom = "start.json" }));
        Assert.Equal("give FitControl.ResumeModel, FitControl.Resume or FitControl.StartFrom, not two of them", e.Message);
    }
}
