using System.Numerics;
using Backprop.Activations;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Gradients;

namespace Backprop.Tests.Diagnostics;

public class GradientCheckTests
{
    public static TheoryData<int> CaseIndices()
    {
        var data = new TheoryData<int>();
        int count = RandomGradientChecks.Cases().Count();
        for (int i = 0; i < count; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Gradient_matches_finite_differences_for_every_combination(int index)
    {
        var c = RandomGradientChecks.Cases().ElementAt(index);
        var outcome = RandomGradientChecks.Check(c, seed: 100 + (ulong)index);
        Assert.True(outcome.Report.Passed, $"{c}: relative difference {outcome.Report.MaxRelativeDifference:E3}");
        Assert.All(outcome.Report.Parameters, p => Assert.True(p.Checked > 0, $"{p.Name}: nothing was compared"));
    }

    [Fact]
    public void Every_activation_loss_reduction_bias_mode_and_l2_setting_is_covered()
    {
        var cases = RandomGradientChecks.Cases().ToList();
        Assert.Equal(5, cases.Select(c => c.Hidden).Distinct().Count());
        Assert.Equal(2, cases.Select(c => c.Loss).Distinct().Count());
        Assert.Equal(2, cases.Select(c => c.Reduction).Distinct().Count());
        Assert.Equal(3, cases.Select(c => c.Bias).Distinct().Count());
        Assert.Equal(2, cases.Select(c => c.L2).Distinct().Count());
        Assert.Contains(cases, c => c.HiddenWidths.Length == 2);
    }

    /// <summary>
    /// Seed 004's backward pass: its cost is cross-entropy, but its output delta is (y − t)·σ′(z), the delta of the
    /// squared error. The value is right, the gradient wrong.
    /// </summary>
    private sealed class Seed004CrossEntropy : Loss
    {
        private readonly CrossEntropy _cost = new();
        public override string Name => "seed-004";
        public override T Sum<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> target, int width, Activation outputActivation) =>
            _cost.Sum(net, output, target, width, outputActivation);
        public override void OutputDelta<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> target, Span<T> delta, int width,
            Activation outputActivation)
        {
            for (int i = 0; i < output.Length; i++) delta[i] = (output[i] - target[i]) * output[i] * (T.One - output[i]);
        }
    }

    private static (Network<double> Network, Matrix<double> X, Matrix<double> T) DigitsLikeProblem()
    {
        // A 6-4-3 sigmoid network with seed 004's uniform ±0.12 initialisation and one-hot targets.
        var network = Network<double>.Create(6,
            [new LayerSpec(4, "sigmoid", BiasMode.Trainable, new Backprop.Initialization.UniformInitializer(0.12)),
                                                 new LayerSpec(3, "sigmoid", BiasMode.Trainable,
                                                     new Backprop.Initialization.UniformInitializer(0.12))], seed: 4);
        var rng = new Backprop.Initialization.Rng(4, 9);
        var x = new Matrix<double>(8, 6);
        for (int i = 0; i < x.Span.Length; i++) x.Span[i] = rng.NextDouble();
        var t = new Matrix<double>(8, 3);
        for (int r = 0; r < 8; r++) t[r, r % 3] = 1;
        return (network, x, t);
    }

    [Fact]
    public void Seed_004s_output_delta_under_a_cross_entropy_cost_is_caught()
    {
        var (network, x, t) = DigitsLikeProblem();
        var broken = GradientCheck.Run(network, x, t, new Objective(new Seed004CrossEntropy(), Reduction.Mean));
        Assert.False(broken.Passed);
        Assert.True(broken.MaxRelativeDifference > 0.5, $"relative difference {broken.MaxRelativeDifference}");
        var right = GradientCheck.Run(network, x, t, new Objective(new CrossEntropy(), Reduction.Mean));
        Assert.True(right.Passed, $"relative difference {right.MaxRelativeDifference}");
    }

