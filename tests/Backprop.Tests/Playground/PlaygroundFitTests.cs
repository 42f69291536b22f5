using Backprop.Data;
using Backprop.Estimators;
using Backprop.Layers;
using Backprop.Playground;

namespace Backprop.Tests.Playground;

/// <summary>
/// The playground trains through the one pipeline: its network after n epochs — stepped, or played, paused and stepped —
/// is the one a plain <see cref="MlpEstimator"/> <c>Fit</c> of n epochs gives with the same options on the same rows, bit
/// for bit. The expected weights come from that Fit alone, its options written out here (not the playground's mapping).
/// </summary>
public sealed class PlaygroundFitTests
{
    private static readonly PlaygroundSetup Circle = new()
    {
        DataSet = "circle", Features = ["x", "y", "xy"], Layers = [3, 2], Activation = "tanh", LearningRate = 0.1, BatchSize = 7, L2 = 0.001,
        Noise = 10, TrainFraction = 0.6, Seed = 5,
    };

    private static readonly PlaygroundSetup Regression = Circle with { DataSet = "regression", Layers = [4], LearningRate = 0.03, L2 = 0 };

    /// <summary>
    /// What <c>Fit</c> makes of <paramref name="epochs"/> epochs on the setup's training points: a table of the chosen features
    /// (x, y, xy) and the label, the network 3 → hidden (tanh) → 1, plain gradient descent on the raw features.
    /// </summary>
    private static Network<double> Fit(PlaygroundSetup setup, int epochs)
    {
        var data = PlaygroundData.Create(setup);
        var table = new TableBuilder("x", "y", "xy", "label");
        for (int r = 0; r < data.X.Length; r++) table.Add(data.X[r], data.Y[r], data.X[r] * data.Y[r], data.Label[r]);
        bool classes = setup.DataSet == "circle";
        var options = new MlpOptions
        {
            HiddenLayers = setup.Layers, Activations = ["tanh"], OutputActivation = classes ? "sigmoid" : "identity", Features = ["x", "y", "xy"],
            Standardize = false, Classes = classes ? ["0", "1"] : null, Loss = classes ? "cross-entropy" : "squared", Optimizer = "gd",
            LearningRate = setup.LearningRate, BatchSize = 7, L2 = setup.L2, Epochs = epochs, Shuffle = false, Seed = 5, ScaleTarget = false,
            ValidationFraction = 0,
        };
        // 300 points, 60 % of them train: rows 0 to 179.
        var rows = Enumerable.Range(0, 180).ToArray();
        return MlpEstimator.For(options).Fit(table.Build(), "label", rows).Network!;
    }

    private static long[] Bits(Network<double> network) =>
        network.Parameters.SelectMany(p => p.Values).Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static PlaygroundSession Open(PlaygroundSetup setup) =>
        new("test", setup, PlaygroundData.Create(setup), new TrainingSlots(1), TimeSpan.FromMinutes(10));

    [Theory]
    [InlineData("circle", 0, 3 * 3 + 3 + 3 * 2 + 2 + 2 + 1)]
    [InlineData("circle", 3, 3 * 3 + 3 + 3 * 2 + 2 + 2 + 1)]
    [InlineData("regression", 2, 3 * 4 + 4 + 4 + 1)]
    public void Steps_are_a_fit_of_as_many_epochs(string dataSet, int steps, int parameters)
    {
        var setup = dataSet == "circle" ? Circle : Regression;
        using var session = Open(setup);
        Assert.Equal(180, session.Data.TrainCount);
        for (int s = 0; s < steps; s++) Assert.True(session.Control("step"));
        var expected = Bits(Fit(setup, steps));
        Assert.Equal(parameters, expected.Length);
        Assert.Equal(expected, Bits(session.Network));
        Assert.Equal(steps, session.Snapshot()["epoch"]!.GetValue<int>());
    }

    [Fact]
    public void Played_paused_and_stepped_is_one_uninterrupted_fit()
    {
        using var session = Open(Circle);
        session.Control("step");
        Assert.True(session.Control("play"));
        // Waits for the training (against a hang, not a timing): the number of epochs played does not matter.
        for (var end = DateTime.UtcNow.AddSeconds(60); session.Snapshot()["epoch"]!.GetValue<int>() < 40 && DateTime.UtcNow < end;)
            Thread.Sleep(20);
        session.Control("pause");
        int paused = session.Snapshot()["epoch"]!.GetValue<int>();
        Assert.True(paused >= 40, $"{paused} epochs played");
        Assert.True(session.Control("step"));
        var snapshot = session.Snapshot();
        Assert.False(snapshot["playing"]!.GetValue<bool>());
        Assert.Equal(paused + 1, snapshot["epoch"]!.GetValue<int>());
        Assert.Equal(Bits(Fit(Circle, paused + 1)), Bits(session.Network));
        // Reset: the weights a fit starts from, and the next step is its first epoch again.
        session.Control("reset");
        Assert.Equal(Bits(Fit(Circle, 0)), Bits(session.Network));
        session.Control("step");
        Assert.Equal(Bits(Fit(Circle, 1)), Bits(session.Network));
    }

    [Fact]
    public void A_run_that_diverges_keeps_its_last_good_weights_and_says_so_in_one_line()
    {
        // Squared features up to 36 and a learning rate of 10, one point per step: the first epoch overflows.
        var setup = Regression with { Features = ["x2", "y2"], LearningRate = 10, BatchSize = 1 };
        using var session = Open(setup);
        var start = Bits(session.Network);
        Assert.True(session.Control("step"));
        Assert.Equal(start, Bits(session.Network));
        Assert.Equal(0, session.Snapshot()["epoch"]!.GetValue<int>());
        var refused = Assert.Throws<InvalidOperationException>(() => session.Control("play"));
        Assert.Equal("the training diverged after epoch 0 (the loss overflowed): choose a lower learning rate, then reset", refused.Message);
        Assert.False(session.Playing);
        session.Control("reset");
        Assert.True(session.Control("play"));
    }
}
