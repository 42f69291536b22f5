using System.Globalization;
using Backprop.Initialization;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Examples;

/// <summary>
/// Seed 002's XOR network: 2-4-1 sigmoid, standard-normal weights, zero biases, the gradient summed over
/// the four samples, η = 0.1, 10,000 epochs; the mean squared error printed every 4,000 epochs.
/// </summary>
internal sealed class XorExample : IExample, IExplainable, IModelExample
{
    public const ulong DefaultSeed = 1;
    public const int Epochs = 10_000;

    public string Name => "xor";
    public string Title => "XOR with a 2-4-1 sigmoid network, 10,000 epochs (the GeeksforGeeks example)";

    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>MSE (the seed's np.mean((y − out)²)) at epochs 0, 4000 and 8000 counted from 0 as the seed does, and the final predictions.</summary>
    public sealed record Result(IReadOnlyList<(int Epoch, double Mse)> Losses, double[] Predictions, TrainingResult Training,
        Network<double> Network);

    public static Matrix<double> Inputs => Matrix<double>.FromArray(new double[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
    public static Matrix<double> Targets => Matrix<double>.FromArray(new double[,] { { 0 }, { 1 }, { 1 }, { 0 } });

    /// <summary>The untrained network of <paramref name="seed"/>: weights drawn from N(0, 1), biases 0.</summary>
    public static Network<double> BuildNetwork(ulong seed)
    {
        var normal = new NormalInitializer(1.0);
        return Network<double>.Create(2,
            [new LayerSpec(4, "sigmoid", BiasMode.Trainable, normal), new LayerSpec(1, "sigmoid", BiasMode.Trainable, normal)], seed);
    }

    private static Objective Objective => new(new SquaredError(), Reduction.Sum);

    /// <summary>Training steps on all four samples, as <c>backprop explain xor</c> shows them (the document prints no step's numbers).</summary>
    public ExplainScenario Scenario => new($"{Title}: training steps on the four samples", BuildNetwork(Seed), Inputs, Targets, Objective, 0.1,
        new Dictionary<string, Explain.DocumentNote>()) { InputNames = ["x1", "x2"] };

    /// <summary>The seed's training: the summed error, η = 0.1, 10,000 full-batch epochs.</summary>
    public static TrainingOptions Options(ulong seed) => new() { Objective = Objective, LearningRate = 0.1, Epochs = Epochs, Seed = seed };

    public static Result Compute(ulong seed)
    {
        var network = BuildNetwork(seed);
        var options = Options(seed);
        var result = Trainer.Train(network, Inputs, Targets, options);
        // History entry k is the forward pass of 0-based epoch k, before its update: the seed's `output`.
        var losses = Enumerable.Range(0, Epochs).Where(e => e % 4000 == 0).Select(e => (e, result.History[e].Rmse * result.History[e].Rmse)).ToList();
        var predictions = network.Predict(Inputs);
        return new Result(losses, [.. predictions.Span], result, network);
    }

    public int Run(TextWriter output) => Run(output, _ => { });

    public int Run(TextWriter output, Action<Serialization.ModelDocument> keep)
    {
        var r = Compute(Seed);
        keep(ExampleModels.Trained(r.Network, Options(Seed), r.Training) with { Features = ["x1", "x2"], Targets = ["y"] });
        output.WriteLine(Title);
        output.WriteLine($"weights ~ normal(0, 1) from seed {Seed}, biases 0, trained on {LossWords.Formula("squared", "sum")} over the 4 samples, " +
            "η = 0.1");
        output.WriteLine("the article prints its loss as the mean squared error, MSE = mean of (target - out)² = E/2 here:");
        foreach (var (epoch, mse) in r.Losses) output.WriteLine($"Epoch {epoch}, Loss (MSE): {mse.ToString("G10", CultureInfo.InvariantCulture)}");
        output.WriteLine("Predictions after training:");
        string[] inputs = ["[0, 0]", "[0, 1]", "[1, 0]", "[1, 1]"];
        double[] targets = [0, 1, 1, 0];
        for (int i = 0; i < 4; i++)
            output.WriteLine($"  {inputs[i]} → {r.Predictions[i].ToString("F6", CultureInfo.InvariantCulture)}   (target {targets[i]})");
        bool learned = r.Predictions.Zip(targets).All(p => Math.Abs(p.First - p.Second) < 0.5);
        output.WriteLine(learned
            ? "every prediction is on the right side of 0.5: the network has learned XOR"
            : "this seed fell into a poor local minimum: try another --seed (the GeeksforGeeks article's own run is one draw too)");
        return 0;
    }
}