    [Fact]
    public void Seed_004s_gradient_is_m_over_4_times_too_long_at_first_and_points_elsewhere_once_trained()
    {
        // 400-25-10 sigmoid, uniform ±0.12 (seed 004), m = 200 sparse random "images" with one-hot labels.
        const int m = 200;
        var init = new Backprop.Initialization.UniformInitializer(0.12);
        var network = Network<double>.Create(400,
            [new LayerSpec(25, "sigmoid", BiasMode.Trainable, init), new LayerSpec(10, "sigmoid", BiasMode.Trainable, init)], seed: 4);
        var rng = new Backprop.Initialization.Rng(4, 9);
        var x = new Matrix<double>(m, 400);
        for (int i = 0; i < x.Span.Length; i++) x.Span[i] = rng.NextDouble() < 0.2 ? rng.NextDouble() : 0;
        var t = new Matrix<double>(m, 10);
        for (int r = 0; r < m; r++) t[r, rng.NextInt(10)] = 1;
        var cost = new Objective(new CrossEntropy(), Reduction.Mean);
        // What seed 004's backward_pass returns: (y − t)·σ′(z) at the output, summed over samples, no 1/m.
        var seed004 = new Objective(new SquaredError(), Reduction.Sum);

        (double Ratio, double Cosine) Compare()
        {
            var workspace = new Workspace<double>(network, m);
            cost.Evaluate(network, workspace, x, t, computeGradient: true);
            var truth = network.Parameters.SelectMany(p => p.Gradient).ToArray();
            seed004.Evaluate(network, workspace, x, t, computeGradient: true);
            var theirs = network.Parameters.SelectMany(p => p.Gradient).ToArray();
            double dot = truth.Zip(theirs).Sum(p => p.First * p.Second);
            double a = Math.Sqrt(truth.Sum(v => v * v)), b = Math.Sqrt(theirs.Sum(v => v * v));
            return (b / a, dot / (a * b));
        }

        // At the start every output is near 0.5, so σ′ ≈ 1/4 everywhere: the same direction, m/4 = 50 times too long.
        var (ratio, cosine) = Compare();
        Assert.InRange(ratio, 45, 55);
        Assert.True(cosine > 0.999, $"cosine {cosine}");
        // Once outputs saturate, σ′ shrinks most where the error is largest: the direction goes wrong.
        Trainer.Train(network, x, t, new TrainingOptions { Objective = cost, LearningRate = 2, Epochs = 100 });
        (ratio, cosine) = Compare();
        Assert.True(cosine < 0.5, $"cosine {cosine}");
        Assert.True(ratio > 20, $"ratio {ratio}");
    }

    [Fact]
    public void A_gradient_off_by_a_constant_factor_is_caught()
    {
        // Seed 004 also leaves out the 1/m of its cost: a sum-reduced gradient against a mean-reduced cost.
        var (network, x, t) = DigitsLikeProblem();
        var sumGradientMeanCost = new Objective(new ScaledLoss(new CrossEntropy(), 1.0 / x.Rows), Reduction.Sum);
        Assert.True(GradientCheck.Run(network, x, t, sumGradientMeanCost).Passed);
        var wrong = new Objective(new ScaledLoss(new CrossEntropy(), 1.0 / x.Rows, gradientScale: 1.0), Reduction.Sum);
        var report = GradientCheck.Run(network, x, t, wrong);
        Assert.False(report.Passed);
        Assert.Equal((x.Rows - 1.0) / x.Rows, report.MaxRelativeDifference, 6); // |m·g − g| / |m·g| = (m − 1)/m
    }

    /// <summary>A loss whose value is scaled by <c>valueScale</c> and whose delta by <c>gradientScale</c> (the same, unless broken on
    /// purpose).</summary>
    private sealed class ScaledLoss(Loss inner, double valueScale, double? gradientScale = null) : Loss
    {
        public override string Name => "scaled";
        public override string? Incompatibility(Activation outputActivation, int outputs) => inner.Incompatibility(outputActivation, outputs);
        public override T Sum<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> target, int width, Activation outputActivation) =>
            T.CreateChecked(valueScale) * inner.Sum(net, output, target, width, outputActivation);
        public override void OutputDelta<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> target, Span<T> delta, int width,
            Activation outputActivation)
        {
            inner.OutputDelta(net, output, target, delta, width, outputActivation);
            T scale = T.CreateChecked(gradientScale ?? valueScale);
            for (int i = 0; i < output.Length; i++) delta[i] *= scale;
        }
    }

    [Fact]
    public void Gradient_check_refuses_a_step_network()
    {
        var network = Network<double>.Create(2, [new LayerSpec(2, "step"), new LayerSpec(1, "sigmoid")], seed: 1);
        var x = Matrix<double>.FromArray(new double[,] { { 0.1, 0.2 } });
        var t = Matrix<double>.FromArray(new double[,] { { 1 } });
        Assert.Throws<TrainingException>(() => GradientCheck.Run(network, x, t, new Objective(new SquaredError())));
    }
}
