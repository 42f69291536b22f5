using System.Globalization;
using Backprop.Estimators;
using Backprop.Serialization;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

/// <summary>
/// A category the training rows never held is scored as none of the known ones (every one-hot input 0, scikit-learn's
/// <c>OneHotEncoder(handle_unknown='ignore')</c>), counted and noted once; <c>--unknown error</c> refuses the file. The
/// predictions are checked against a forward pass computed here by hand from the saved weights, with the unseen
/// category's inputs written as zeros.
/// </summary>
public sealed class UnseenCategoryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Training = "x,c,y\n1,a,0.5\n2,b,1.5\n3,c,2.0\n4,a,1.0\n5,b,3.0\n6,c,2.5\n";

    // Rows 1, 3 and 4 hold categories the training rows never had (zz twice, yy once): 3 rows, 2 values.
    private const string Test = "x,c,y\n1.5,zz,1\n2,b,1\n3,yy,2\n4,zz,2\n";

    private string TrainModel(params string[] more)
    {
        string model = _folder.File($"m{more.Length}.json");
        CliRunner.Ok(["train", "--data", _folder.Write("train.csv", Training), "--target", "y", "--layers", "3", "--activation", "tanh",
            "--epochs", "30", "--seed", "1", "--precision", "double", "--quiet", "--out", model, .. more]);
        return model;
    }

    /// <summary>The model's prediction for the given inputs, by hand: tanh hidden layer, identity output, target turned back.</summary>
    private static double Forward(ModelDocument doc, double[] x)
    {
        var (hidden, output) = (doc.DenseLayers[0], doc.DenseLayers[1]);
        Assert.Equal(("tanh", "identity"), (hidden.Activation, output.Activation));
        var h = new double[hidden.Units];
        for (int j = 0; j < h.Length; j++)
        {
            double sum = hidden.Bias![j];
            for (int i = 0; i < x.Length; i++) sum += hidden.Weights[j][i] * x[i];
            h[j] = Math.Tanh(sum);
        }
        double y = output.Bias![0];
        for (int j = 0; j < h.Length; j++) y += output.Weights[0][j] * h[j];
        // The regression target is standardised for training: y's mean 10.5/6 and population standard deviation
        // √(4.375/6) over the six training rows turn the output back into y's units.
        return y * Math.Sqrt(4.375 / 6) + 1.75;
    }

    [Fact]
    public void Unseen_categories_are_scored_as_all_zeros_and_noted_once()
    {
        string model = TrainModel();
        var doc = ModelFile.Load(model);
        // x's training mean and population standard deviation: 21/6 and √(17.5/6); the categories a, b, c in that order.
        double mean = 3.5, scale = Math.Sqrt(17.5 / 6);
        double[][] inputs =
        [
            [(1.5 - mean) / scale, 0, 0, 0],
            [(2 - mean) / scale, 0, 1, 0],
            [(3 - mean) / scale, 0, 0, 0],
            [(4 - mean) / scale, 0, 0, 0],
        ];
        string test = _folder.Write("test.csv", Test), predicted = _folder.File("p.csv");
        var run = CliRunner.Run("predict", "--model", model, "--data", test, "--out", predicted);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("note: 3 rows had categories not seen in training: column 'c' (2 values)\n", run.Error.Replace("\r\n", "\n"));
        var rows = File.ReadAllLines(predicted).Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4, rows.Length);
        for (int r = 0; r < 4; r++) Assert.Equal(Forward(doc, inputs[r]), rows[r], 1e-12);

        // The library reads the same counts from an evaluation.
        var evaluation = ModelEvaluation.Of(doc, model, test);
        Assert.Equal(3, evaluation.Unseen.Rows);
        Assert.Equal([KeyValuePair.Create("c", 2)], evaluation.Unseen.Values);
        Assert.Equal(4, evaluation.Result.Samples);
    }

    [Fact]
    public void Unknown_error_is_saved_in_the_model_and_refuses_the_file_writing_nothing()
    {
        string model = TrainModel("--unknown", "error");
        Assert.Equal(Backprop.Data.Preprocessing.UnknownCategories.Error, ModelFile.Load(model).Options!.UnknownCategories);
        string test = _folder.Write("test.csv", Test), predicted = _folder.File("p.csv");
        CliRunner.AssertUserError(CliRunner.Run("predict", "--model", model, "--data", test, "--out", predicted),
            $"{test}:2:2: 'zz' in column 'c' is a category the model was not trained with (known: a, b, c)");
        Assert.False(File.Exists(predicted));
        CliRunner.AssertUserError(CliRunner.Run("evaluate", "--model", model, "--data", test), "'zz' in column 'c'");
    }

    [Fact]
    public void Predict_and_evaluate_unknown_overrides_the_policy_the_model_was_trained_with()
    {
        string ignoring = TrainModel(), refusing = TrainModel("--unknown", "error");
        string test = _folder.Write("test.csv", Test), predicted = _folder.File("p.csv");
        // A model trained to ignore unseen categories refuses them when asked, writing nothing.
        CliRunner.AssertUserError(CliRunner.Run("predict", "--model", ignoring, "--data", test, "--out", predicted, "--unknown", "error"),
            $"{test}:2:2: 'zz' in column 'c' is a category the model was not trained with (known: a, b, c)");
        Assert.False(File.Exists(predicted));
        CliRunner.AssertUserError(CliRunner.Run("evaluate", "--model", ignoring, "--data", test, "--unknown", "error"), "'zz' in column 'c'");

        // A model trained to refuse them scores every row when told to ignore them: the same numbers as a hand forward
        // pass with the unseen categories' inputs all 0.
        var run = CliRunner.Run("predict", "--model", refusing, "--data", test, "--out", predicted, "--unknown", "ignore");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("note: 3 rows had categories not seen in training: column 'c' (2 values)\n", run.Error.Replace("\r\n", "\n"));
        var doc = ModelFile.Load(refusing);
        double mean = 3.5, scale = Math.Sqrt(17.5 / 6);
        var rows = File.ReadAllLines(predicted).Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(Forward(doc, [(1.5 - mean) / scale, 0, 0, 0]), rows[0], 1e-12);
        Assert.Equal(Forward(doc, [(2 - mean) / scale, 0, 1, 0]), rows[1], 1e-12);
        var evaluated = CliRunner.Run("evaluate", "--model", refusing, "--data", test, "--unknown", "ignore", "--json");
        Assert.Equal(0, evaluated.ExitCode);
        Assert.Contains("\"samples\":4", evaluated.Output.Replace(" ", ""));

        // The file on disk still says error; a bad value is one line.
        Assert.Equal(Backprop.Data.Preprocessing.UnknownCategories.Error, ModelFile.Load(refusing).Options!.UnknownCategories);
        CliRunner.AssertUserError(CliRunner.Run("predict", "--model", refusing, "--data", test, "--unknown", "skip"),
            "--unknown must be ignore or error, not 'skip'");
    }

    [Theory]
    [InlineData(new[] { "--unknown", "maybe" }, "--unknown must be ignore or error, not 'maybe'")]
    [InlineData(new[] { "--missing-categories", "mode" }, "--missing-categories must be own or most-frequent, not 'mode'")]
    [InlineData(new[] { "--missing", "drop", "--missing-categories", "most-frequent" },
        "--missing-categories: says how gaps are filled, but --missing drop fills none")]
    [InlineData(new[] { "--missing", "error", "--missing-indicator" }, "--missing-indicator: marks filled gaps, but --missing error fills none")]
    public void A_policy_that_does_not_apply_is_one_line_naming_the_option_and_writes_nothing(string[] options, string message)
    {
        string model = _folder.File("bad.json");
        var run = CliRunner.Run(["train", "--data", _folder.Write("train.csv", Training), "--target", "y", "--out", model, .. options]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {message}\n", run.Error.Replace("\r\n", "\n"));
        Assert.False(File.Exists(model));
    }
}
