using Backprop.Layers;
using Backprop.Optimizers;

namespace Backprop.Tests.Optimizers;

public class OptimizerTests
{
    /// <summary>Two steps on one weight θ₀ = 1 with gradients 0.5 then −0.2 and η = 0.1; returns θ after each.</summary>
    private static double[] TwoSteps(Optimizer optimizer, bool isWeight = true)
    {
        var p = new Parameter<double>("p", 0, 1, trainable: true, isWeight);
        p.Values[0] = 1;
        var after = new double[2];
        double[] gradients = [0.5, -0.2];
        for (int s = 0; s < 2; s++)
        {
            p.Gradient[0] = gradients[s];
            optimizer.Step([p], 0.1);
            after[s] = p.Values[0];
        }
        return after;
    }

    [Fact]
    public void Gradient_descent_steps_against_the_gradient()
    {
        var θ = TwoSteps(new GradientDescent());
        Assert.Equal(0.95, θ[0], 15);   // 1 − 0.1·0.5
        Assert.Equal(0.97, θ[1], 15);   // 0.95 − 0.1·(−0.2)
    }

    [Fact]
    public void Momentum_two_steps_by_hand()
    {
        var θ = TwoSteps(new Momentum(0.9));
        Assert.Equal(0.95, θ[0], 15);   // v = −0.05
        Assert.Equal(0.925, θ[1], 15);  // v = 0.9·(−0.05) − 0.1·(−0.2) = −0.025
    }

    [Fact]
    public void Nesterov_two_steps_by_hand()
    {
        var θ = TwoSteps(new Momentum(0.9, nesterov: true));
        Assert.Equal(0.905, θ[0], 15);  // 1 + 0.9·(−0.05) − 0.05
        Assert.Equal(0.9025, θ[1], 15); // 0.905 + 0.9·(−0.025) + 0.02
    }

    [Fact]
    public void RmsProp_two_steps_by_hand()
    {
        // Independent: Python floats, s ← 0.9s + 0.1g², θ ← θ − 0.1·g/(√s + 1e-8).
        var θ = TwoSteps(new RmsProp());
        Assert.Equal(0.6837722539831608, θ[0], 14);
        Assert.Equal(0.8066312698027817, θ[1], 14);
    }

    [Fact]
    public void Adam_two_steps_with_bias_correction_by_hand()
    {
        // Step 1: m̂ = 0.05/0.1 = 0.5, v̂ = 0.00025/0.001 = 0.25: θ = 1 − 0.1·0.5/(0.5 + 1e-8).
        // Step 2 (independent: Python floats): m̂ = 0.025/0.19, v̂ = 0.00028975/0.001999.
        var θ = TwoSteps(new Adam());
        Assert.Equal(1 - 0.1 * 0.5 / (0.5 + 1e-8), θ[0], 15);
        Assert.Equal(0.8654394181165107, θ[1], 14);
    }

    [Fact]
    public void AdamW_decays_weights_but_not_biases()
    {
        var θ = TwoSteps(new Adam(weightDecay: 0.01));
        Assert.Equal(0.8990000019999999, θ[0], 14); // Adam's step and 0.1·0.01·1
        Assert.Equal(0.8635404181145107, θ[1], 14);
        var bias = TwoSteps(new Adam(weightDecay: 0.01), isWeight: false);
        Assert.Equal(0.8654394181165107, bias[1], 14); // as plain Adam
    }

    [Fact]
    public void Frozen_parameters_do_not_move()
    {
        var p = new Parameter<double>("b", 0, 1, trainable: false, isWeight: false);
        p.Values[0] = 0.35;
        p.Gradient[0] = 1;
        new Adam().Step([p], 0.1);
        Assert.Equal(0.35, p.Values[0]);
    }

    [Fact]
    public void Exported_state_resumes_to_the_same_bits()
    {
        var straight = new Parameter<double>("p", 0, 3, true, true);
        var resumed = new Parameter<double>("p", 0, 3, true, true);
        double[][] gradients = [[0.3, -0.1, 0.7], [0.2, 0.4, -0.5], [-0.6, 0.1, 0.05]];
        var a = new Adam();
        foreach (var g in gradients) { g.CopyTo(straight.Gradient, 0); a.Step([straight], 0.01); }

        var first = new Adam();
        gradients[0].CopyTo(resumed.Gradient, 0);
        first.Step([resumed], 0.01);
        var second = new Adam();
        second.ImportState<double>(first.ExportState());
        foreach (var g in gradients[1..]) { g.CopyTo(resumed.Gradient, 0); second.Step([resumed], 0.01); }
        Assert.Equal(straight.Values, resumed.Values);
        Assert.Equal(3, second.Steps);
    }

    [Theory]
    [InlineData("gd", "gd")]
    [InlineData("sgd", "gd")]
    [InlineData("momentum", "momentum")]
    [InlineData("nesterov", "nesterov")]
    [InlineData("rmsprop", "rmsprop")]
    [InlineData("adam", "adam")]
    [InlineData("adamw", "adamw")]
    public void Optimizers_are_found_by_name(string name, string canonical) => Assert.Equal(canonical, Optimizer.Create(name).Name);

    [Fact]
    public void An_unknown_optimizer_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => Optimizer.Create("lion"));
        Assert.Contains("adam", e.Message);
    }
}
