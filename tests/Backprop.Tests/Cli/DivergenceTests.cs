using System.Globalization;
using System.Text.Json;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Serialization;

namespace Backprop.Tests.Cli;

/// <summary>
/// A run whose loss stops being finite exits 1, never writes over a good file, says where its last good weights are
/// and names the likely cause; JSON output writes what is not finite as null; hopeless sizes and damaged checkpoints get one line.
/// </summary>
public class DivergenceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>y = a + 2b on 50 rows of a fixed sequence, with a scaled by <paramref name="inputScale"/> and y by
    /// <paramref name="targetScale"/>.</summary>
    private (string Path, double MaxA, double MaxY) Data(string name, double inputScale = 1, double targetScale = 1)
    {
        var lines = new List<string> { "a,b,y" };
        double maxA = 0, maxY = 0;
        for (int i = 0; i < 50; i++)
        {
            double a = (i % 11 - 5) / 5.0 * inputScale, b = (i % 7 - 3) / 3.0, y = ((i % 11 - 5) / 5.0 + 2 * b) * targetScale;
            (maxA, maxY) = (Math.Max(maxA, Math.Abs(a)), Math.Max(maxY, Math.Abs(y)));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{a:R},{b:R},{y:R}"));
        }
        return (_folder.Write(name, string.Join("\n", lines) + "\n"), maxA, maxY);
    }

    /// <summary>The run these cases diverge in: raw inputs and, as they were pinned, a raw target (--scale-target false: a standardised target
    /// would not diverge).</summary>
    private static string[] Train(string data, string output, params string[] more) =>
        ["train", "--data", data, "--target", "y", "--layers", "3", "--epochs", "20", "--out", output, "--standardize", "none", "--shuffle", "false",
            "--scale-target", "false", .. Old(more)];

    /// <summary>The CLI's defaults before issue 22 (gd, η 0.01) where the caller gives no optimiser or η.</summary>
    private static string[] Old(string[] more) =>
        [.. more, .. more.Contains("--optimizer") ? [] : new[] { "--optimizer", "gd" }, .. more.Contains("--lr") ? [] : new[] { "--lr", "0.01" }];

    [Fact]
    public void A_learning_rate_divergence_leaves_the_good_model_and_saves_beside_it()
    {
        var (data, _, _) = Data("d.csv");
        string model = _folder.File("m.json");
        Assert.Equal(0, CliRunner.Run(Train(data, model)).ExitCode);
        byte[] good = File.ReadAllBytes(model);

        var outcome = CliRunner.Run(Train(data, model, "--lr", "1000"));
        string diverged = _folder.File("m.diverged.json");
        CliRunner.AssertUserError(outcome, "training diverged at epoch", $"are saved in {diverged} ({model} is left as it was)",
            "so the learning rate is the likely cause: lower --lr (now 1000)");
        Assert.Equal(good, File.ReadAllBytes(model));
        var kept = ModelFile.Load(diverged);
        Assert.Equal("Diverged", kept.Training!.StopReason);
        Assert.All(kept.Layers.SelectMany(l => l.Weights.SelectMany(r => r)), w => Assert.True(double.IsFinite(w)));
    }

    [Fact]
    public void Inputs_of_1e100_are_named_as_the_cause_and_the_weights_go_to_a_new_out()
    {
        // Full batch, identity layers: the first step multiplies weights by inputs of 1e100 (finite), the final loss is
        // then of order 1e596: Infinity, though every epoch's loss was finite; the run ends by its epoch count, not by divergence.
        var (data, maxA, _) = Data("big.csv", inputScale: 1e100);
        string model = _folder.File("new.json");
        var outcome = CliRunner.Run(["train", "--data", data, "--target", "y", "--layers", "2", "--activation", "identity", "--batch-size", "full",
            "--lr", "0.01", "--epochs", "1", "--out", model, "--optimizer", "gd", "--standardize", "none"]);
        CliRunner.AssertUserError(outcome, "training diverged: after epoch 1 the loss on the training rows is Infinity", $"are saved in {model};",
            $"the inputs reach {maxA.ToString("0.##e+0", CultureInfo.InvariantCulture)} (column 'a'), so the data's scale is the likely cause: " +
                $"standardise the inputs (--standardize)");
        Assert.Equal("1e+100", maxA.ToString("0.##e+0", CultureInfo.InvariantCulture));
        Assert.Equal("Diverged", ModelFile.Load(model).Training!.StopReason);
        Assert.False(File.Exists(_folder.File("new.diverged.json")));
    }

    [Fact]
    public void Targets_of_1e30_are_named_as_the_cause_and_json_writes_null_with_diverged_true()
    {
        var (data, _, maxY) = Data("bigt.csv", targetScale: 1e30);
        Assert.Equal(3e30, maxY, 1e16); // |1 + 2·1| · 1e30
        string model = _folder.File("t.json");
        var outcome = CliRunner.Run(Train(data, model, "--json"));
        CliRunner.AssertUserError(outcome,
            "the targets reach 3e+30 (column 'y'), so the data's scale is the likely cause: scale the targets down (divide them by 1e+30)");
        using var json = JsonDocument.Parse(outcome.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("diverged").GetBoolean());
        Assert.Equal("Diverged", root.GetProperty("stopReason").GetString());
        Assert.Equal(model, root.GetProperty("model").GetString());
        Assert.True(File.Exists(model));
    }

    [Fact]
    public void Json_writes_a_non_finite_final_loss_as_null()
    {
        var (data, _, _) = Data("big.csv", inputScale: 1e100);
        var outcome = CliRunner.Run(["train", "--data", data, "--target", "y", "--layers", "2", "--activation", "identity", "--batch-size", "full",
            "--lr", "0.01", "--epochs", "1", "--json", "--out", _folder.File("m.json"), "--optimizer", "gd", "--standardize", "none"]);
        Assert.Equal(1, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("finalLoss").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("finalRmse").ValueKind);
        Assert.True(json.RootElement.GetProperty("diverged").GetBoolean());
    }

    [Fact]
    public void Evaluate_json_on_inputs_that_overflow_writes_null_metrics()
    {
        var (data, _, _) = Data("d.csv");
        string model = _folder.File("m.json");
        Assert.Equal(0, CliRunner.Run(Train(data, model, "--activation", "identity")).ExitCode);
        string huge = _folder.Write("huge.csv", "a,b,y\n1.7e308,1.7e308,1\n-1.7e308,1.7e308,2\n");
        var outcome = CliRunner.Run("evaluate", "--model", model, "--data", huge, "--json");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Error);
        using var json = JsonDocument.Parse(outcome.Output);
        Assert.Equal(2, json.RootElement.GetProperty("samples").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("loss").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("rmse").ValueKind);
    }

    [Fact]
    public void A_checkpoint_whose_optimizer_state_is_another_optimizers_is_one_line_naming_the_file()
    {
        var (data, _, _) = Data("d.csv");
        string model = _folder.File("m.json");
        string[] args = Train(data, model, "--optimizer", "adam", "--batch-size", "10");
        using var ctrlC = new CancellationTokenSource();
        ctrlC.Cancel();
        var output = new StringWriter();
        Assert.Equal(130, Backprop.Cli.CliApp.Run(args, output, new StringWriter(), ctrlC.Token));
        string text = File.ReadAllText(model);
        Assert.Contains("\"name\": \"adam\"", text);
        File.WriteAllText(model, text.Replace("\"name\": \"adam\"", "\"name\": \"momentum\""));
        byte[] edited = File.ReadAllBytes(model);

        var outcome = CliRunner.Run("train", "--data", data, "--target", "y", "--resume", model, "--epochs", "20", "--out", model,
            "--optimizer", "adam", "--batch-size", "10", "--lr", "0.01", "--standardize", "none", "--shuffle", "false");
        CliRunner.AssertUserError(outcome, $"{model}:checkpoint.optimizer.name: the training state is momentum's but the run's optimizer is adam");
        Assert.Equal(edited, File.ReadAllBytes(model));
    }

    [Fact]
    public void A_network_too_large_for_memory_is_refused_before_allocating_with_its_size()
    {
        // 2 inputs, 10⁹ hidden units, 1 output: 2·10⁹ + 10⁹ (bias) + 10⁹ + 1 = 4,000,000,001 parameters;
        // values and gradients of three networks in double: 4,000,000,001 × 8 × 6 bytes = 192 GB.
        var (data, _, _) = Data("d.csv");
        string model = _folder.File("m.json");
        var outcome = CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "1000000000", "--out", model);
        CliRunner.AssertUserError(outcome, "the network 2-1000000000-1 has 4,000,000,001 parameters, which need 192 GB to train",
            "but this process may use");
        Assert.False(File.Exists(model));

        var e = Assert.Throws<BackpropException>(() =>
            Network<float>.Create(2, [new LayerSpec(1_000_000_000, "relu"), new LayerSpec(1, "identity")], seed: 1));
        Assert.Contains("4,000,000,001 parameters, which need 96 GB to train", e.Message); // 4 bytes each
    }
}
