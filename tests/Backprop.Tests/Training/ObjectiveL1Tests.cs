using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Gradients;

namespace Backprop.Tests.Training;

/// <summary>
/// The L1 penalty λ₁/m·Σ|w| over the weights (not the biases): its value and its gradient (λ₁/m)·sign(w), worked by hand
/// on a one-layer network, and the whole gradient with it checked against five-point differences on deeper networks.
/// </summary>
public class ObjectiveL1Tests
{
    /// <summary>
    /// 3 inputs → 1 identity unit, w = (0.5, −0.25, 0), b = 0.1, squared loss ½(y − t)² averaged over m = 2 samples, λ₁ = 0.4:
    /// x₁ = (1, 2, 3), t₁ = 0.3 → y₁ = 0.5 − 0.5 + 0 + 0.1 = 0.1, e₁ = y₁ − t₁ = −0.2;
    /// x₂ = (−1, 0.5, 2), t₂ = −0.2 → y₂ = −0.5 − 0.125 + 0 + 0.1 = −0.525, e₂ = −0.325.
    /// E = ½·(½·0.04 + ½·0.105625) + 0.4/2·(0.5 + 0.25 + 0) = 0.03640625 + 0.15 = 0.18640625.
    /// ∂E/∂w₁ = ½·(−0.2·1 − 0.325·(−1)) + 0.2·sign(0.5) = 0.0625 + 0.2 = 0.2625;
    /// ∂E/∂w₂ = ½·(−0.2·2 − 0.325·0.5) + 0.2·sign(−0.25) = −0.28125 − 0.2 = −0.48125;
    /// ∂E/∂w₃ = ½·(−0.2·3 − 0.325·2) + 0 (sign 0 = 0) = −0.625; ∂E/∂b = ½·(−0.2 − 0.325) = −0.2625, no penalty on a bias.
    /// </summary>
    [Fact]
    public void L1_value_and_gradient_match_a_hand_worked_one_layer_example()
    {
        var network = Network<double>.Create(3, [new LayerSpec(1, "identity", BiasMode.Trainable)], 1);
        var layer = network.Layers[0];
        layer.Weights[0, 0] = 0.5;
        layer.Weights[0, 1] = -0.25;
        layer.Weights[0, 2] = 0;
        layer.Bias[0] = 0.1;
        var x = new Matrix<double>(2, 3);
        double[] inputs = [1, 2, 3, -1, 0.5, 2];
        inputs.CopyTo(x.Span);
        var t = new Matrix<double>(2, 1);
        t[0, 0] = 0.3;
        t[1, 0] = -0.2;

        var objective = new Objective(new SquaredError(), Reduction.Mean, L2: 0, L1: 0.4);
        double e = objective.Evaluate(network, new Workspace<double>(network, 2), x, t, computeGradient: true);
        Assert.Equal(0.18640625, e, 14);
        Assert.Equal(0.2625, layer.WeightParameter.Gradient[0], 14);
        Assert.Equal(-0.48125, layer.WeightParameter.Gradient[1], 14);
        Assert.Equal(-0.625, layer.WeightParameter.Gradient[2], 14);
        Assert.Equal(-0.2625, layer.BiasParameter!.Gradient[0], 14);
        Assert.Equal(0.15, objective.Penalty(network, 2), 14);
        Assert.Equal(0.03640625, objective.WithoutPenalties.Value(network, x, t), 14);
    }

    public static TheoryData<string, Reduction, double, double, BiasMode, bool> Cases() => new()
    {
        { "squared", Reduction.Mean, 0, 0.3, BiasMode.Trainable, false },
        { "squared", Reduction.Sum, 0.7, 0.3, BiasMode.Frozen, false },
        { "cross-entropy", Reduction.Mean, 0, 1.5, BiasMode.None, false },
        { "cross-entropy", Reduction.Sum, 0.2, 0.05, BiasMode.Trainable, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void L1_gradient_matches_five_point_differences(string loss, Reduction reduction, double l2, double l1, BiasMode bias, bool weighted)
    {
        var network = Network<double>.Create(3, [new LayerSpec(4, "tanh", bias), new LayerSpec(2, "sigmoid", bias)], 41);
        var random = new Random(5);
        var x = new Matrix<double>(6, 3);
        for (int i = 0; i < x.Span.Length; i++) x.Span[i] = 2 * random.NextDouble() - 1;
        var t = new Matrix<double>(6, 2);
        for (int i = 0; i < t.Span.Length; i++) t.Span[i] = loss == "cross-entropy" ? random.Next(2) : random.NextDouble();
        Matrix<double>? w = null;
        if (weighted)
        {
            w = new Matrix<double>(6, 1);
            for (int i = 0; i < 6; i++) w.Span[i] = 0.5 + i;
        }
        // |w| has no derivative at 0: no weight may be within the differences' reach of it.
        Assert.All(network.Parameters.Where(p => p.IsWeight).SelectMany(p => p.Values), v => Assert.True(Math.Abs(v) > 1e-2, $"{v}"));

        var objective = new Objective(Loss.Get(loss), reduction, l2, l1);
        var report = GradientCheck.Run(network, x, t, objective, w);
        Assert.True(report.Passed, $"largest relative difference {report.MaxRelativeDifference}");
        // The penalty is in the gradient checked: without it the analytic gradient of this objective would be wrong.
        new Objective(Loss.Get(loss), reduction, l2).Evaluate(network, new Workspace<double>(network, 6), x, t, w, computeGradient: true);
        var plain = network.Layers[0].WeightParameter.Gradient[0];
        objective.Evaluate(network, new Workspace<double>(network, 6), x, t, w, computeGradient: true);
        double m = w is null ? 6 : w.Span.ToArray().Sum();
        Assert.Equal(plain + l1 / m * Math.Sign(network.Layers[0].Weights[0, 0]), network.Layers[0].WeightParameter.Gradient[0], 12);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void A_negative_or_non_finite_L1_throws_TrainingException(double l1)
    {
        var network = Network<double>.Create(2, [new LayerSpec(1, "sigmoid", BiasMode.Trainable)], 1);
        var e = Assert.Throws<Backprop.Diagnostics.TrainingException>(() => new Objective(new SquaredError(), L1: l1).EnsureTrainable(network));
        Assert.Contains("L1", e.Message);
    }
}
