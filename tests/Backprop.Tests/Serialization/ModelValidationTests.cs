using Backprop.Tests.Cli;

namespace Backprop.Tests.Serialization;

/// <summary>
/// Every command that loads a model checks it as strictly as <c>train</c> does: each damaged model below is refused by
/// <c>predict</c> (and <c>plot loss</c>, which reads only the training section) in one line naming the file and the field,
/// with no output written.
/// </summary>
public class ModelValidationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Hidden = """{"units": 2, "activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "bias": [0.35, 0.35]}""";
    private const string Output = """{"units": 1, "activation": "sigmoid", "weights": [[0.40, 0.45]], "bias": [0.6]}""";

    private static string Model(string layers = Hidden + ", " + Output, string version = "1", string extra = "") =>
        $$"""{"format": "backprop.mlp", "version": {{version}}, "inputs": 2, "layers": [{{layers}}]{{extra}}""" + "}";

    private static string Pre(string inputs) =>
        $$""", "preprocessing": {"inputs": [{{inputs}}], "target": {"columns": ["y"], "classes": null}""" + "}";

    private static string Training(string fields) => ", \"training\": {" + fields + "}";

    private const string Numeric = """{"column": "x1", "kind": "numeric", "mean": 0, "scale": 1}""";
    private const string Numeric2 = """{"column": "x2", "kind": "numeric", "mean": 0, "scale": 1}""";

    public static TheoryData<string, string, string, string> Damaged => new()
    {
        { "hidden softmax", Model(Hidden.Replace("sigmoid", "softmax") + ", " + Output), "layers[0].activation",
            "layer 1 of 2 is hidden and uses softmax, which belongs on the output layer only" },
        { "one-unit softmax", Model(Hidden + ", " + Output.Replace("sigmoid", "softmax")), "layers[1].activation",
            "softmax over a single output unit is always 1" },
        { "column read twice", Model(extra: Pre(Numeric + ", " + Numeric)), "preprocessing.inputs[1].column",
            "reads column 'x1' a second time (preprocessing.inputs[0] reads it already)" },
        { "target as input", Model(extra: Pre(Numeric + ", " + Numeric2.Replace("x2", "y"))), "preprocessing.inputs[1].column",
            "reads the target column 'y' as an input" },
        { "text in loss history", Model(extra: Training("\"epochs\": 1, \"lossHistory\": [\"x\"]")), "training.lossHistory[0]",
            "must be a finite number, not the string \"x\"" },
        { "history too short", Model(extra: Training("\"epochs\": 3, \"lossHistory\": [1, 0.5]")), "training.lossHistory",
            "holds 2 values but the run has 3 epochs" },
        { "rmse history too long", Model(extra: Training("\"epochs\": 1, \"lossHistory\": [1], \"rmseHistory\": [1, 2, 3]")), "training.rmseHistory",
            "holds 3 values but lossHistory holds 1" },
        { "validation history length", Model(extra: Training("\"epochs\": 2, \"lossHistory\": [1, 0.5], \"validationLossHistory\": [1]")),
            "training.validationLossHistory", "holds 1 values but the run has 2 epochs" },
        { "accuracy above 1", Model(extra: Training("\"epochs\": 1, \"validationAccuracyHistory\": [1.5]")), "training.validationAccuracyHistory",
            "holds 1.5, but an accuracy is between 0 and 1" },
        { "blank loss", Model(extra: Training("\"loss\": \" \"")), "training.loss", "must name a loss, not \" \"" },
        { "empty optimizer", Model(extra: Training("\"optimizer\": \"\"")), "training.optimizer", "must name an optimiser, not \"\"" },
        { "negative learning rate", Model(extra: Training("\"learningRate\": -0.1")), "training.learningRate", "must be greater than 0, not -0.1" },
        { "split of 1", Model(extra: Training("\"validationSplit\": 1")), "training.validationSplit", "must be below 1, not 1" },
        { "version 1.5", Model(version: "1.5"), "version", "model version 1.5 is not supported: this backprop reads version 1" },
        { "version as text", Model(version: "\"1\""), "version", "must be a number, not the string \"1\"" },
        { "training not an object", Model(extra: ", \"training\": 3"), "training", "must be an object, not 3" },
        { "settings not an object", Model(extra: Training("\"settings\": [1]")), "training.settings", "must be an object, not an array" },
        { "negative clip norm", Model(extra: Training("\"settings\": {\"clipNorm\": -1}")), "training.settings.clipNorm",
            "must be greater than 0, not -1" },
        { "patience of 0", Model(extra: Training("\"settings\": {\"patience\": 0}")), "training.settings.patience", "must be at least 1, not 0" },
        { "negative class weight", Model(extra: Training("\"settings\": {\"classWeights\": [1, -2]}")), "training.settings.classWeights",
            "must not hold a negative weight" },
        { "subnormal scale", Model(extra: Pre(Numeric.Replace("\"scale\": 1", "\"scale\": 1e-320") + ", " + Numeric2)),
            "preprocessing.inputs[0].scale",
            "must be a normal positive number (at least 2.2250738585072014E-308), not 1E-320" },
        { "zero scale", Model(extra: Pre(Numeric + ", " + Numeric2.Replace("\"scale\": 1", "\"scale\": 0"))), "preprocessing.inputs[1].scale",
            "must be a normal positive number (at least 2.2250738585072014E-308), not 0" },
        { "schedule as a number", Model(extra: Training("\"settings\": {\"schedule\": 3}")), "training.settings.schedule",
            "must be a string, not 3" },
    };

    [Theory]
    [MemberData(nameof(Damaged))]
    public void Predict_refuses_a_damaged_model_naming_the_file_and_the_field(string name, string json, string field, string problem)
    {
        string model = _folder.Write($"{name.Replace(' ', '-')}.json", json);
        string data = _folder.Write("data.csv", "x1,x2,y\n0,0,0\n1,1,1\n");
        string output = _folder.File("predictions.csv");
        var r = CliRunner.Run("predict", "--model", model, "--data", data, "--out", output);
        CliRunner.AssertUserError(r, $"{model}:{field}: {problem}");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Plot_loss_refuses_a_non_numeric_history_instead_of_plotting_it()
    {
        string model = _folder.Write("m.json", Model(extra: Training("\"epochs\": 2, \"lossHistory\": [1, \"x\"]")));
        string svg = _folder.File("loss.svg");
        CliRunner.AssertUserError(CliRunner.Run("plot", "loss", "--model", model, "--out", svg),
            $"{model}:training.lossHistory[1]: must be a finite number");
        Assert.False(File.Exists(svg));
    }

    [Fact]
    public void Version_1_point_0_is_version_1()
    {
        // Hand computation: h = σ(0.15·1 + 0.20·2 + 0.35) = σ(0.90), h2 = σ(0.25 + 0.60 + 0.35) = σ(1.20);
        // y = σ(0.40·h + 0.45·h2 + 0.6).
        string model = _folder.Write("m.json", Model(version: "1.0"));
        string data = _folder.Write("data.csv", "x1,x2\n1,2\n");
        var r = CliRunner.Run("predict", "--model", model, "--data", data);
        Assert.True(r.ExitCode == 0, r.Error);
        static double S(double z) => 1 / (1 + Math.Exp(-z));
        double expected = S(0.40 * S(0.90) + 0.45 * S(1.20) + 0.6);
        double printed = double.Parse(r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(',')[^1],
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, printed, 1e-9);
    }
}
