using System.Text.Json;
using Backprop.Cli.Examples;
using Backprop.Explain;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Explain;

/// <summary>
/// <c>explain --optimizer adamw</c>: Adam's moments plus the decoupled weight decay η·λ·w on the weights, against numpy; and
/// <c>explain --model</c>, which takes the model's own optimiser and its settings when no <c>--optimizer</c> is given, and says so.
/// </summary>
public sealed class ExplainAdamWTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Explanation Mazur(int steps, double weightDecay = 0.01)
    {
        var s = new MazurExample().Scenario;
        return Explainer.Explain(s.Network, s.Inputs, s.Targets, new ExplainOptions
        {
            Objective = s.Objective, LearningRate = s.LearningRate, Optimizer = "adamw", WeightDecay = weightDecay, Steps = steps,
        });
    }

    // numpy (/usr/bin/python3, numpy 1.24.2) on Mazur's 2-2-2 network, biases fixed, η 0.5, E = Σ½(t − o)², β1 0.9, β2 0.999, ε 1e-8,
    // λ 0.01: g by the chain rule; m = β1m + (1 − β1)g, v = β2v + (1 − β2)g², m̂ = m/(1 − β1ᵗ), v̂ = v/(1 − β2ᵗ),
    // W = W − η·m̂/(√v̂ + ε) − η·λ·W, for t = 1, 2. After step 2 (w1 … w8):
    private static readonly double[] AfterTwo =
    [
        -0.3571783914955058, -0.30768291280097654, -0.3420787765489077, -0.29258364129569664, -0.6015988030132605, -0.5521004369247898,
        1.4459125110418876, 1.4954321668724624,
    ];

    [Fact]
    public void AdamW_on_mazur_adds_the_weight_decay_to_adams_step_and_matches_numpy_for_two_steps()
    {
        // Step 1 by hand: Adam moves w5 by η·g/(|g| + ε) = 0.49999994, and the decay takes η·λ·w5 = 0.5·0.01·0.4 = 0.002 more:
        // w5⁺ = 0.4 − 0.49999994 − 0.002 = −0.10199994 (numpy: −0.10199993914835737).
        var one = Mazur(1);
        Assert.Equal(-0.10199993914835737, one.Quantities["w5+"], 12);
        Assert.Equal(one.Quantities["w5+"] + 0.002, Mazur(1, weightDecay: 0).Quantities["w5+"], 12); // Adam's own step, 0.002 less far
        var e = Mazur(2);
        Assert.Equal(0.015683722991084517, e.Quantities["m_w5"], 14);
        Assert.Equal(1.3614908230535374e-05, e.Quantities["v_w5"], 1e-19);
        var updated = e.Sections[^2].Equations.Where(q => q.Key.EndsWith('+')).Select(q => q.Value).ToArray();
        Assert.Equal(AfterTwo.Length, updated.Length);
        for (int k = 0; k < AfterTwo.Length; k++) Assert.True(Math.Abs(AfterTwo[k] - updated[k]) <= 1e-12, $"w{k + 1}: {updated[k]:R}");
        Assert.Contains(e.Settings, s => s.Key == "optimizer" && s.Value == "adamw (β1 0.9, β2 0.999, ε 1e-08, λ 0.01)");
        Assert.Equal("Update with AdamW (η = 0.5, β1 = 0.9, β2 = 0.999, ε = 1e-08, λ = 0.01), step t = 2", e.Sections[^2].Title);
    }

    [Fact]
    public void The_text_writes_the_decay_term_of_a_weight_out_factor_by_factor()
    {
        var r = CliRunner.Run("explain", "mazur", "--optimizer", "adamw", "--weight-decay", "0.1");
        Assert.True(r.ExitCode == 0, r.Error);
        // numpy as above with λ 0.1: w5⁺ = 0.4 − 0.49999994 − 0.5·0.1·0.4 = −0.11999994.
        Assert.Contains("w5⁺ = w5 - η·m̂_w5 / (√(v̂_w5) + ε) - η·λ·w5", r.Output);
        Assert.Contains("- 0.5·0.1·0.4 = -0.119999939", r.Output);
        Assert.Contains("optimizer adamw (β1 0.9, β2 0.999, ε 1e-08, λ 0.1)", r.Output);
        CliRunner.AssertUserError(CliRunner.Run("explain", "mazur", "--optimizer", "adam", "--weight-decay", "0.1"),
            "--weight-decay is a setting of adamw, and the optimizer is adam");
    }

    [Theory]
    [InlineData("momentum", "--momentum 0.8 --lr 0.05", "momentum (μ 0.8)", "with the model's own optimizer, momentum (η 0.05, μ 0.8;")]
    [InlineData("adamw", "--weight-decay 0.02 --lr 0.01", "adamw (β1 0.9, β2 0.999, ε 1e-08, λ 0.02)",
        "with the model's own optimizer, adamw (η 0.01, λ 0.02;")]
    public void Explain_of_a_model_takes_its_own_optimizer_and_settings_and_says_so(string optimizer, string settings, string shown,
        string title)
    {
        string data = _folder.Write("d.csv", "a,b,y\n0,0,0.1\n0,1,0.9\n1,0,0.8\n1,1,0.2\n0.5,0.5,0.5\n");
        string model = _folder.File($"{optimizer}.json");
        var train = CliRunner.Run(["train", "--data", data, "--target", "y", "--layers", "3", "--epochs", "2", "--optimizer", optimizer,
            .. settings.Split(' '), "--out", model, "--quiet"]);
        Assert.True(train.ExitCode == 0, train.Error);
        var r = CliRunner.Run("explain", "--model", model, "--data", data, "--target", "y", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Error);
        var root = JsonDocument.Parse(r.Output).RootElement;
        Assert.Equal(shown, root.GetProperty("settings").GetProperty("optimizer").GetString());
        Assert.Contains(title, root.GetProperty("title").GetString());
        // --optimizer chooses another, and the title no longer speaks of the model's.
        var gd = JsonDocument.Parse(CliRunner.Run("explain", "--model", model, "--data", data, "--target", "y", "--optimizer", "gd",
            "--format", "json").Output).RootElement;
        Assert.False(gd.GetProperty("settings").TryGetProperty("optimizer", out _));
        Assert.DoesNotContain("own optimizer", gd.GetProperty("title").GetString());
    }
}
