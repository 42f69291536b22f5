using System.Text.Json;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Golden;

/// <summary>
/// Model files written at commit b5420f3 (<c>Golden/README.md</c>) still load, predict and evaluate to the same bits,
/// and the resumable ones resume to the same weights: the promise that old model files keep working.
/// The expected files come from that commit's CLI, not from the code under test.
/// </summary>
public class GoldenModelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Models =>
        ["classifier", "regression", "float", "dropout", "weighted", "resumable", "lbfgs", "numeric", "imported", "theta"];

    [Theory]
    [MemberData(nameof(Models))]
    public void Predict_prints_the_same_text_as_at_b5420f3(string model)
    {
        // predict writes each number in round-trip form ("R"; a float model's as float), so equal text is equal bits.
        string output = CliRunner.Ok("predict", "--model", GoldenFiles.Model(model), "--data", GoldenFiles.PredictInput(model));
        string expected = File.ReadAllText(GoldenFiles.Expected(model + ".predict.csv"));
        Assert.Equal(expected.ReplaceLineEndings(), output.ReplaceLineEndings());
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Predict_to_a_file_writes_the_same_text_as_at_b5420f3(string model)
    {
        string output = _folder.File(model + ".csv");
        CliRunner.Ok("predict", "--model", GoldenFiles.Model(model), "--data", GoldenFiles.PredictInput(model), "--out", output);
        Assert.Equal(File.ReadAllText(GoldenFiles.Expected(model + ".predict.csv")), File.ReadAllText(output));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Evaluate_gives_every_measure_of_b5420f3_to_the_bit(string model)
    {
        var (data, target) = GoldenFiles.EvaluateInput(model);
        string output = CliRunner.Ok(["evaluate", "--model", GoldenFiles.Model(model), "--data", data, .. target, "--json"]);
        using var expected = JsonDocument.Parse(File.ReadAllText(GoldenFiles.Expected(model + ".evaluate.json")));
        using var actual = JsonDocument.Parse(output);
        // Every value of the expected object, by key: a measure added later does not fail, a changed one does.
        AssertContains(expected.RootElement, actual.RootElement, "evaluate");
    }

    /// <summary>
    /// The continuation command of each resumable file: its training command with --resume and more epochs, and
    /// <c>--shuffle false</c> where the run did not shuffle (the default then; the CLI shuffles by default since issue 22).
    /// </summary>
    public static TheoryData<string, string[]> Resumes => new()
    {
        { "resumable", ["--target", "kind", "--features", "colour,size,weight", "--standardize", "--validation-split", "0.25",
            "--shuffle", "--layers", "4", "--activation", "relu", "--optimizer", "adam", "--lr", "0.01",
            "--lr-schedule", "exponential", "--lr-gamma", "0.9", "--batch-size", "10", "--seed", "8", "--epochs", "10"] },
        { "regression", ["--target", "price", "--features", "colour,size,weight", "--standardize", "size,weight", "--layers", "5",
            "--activation", "tanh", "--optimizer", "momentum", "--momentum", "0.9", "--lr", "0.01", "--lr-schedule", "step",
            "--lr-step", "10", "--lr-gamma", "0.5", "--batch-size", "8", "--seed", "4", "--epochs", "50", "--shuffle", "false"] },
        { "lbfgs", ["--target", "price,weight", "--features", "colour,size", "--standardize", "--layers", "3",
            "--activation", "tanh", "--optimizer", "lbfgs", "--seed", "9", "--epochs", "12", "--shuffle", "false"] },
    };

    [Theory]
    [MemberData(nameof(Resumes))]
    public void Resuming_continues_to_the_weights_of_b5420f3(string model, string[] settings)
    {
        string output = _folder.File(model + ".resumed.json");
        string golden = GoldenFiles.Model(model);
        byte[] before = File.ReadAllBytes(golden);
        CliRunner.Ok(["train", "--data", GoldenFiles.Data("train.csv"), .. settings, "--quiet", "--resume", golden, "--out", output]);
        // The weights, not the file's text: the format may gain a section, the numbers may not change.
        GoldenFiles.AssertSameBits(GoldenFiles.Weights(GoldenFiles.Expected(model + ".resumed.json")), GoldenFiles.Weights(output),
            $"{model} resumed");
        Assert.Equal(before, File.ReadAllBytes(golden)); // the file resumed from is an input: never written
    }

    /// <summary>The same continuations with only the target and the epochs typed: the rest comes from the file (issue 22).</summary>
    public static TheoryData<string, string, string> ShortResumes => new()
    {
        { "resumable", "kind", "10" },
        { "regression", "price", "50" },
        { "lbfgs", "price,weight", "12" },
    };

    [Theory]
    [MemberData(nameof(ShortResumes))]
    public void Resuming_with_the_target_and_epochs_alone_continues_to_the_same_weights(string model, string target, string epochs)
    {
        string output = _folder.File(model + ".short.json");
        CliRunner.Ok(["train", "--data", GoldenFiles.Data("train.csv"), "--target", target, "--epochs", epochs, "--quiet", "--resume",
            GoldenFiles.Model(model), "--out", output]);
        GoldenFiles.AssertSameBits(GoldenFiles.Weights(GoldenFiles.Expected(model + ".resumed.json")), GoldenFiles.Weights(output),
            $"{model} resumed with its saved options");
    }

    [Fact]
    public void Resumed_model_predicts_as_the_one_resumed_at_b5420f3()
    {
        // The resumed file of b5420f3 is itself a model file of that version: it loads and predicts.
        string output = CliRunner.Ok("predict", "--model", GoldenFiles.Expected("resumable.resumed.json"), "--data", GoldenFiles.Input);
        var rows = output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal("kind,p(large),p(medium),p(small)", rows[0]);
        Assert.Equal("small,0.2933528349633813,0.32554616500561295,0.3811010000310058", rows[1]);
        Assert.Equal(9, rows.Length);
    }

    [Fact]
    public void Importing_the_onnx_graph_of_b5420f3_gives_the_same_weights()
    {
        string output = _folder.File("imported.json");
        CliRunner.Ok("import", "--format", "onnx", GoldenFiles.Data("numeric.onnx"), "--out", output);
        GoldenFiles.AssertSameBits(GoldenFiles.Weights(GoldenFiles.Model("imported")), GoldenFiles.Weights(output), "imported");
        GoldenFiles.AssertSameBits(GoldenFiles.Weights(GoldenFiles.Model("numeric")), GoldenFiles.Weights(output), "numeric");
    }

    [Fact]
    public void Importing_the_theta_matrices_gives_the_same_weights()
    {
        string output = _folder.File("theta.json");
        CliRunner.Ok("import-mat", GoldenFiles.Data("theta.mat"), "--out", output);
        // Theta1 and Theta2 of data/theta.mat, bias column first: the model's weights are exactly these numbers.
        double[] theta = [-0.4, 0.25, 0.5, 0.75, 0.125, -0.6, 0.1, -0.3, 0.2, 1.5, -1.25, 0.375, -0.75, 1, 0.5, -0.5, 0.25];
        GoldenFiles.AssertSameBits(theta, GoldenFiles.Weights(output), "import-mat");
        GoldenFiles.AssertSameBits(theta, GoldenFiles.Weights(GoldenFiles.Model("theta")), "theta.json");
    }

    private static void AssertContains(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: {actual.ValueKind}, expected {expected.ValueKind}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in expected.EnumerateObject())
                {
                    Assert.True(actual.TryGetProperty(property.Name, out var value), $"{path}.{property.Name} is missing");
                    AssertContains(property.Value, value, $"{path}.{property.Name}");
                }
                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: {actual.GetArrayLength()} entries");
                foreach (var (e, a, i) in expected.EnumerateArray().Zip(actual.EnumerateArray()).Select((p, i) => (p.First, p.Second, i)))
                    AssertContains(e, a, $"{path}[{i}]");
                break;
            case JsonValueKind.Number:
                GoldenFiles.AssertSameBits([expected.GetDouble()], [actual.GetDouble()], path);
                break;
            default:
                Assert.Equal(expected.GetRawText(), actual.GetRawText());
                break;
        }
    }
}
