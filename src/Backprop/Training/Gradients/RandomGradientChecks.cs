using Backprop.Initialization;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;

namespace Backprop.Training.Gradients;

/// <summary>
/// Gradient checks of small random networks over every hidden activation, output activation and loss that
/// fit together, reduction, bias mode and L2 setting, each on random data drawn from one seed.
/// </summary>
internal static class RandomGradientChecks
{
    /// <summary>One combination to check.</summary>
    /// <param name="Hidden">The hidden layers' activation.</param>
    /// <param name="Output">The output layer's activation.</param>
    /// <param name="Loss">The loss's name.</param>
    /// <param name="Reduction">Sum or mean over the samples.</param>
    /// <param name="Bias">Trainable, frozen or no bias.</param>
    /// <param name="L2">λ of the L2 penalty.</param>
    /// <param name="HiddenWidths">The hidden layers' widths.</param>
    /// <param name="Weighted">Weigh each sample by a random weight in [0, 2) (class and sample weights), as <see cref="WeightedLoss"/> does.</param>
    public sealed record Case(string Hidden, string Output, string Loss, Reduction Reduction, BiasMode Bias, double L2, int[] HiddenWidths,
        bool Weighted = false)
    {
        /// <inheritdoc />
        public override string ToString() =>
            $"{string.Join("-", HiddenWidths)} {Hidden}→{Output}, {Loss}, {Reduction.ToString().ToLowerInvariant()}, bias " +
                $"{Bias.ToString().ToLowerInvariant()}, l2 {L2}{(Weighted ? ", weighted" : "")}";
    }

    /// <summary>A case with its report.</summary>
    public sealed record Outcome(Case Case, GradientCheckReport Report);

    /// <summary>Every combination: hidden sigmoid, tanh, relu, leaky-relu, identity; outputs with the squared loss and with cross-entropy; sum and
    /// mean; trainable, frozen and no bias; λ = 0 and 0.3; every third with weighted samples.</summary>
    public static IEnumerable<Case> Cases()
    {
        string[] hidden = ["sigmoid", "tanh", "relu", "leaky-relu", "identity"];
        (string Output, string Loss)[] heads =
        [
            ("identity", "squared"), ("sigmoid", "squared"), ("tanh", "squared"), ("softmax", "squared"),
            ("sigmoid", "cross-entropy"), ("softmax", "cross-entropy"),
        ];
        int shape = 0;
        foreach (var h in hidden)
            foreach (var (output, loss) in heads)
                foreach (var reduction in new[] { Reduction.Sum, Reduction.Mean })
                    foreach (var bias in new[] { BiasMode.Trainable, BiasMode.Frozen, BiasMode.None })
                        foreach (var l2 in new[] { 0.0, 0.3 })
                        {
                            bool weighted = shape % 3 == 1;
                            yield return new Case(h, output, loss, reduction, bias, l2, shape++ % 2 == 0 ? [4] : [4, 3], weighted);
                        }
    }

    /// <summary>Builds the case's network and data from <paramref name="seed"/> and checks its gradient.</summary>
    public static Outcome Check(Case c, ulong seed, double epsilon = GradientCheck.DefaultEpsilon, double tolerance = GradientCheck.DefaultTolerance)
    {
        const int inputs = 3, outputs = 3, samples = 5;
        var specs = c.HiddenWidths.Select(w => new LayerSpec(w, c.Hidden, c.Bias, new NormalInitializer(0.8)))
            .Append(new LayerSpec(outputs, c.Output, c.Bias, new NormalInitializer(0.8))).ToList();
        var network = Network<double>.Create(inputs, specs, seed);
        var rng = new Rng(seed, Rng.Streams.Data);
        foreach (var layer in network.Layers)
            if (layer.BiasParameter is not null)
                for (int j = 0; j < layer.Units; j++) layer.BiasParameter.Values[j] = 0.5 * rng.NextGaussian();
        var x = new Matrix<double>(samples, inputs);
        for (int i = 0; i < x.Span.Length; i++) x.Span[i] = rng.NextGaussian();
        var t = new Matrix<double>(samples, outputs);
        for (int r = 0; r < samples; r++)
        {
            int hot = rng.NextInt(outputs);
            for (int k = 0; k < outputs; k++)
                t[r, k] = (c.Loss, c.Output) switch
                {
                    ("cross-entropy", "softmax") or ("squared", "softmax") => k == hot ? 1 : 0,
                    ("cross-entropy", _) => rng.NextInt(2),
                    (_, "sigmoid") => rng.NextDouble(),
                    (_, "tanh") => rng.NextUniform(-1, 1),
                    _ => rng.NextGaussian(),
                };
        }
        var objective = new Objective(Loss.Get(c.Loss), c.Reduction, c.L2);
        Matrix<double>? weights = null;
        if (c.Weighted)
        {
            // Drawn after everything else, so the unweighted cases keep their data.
            weights = new Matrix<double>(samples, 1);
            for (int r = 0; r < samples; r++) weights[r, 0] = 2 * rng.NextDouble();
        }
        return new Outcome(c, GradientCheck.Run(network, x, t, objective, weights, epsilon, tolerance));
    }
}
