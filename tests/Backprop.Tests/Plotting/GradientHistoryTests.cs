using System.Globalization;
using System.Text.Json.Nodes;
using Backprop.Serialization;
using Backprop.Tests.Cli;
using Backprop.Tests.Golden;

namespace Backprop.Tests.Plotting;

/// <summary>
/// <c>train --diagnostics</c> keeps each layer's gradient norm of every epoch in the model file (<c>training.gradientNormHistory</c>), as
/// a hand-written backward pass finds it; files without it (every golden file) load as before.
/// </summary>
public class GradientHistoryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Six rows of a, b → y: raw inputs (no standardising), so the test's forward pass reads the file's numbers as they are.</summary>
    private static readonly double[][] Rows =
        [[0.5, -1.0, 0.3], [1.5, 0.2, 1.1], [-0.7, 0.9, -0.4], [0.1, 0.1, 0.0], [2.0, -0.5, 1.6], [-1.2, -1.3, -0.9]];

    private string Data() => _folder.Write("rows.csv", "a,b,y\n" + string.Concat(Rows.Select(r =>
        string.Join(",", r.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "\n")));

    private string[] Run(string data) => ["train", "--data", data, "--target", "y", "--layers", "3", "--activation", "tanh", "--standardize",
        "none", "--scale-target", "false", "--loss", "squared", "--reduction", "sum", "--l2", "0", "--optimizer", "gd", "--lr", "0.05",
        "--batch-size", "full", "--seed", "7", "--quiet"];

    [Fact]
    public void Each_layers_gradient_norm_is_saved_per_epoch_as_a_hand_written_backward_pass_computes_it()
    {
        string data = Data(), first = _folder.File("first.json"), second = _folder.File("second.json");
        CliRunner.Ok([.. Run(data), "--epochs", "3", "--out", first]);
        Assert.Empty(ModelFile.Load(first).Training!.GradientNormHistory); // not asked for: not recorded
        CliRunner.Ok([.. Run(data), "--model", first, "--epochs", "2", "--diagnostics", "--out", second]);

        // The first epoch of the second run starts from the first run's weights W: full batch, so its gradient is ∂E/∂W at W,
        // E = Σₙ ½(yₙ − tₙ)², y = v·tanh(W x + b) + c.
        var start = ModelFile.Load(first).Layers;
        double[][] w = start[0].Weights, v = start[1].Weights;
        double[] b = start[0].Bias!, c = start[1].Bias!;
        double loss = 0;
        var gW = new double[3, 2];
        var gV = new double[3];
        foreach (var row in Rows)
        {
            var h = new double[3];
            for (int j = 0; j < 3; j++) h[j] = Math.Tanh(w[j][0] * row[0] + w[j][1] * row[1] + b[j]);
            double y = v[0][0] * h[0] + v[0][1] * h[1] + v[0][2] * h[2] + c[0], delta = y - row[2];
            loss += 0.5 * delta * delta;
            for (int j = 0; j < 3; j++)
            {
                gV[j] += delta * h[j];
                double hidden = delta * v[0][j] * (1 - h[j] * h[j]);
                gW[j, 0] += hidden * row[0];
                gW[j, 1] += hidden * row[1];
            }
        }
        double normW = Math.Sqrt(gW.Cast<double>().Sum(g => g * g)), normV = Math.Sqrt(gV.Sum(g => g * g));

        var training = ModelFile.Load(second).Training!;
        Assert.Equal(loss, training.LossHistory[0], 12); // the same E, so the same gradient's norm below
        Assert.Equal(2, training.GradientNormHistory.Length);
        Assert.All(training.GradientNormHistory, layer => Assert.Equal(2, layer.Length));
        Assert.Equal(normW, training.GradientNormHistory[0][0], 12);
        Assert.Equal(normV, training.GradientNormHistory[1][0], 12);
        Assert.NotEqual(training.GradientNormHistory[0][0], training.GradientNormHistory[0][1]); // the second epoch has moved on
    }

    [Fact]
    public void Golden_files_have_no_gradient_history_and_still_load()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(GoldenFiles.Folder, "models"), "*.json"))
            Assert.Empty(ModelFile.Load(file).Training?.GradientNormHistory ?? []);
    }

    [Fact]
    public void A_gradient_history_that_does_not_fit_the_network_is_refused_naming_its_place()
    {
        string data = Data(), model = _folder.File("m.json");
        CliRunner.Ok([.. Run(data), "--epochs", "2", "--diagnostics", "--out", model]);
        var json = JsonNode.Parse(File.ReadAllText(model))!;
        var cases = new (Action<JsonNode> Edit, string Place, string Problem)[]
        {
            (n => n["training"]!["gradientNormHistory"]!.AsArray().RemoveAt(1), "training.gradientNormHistory",
                "holds 1 arrays but the network has 2"),
            (n => n["training"]!["gradientNormHistory"]![0]!.AsArray().RemoveAt(0), "training.gradientNormHistory[0]",
                "holds 1 values but the run has 2"),
            (n => n["training"]!["gradientNormHistory"]![1]![0] = -1.0, "training.gradientNormHistory[1][0]", "a norm is never negative"),
            (n => n["training"]!["gradientNormHistory"] = "big", "training.gradientNormHistory", "must be an array"),
        };
        foreach (var (edit, place, problem) in cases)
        {
            var copy = json.DeepClone();
            edit(copy);
            string bad = _folder.Write("bad.json", copy.ToJsonString());
            var e = Assert.ThrowsAny<Backprop.Diagnostics.BackpropException>(() => ModelFile.Load(bad));
            Assert.Contains(place, e.Message);
            Assert.Contains(problem, e.Message);
        }
        // A null reads as not recorded, as a file written before the field.
        var none = json.DeepClone();
        none["training"]!["gradientNormHistory"] = null;
        Assert.Empty(ModelFile.Load(_folder.Write("none.json", none.ToJsonString())).Training!.GradientNormHistory);
    }
}

/// <summary>A resumed run keeps the gradient norms of the epochs before it: the same history as one run of all the epochs.</summary>
public class GradientHistoryResumeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_resumed_run_has_the_gradient_history_of_one_uninterrupted_run()
    {
        string data = _folder.Write("d.csv", "a,b,y\n" + string.Concat(Enumerable.Range(0, 20).Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"{r % 5 * 0.3},{r % 3 - 1},{r % 5 * 0.3 - (r % 3 - 1) * 0.5}\n"))));
        string[] run = ["train", "--data", data, "--target", "y", "--layers", "4", "--optimizer", "momentum", "--lr", "0.05", "--batch-size", "5",
            "--seed", "3", "--diagnostics", "--quiet"];
        string whole = _folder.File("whole.json"), half = _folder.File("half.json"), resumed = _folder.File("resumed.json");
        CliRunner.Ok([.. run, "--epochs", "4", "--out", whole]);
        CliRunner.Ok([.. run, "--epochs", "2", "--out", half]);
        CliRunner.Ok(["train", "--resume", half, "--data", data, "--target", "y", "--epochs", "4", "--diagnostics", "--quiet", "--out", resumed]);
        var expected = ModelFile.Load(whole).Training!.GradientNormHistory;
        var actual = ModelFile.Load(resumed).Training!.GradientNormHistory;
        Assert.Equal(2, expected.Length);
        Assert.Equal(4, expected[0].Length);
        for (int l = 0; l < expected.Length; l++) Assert.Equal(expected[l], actual[l]); // bit for bit
    }
}
