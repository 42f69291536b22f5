namespace Backprop.Tests.Cli;

public class BadInputTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private const string GoodModel = """
        {"format": "backprop.mlp", "version": 1, "inputs": 2, "layers": [
          {"units": 2, "activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "bias": [0.35, 0.35], "trainBias": false},
          {"units": 1, "activation": "sigmoid", "weights": [[0.40, 0.45]], "bias": null}]}
        """;

    public void Dispose() => _folder.Dispose();

    private string Data() => _folder.Write("data.csv", "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");

    public static TheoryData<string, string, string> MalformedModels => new()
    {
        { "truncated", GoodModel[..60], "not valid JSON" },
        { "empty", "", "the file is empty" },
        { "version 2", GoodModel.Replace("\"version\": 1", "\"version\": 2"), "model version 2 is not supported" },
        { "ragged weights", GoodModel.Replace("[0.25, 0.30]", "[0.25]"), "layers[0].weights[1]" },
        { "wrong row count", GoodModel.Replace("[[0.40, 0.45]]", "[[0.40, 0.45], [0.1, 0.2]]"), "layers[1].weights" },
        { "unknown activation", GoodModel.Replace("\"activation\": \"sigmoid\"", "\"activation\": \"sigmoidx\""), "unknown activation \"sigmoidx\"" },
        { "bias length", GoodModel.Replace("[0.35, 0.35]", "[0.35]"), "layers[0].bias" },
        { "not a model", """{"hello": 1}""", "not a backprop model" },
        { "number as string", GoodModel.Replace("0.15", "\"0.15\""), "layers[0].weights[0][0]" },
    };

    [Theory]
    [MemberData(nameof(MalformedModels))]
    public void Malformed_model_file_is_rejected_with_its_path(string name, string content, string problem)
    {
        string model = _folder.Write($"{name.Replace(' ', '-')}.json", content);
        string output = _folder.File("out.csv");
        var r = CliRunner.Run("predict", "--model", model, "--data", Data(), "--out", output);
        CliRunner.AssertUserError(r, model, problem);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Missing_model_file_says_so()
    {
        string model = _folder.File("nowhere.json");
        CliRunner.AssertUserError(CliRunner.Run("evaluate", "--model", model, "--data", Data(), "--target", "y"), model, "file not found");
    }

    [Fact]
    public void Failed_training_leaves_an_existing_output_file_untouched()
    {
        string output = _folder.Write("model.json", "previous contents");
        string bad = _folder.Write("bad.csv", "x1,x2,y\n0,0,0\n0,abc,1\n");
        var r = CliRunner.Run("train", "--data", bad, "--target", "y", "--layers", "2", "--out", output);
        CliRunner.AssertUserError(r, bad + ":3:2:", "'abc' in column 'x2' is not a number");
        Assert.Equal("previous contents", File.ReadAllText(output));
        Assert.Single(Directory.GetFiles(_folder.Path, "*model.json*"));
    }

    [Theory]
    [InlineData("0", "--validation-freq must be at least 1, not 0")]
    [InlineData("two", "--validation-freq: 'two' is not a whole number")]
    public void A_bad_validation_frequency_is_refused_before_anything_is_written(string value, string problem)
    {
        string output = _folder.File("model.json");
        var r = CliRunner.Run("train", "--data", Data(), "--target", "y", "--layers", "2", "--validation-split", "0.25", "--validation-freq", value,
            "--out", output);
        CliRunner.AssertUserError(r, problem);
        Assert.Equal("", r.Output);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--epochs", "many", "--epochs: 'many' is not a whole number", "backprop train --help")]
    [InlineData("--no-such-option", "1", "unknown option '--no-such-option' for 'train'", "backprop train --help")]
    public void A_mistyped_option_gives_one_line_and_no_help_page(string option, string value, string problem, string hint)
    {
        string output = _folder.File("model.json");
        var r = CliRunner.Run("train", "--data", Data(), "--target", "y", "--layers", "2", option, value, "--out", output);
        CliRunner.AssertUserError(r, problem, hint);
        Assert.Equal("", r.Output);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Training_through_a_step_layer_is_refused()
    {
        string output = _folder.File("m.json");
        var r = CliRunner.Run("train", "--data", Data(), "--target", "y", "--layers", "2", "--activation", "step", "--out", output);
        CliRunner.AssertUserError(r, "step activation", "no gradient");
        Assert.Equal("", r.Output);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Diverging_training_stops_with_a_clear_message_and_keeps_the_last_good_weights()
    {
        string output = _folder.File("m.json");
        var r = CliRunner.Run("train", "--optimizer", "gd", "--data", Data(), "--target", "y", "--layers", "2", "--activation", "identity",
            "--lr", "1e300", "--epochs", "20", "--out", output);
        CliRunner.AssertUserError(r, "diverged", "last good weights", output);
        var saved = Backprop.Serialization.ModelFile.Load(output);
        Assert.All(saved.Layers.SelectMany(l => l.Weights.SelectMany(w => w)), w => Assert.True(double.IsFinite(w)));
        Assert.All(saved.Training!.LossHistory, l => Assert.True(double.IsFinite(l)));
    }

    [Theory]
    [InlineData("--target", "nosuch", "there is no column 'nosuch'")]
    [InlineData("--loss", "hinge", "unknown loss 'hinge'")]
    [InlineData("--reduction", "median", "'median' is not sum or mean")]
    [InlineData("--batch-size", "zero", "'zero' is neither")]
    [InlineData("--init", "magic", "unknown initialisation 'magic'")]
    [InlineData("--activation", "swish", "unknown activation 'swish'")]
    public void Bad_option_values_are_user_errors(string option, string value, string problem)
    {
        var args = new List<string> { "train", "--data", Data(), "--target", "y", "--layers", "2", "--out", _folder.File("m.json") };
        int at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value; else args.AddRange([option, value]);
        CliRunner.AssertUserError(CliRunner.Run([.. args]), problem);
        Assert.False(File.Exists(_folder.File("m.json")));
    }

    [Fact]
    public void Model_with_other_inputs_than_the_file_is_refused()
    {
        string model = _folder.Write("m.json", GoodModel);
        string data = _folder.Write("three.csv", "a,b,c\n1,2,3\n");
        CliRunner.AssertUserError(CliRunner.Run("predict", "--model", model, "--data", data), data, "takes 2 inputs", "3 feature columns");
    }
}
