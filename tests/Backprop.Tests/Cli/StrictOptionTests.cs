using Backprop.Tensors;

namespace Backprop.Tests.Cli;

/// <summary>
/// Every numeric option refuses a value outside its documented range (docs/training.md, "Ranges of the options") in one
/// line naming the option and the value, with exit code 1 and no output file.
/// </summary>
public class StrictOptionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Data() => _folder.Write("data.csv", "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0.5,0.5,1\n");

    public static TheoryData<string, string, string> TrainValues => new()
    {
        { "--layers", "", "--layers: the list is empty" },
        { "--layers", "4,,2", "--layers: entry 2 of '4,,2' is empty" },
        { "--layers", "4,", "--layers: entry 2 of '4,' is empty" },
        { "--layers", ",4", "--layers: entry 1 of ',4' is empty" },
        { "--layers", "0", "--layers: '0' is not a layer width" },
        { "--layers", "-1", "--layers: '-1' is not a layer width" },
        { "--layers", "1.5", "--layers: '1.5' is not a layer width" },
        { "--layers", "99999999999", "--layers: '99999999999' is not a layer width" },
        { "--layers", "4;2", "--layers: '4;2' is not a layer width" },
        { "--lr", "0", "--lr must be a finite number greater than 0, not 0" },
        { "--lr", "-1", "--lr must be a finite number greater than 0, not -1" },
        { "--lr", "NaN", "--lr must be a finite number greater than 0, not NaN" },
        { "--lr", "Infinity", "--lr must be a finite number greater than 0, not Infinity" },
        { "--lr", "abc", "--lr: 'abc' is not a number" },
        { "--lr-gamma", "-1", "--lr-gamma must be a number greater than 0 and less than 1, not -1" },
        { "--lr-gamma", "0", "--lr-gamma must be a number greater than 0 and less than 1, not 0" },
        { "--lr-gamma", "1", "--lr-gamma must be a number greater than 0 and less than 1, not 1" },
        { "--lr-gamma", "NaN", "--lr-gamma must be a number greater than 0 and less than 1, not NaN" },
        { "--lr-min", "-0.1", "--lr-min must be a finite number ≥ 0, not -0.1" },
        { "--lr-min", "0.5", "--lr-min: must be below --lr (0.01), not 0.5" },
        { "--lr-min", "0.01", "--lr-min: must be below --lr (0.01), not 0.01" },
        { "--lr-step", "0", "--lr-step must be at least 1, not 0" },
        { "--lr-step", "-3", "--lr-step must be at least 1, not -3" },
        { "--tolerance", "-1", "--tolerance must be a finite number ≥ 0, not -1" },
        { "--tolerance", "NaN", "--tolerance must be a finite number ≥ 0, not NaN" },
        { "--epochs", "-1", "--epochs must be at least 0, not -1" },
        { "--epochs", "1.5", "--epochs: '1.5' is not a whole number" },
        { "--l2", "-0.1", "--l2 must be a finite number ≥ 0, not -0.1" },
        { "--l2", "Infinity", "--l2 must be a finite number ≥ 0, not Infinity" },
        { "--momentum", "-0.1", "--momentum must be a number ≥ 0 and below 1, not -0.1" },
        { "--momentum", "1", "--momentum must be a number ≥ 0 and below 1, not 1" },
        { "--weight-decay", "-0.01", "--weight-decay must be a finite number ≥ 0, not -0.01" },
        { "--weight-decay", "NaN", "--weight-decay must be a finite number ≥ 0, not NaN" },
        { "--clip-norm", "0", "--clip-norm must be a finite number greater than 0, not 0" },
        { "--clip-norm", "-1", "--clip-norm must be a finite number greater than 0, not -1" },
        { "--patience", "0", "--patience must be at least 1, not 0" },
        { "--min-delta", "-1", "--min-delta must be a finite number ≥ 0, not -1" },
        { "--validation-split", "-0.1", "--validation-split must be a number ≥ 0 and below 1, not -0.1" },
        { "--validation-split", "1", "--validation-split must be a number ≥ 0 and below 1, not 1" },
        { "--validation-split", "NaN", "--validation-split must be a number ≥ 0 and below 1, not NaN" },
        { "--validation-freq", "0", "--validation-freq must be at least 1, not 0" },
        { "--target-loss", "-1", "--target-loss must be a finite number ≥ 0, not -1" },
        { "--target-loss", "NaN", "--target-loss must be a finite number ≥ 0, not NaN" },
        { "--seed", "-1", "--seed: '-1' is not a whole number from 0 to 18446744073709551615" },
        { "--seed", "1.5", "--seed: '1.5' is not a whole number from 0 to 18446744073709551615" },
        { "--seed", "18446744073709551616", "--seed: '18446744073709551616' is not a whole number from 0 to 18446744073709551615" },
        { "--checkpoint-every", "0", "--checkpoint-every must be at least 1, not 0" },
        { "--batch-size", "0", "--batch-size: '0' is neither a positive whole number nor 'full'" },
        { "--activation", "relu,,tanh", "--activation: entry 2 of 'relu,,tanh' is empty" },
        { "--output-activation", "softmax", "--output-activation softmax needs two or more outputs" },
    };

    [Theory]
    [MemberData(nameof(TrainValues))]
    public void Train_refuses_a_value_outside_the_range(string option, string value, string problem)
    {
        string output = _folder.File("model.json");
        var args = new List<string> { "train", "--data", Data(), "--target", "y", "--out", output };
        if (option != "--layers") args.AddRange(["--layers", "2"]);
        if (option != "--epochs") args.AddRange(["--epochs", "2"]);
        if (option == "--lr-min") args.AddRange(["--lr", "0.01", "--lr-schedule", "cosine"]); // --lr-min is the cosine schedule's end
        args.AddRange([option, value]);
        var r = CliRunner.Run([.. args]);
        CliRunner.AssertUserError(r, problem);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_folder.Path, "model.json*"));
    }

    [Fact]
    public void Layers_none_trains_a_network_without_hidden_layers()
    {
        // The documented way to ask for no hidden layer: the output layer alone (here logistic regression, 2 weights + bias).
        string output = _folder.File("model.json");
        var r = CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", Data(), "--target", "y", "--classify", "--layers", "none",
            "--epochs", "3", "--out", output);
        Assert.True(r.ExitCode == 0, r.Error);
        var model = Backprop.Serialization.ModelFile.Load(output);
        Assert.Single(model.Layers);
        Assert.Equal(2, model.Layers[0].Weights[0].Length);
    }

    public static TheoryData<string[], string> OtherCommands => new()
    {
        { ["explain", "mazur", "--steps", "0"], "--steps must be at least 1 and at most 1,000,000, not 0" },
        { ["explain", "mazur", "--steps", "2000000"], "--steps must be at least 1 and at most 1,000,000, not 2000000" },
        { ["explain", "mazur", "--lr", "0"], "--lr must be a finite number greater than 0, not 0" },
        { ["explain", "mazur", "--lr", "-0.5"], "--lr must be a finite number greater than 0, not -0.5" },
        { ["explain", "mazur", "--l2", "-1"], "--l2 must be a finite number ≥ 0, not -1" },
        { ["explain", "mazur", "--sample", "0"], "--sample must be at least 1, not 0" },
        { ["explain", "mazur", "--layer", "0"], "--layer must be at least 1, not 0" },
        { ["gradcheck", "--random", "--epsilon", "0"], "--epsilon must be a finite number greater than 0, not 0" },
        { ["gradcheck", "--random", "--epsilon", "NaN"], "--epsilon must be a finite number greater than 0, not NaN" },
        { ["gradcheck", "--random", "--tolerance", "-1"], "--tolerance must be a finite number greater than 0, not -1" },
        { ["gradcheck", "--random", "--l2", "-1"], "--l2 must be a finite number ≥ 0, not -1" },
        { ["gradcheck", "--random", "--seed", "-4"], "--seed: '-4' is not a whole number from 0 to 18446744073709551615" },
        { ["examples", "run", "xor", "--seed", "x"], "--seed: 'x' is not a whole number from 0 to 18446744073709551615" },
    };

    [Theory]
    [MemberData(nameof(OtherCommands))]
    public void Other_commands_refuse_a_value_outside_the_range(string[] args, string problem)
    {
        var r = CliRunner.Run(args);
        CliRunner.AssertUserError(r, problem);
        Assert.Equal("", r.Output);
    }

    [Theory]
    [InlineData("network", "--max-edges", "-1", "--max-edges must be at least 0, not -1")]
    [InlineData("digits", "--count", "0", "--count must be at least 1 and at most 10,000, not 0")]
    [InlineData("digits", "--count", "20000", "--count must be at least 1 and at most 10,000, not 20000")]
    public void Plot_refuses_a_value_outside_the_range(string kind, string option, string value, string problem)
    {
        string model = _folder.Write("m.json",
            """{"format": "backprop.mlp", "version": 1, "inputs": 1, "layers": [{"units": 1, "activation": "identity", "weights": [[0.5]]}]}""");
        string svg = _folder.File("p.svg");
        CliRunner.AssertUserError(CliRunner.Run("plot", kind, "--model", model, "--out", svg, option, value), problem);
        Assert.False(File.Exists(svg));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    [InlineData("1025")]
    [InlineData("+2")]
    public void A_bad_thread_count_is_refused_naming_the_variable(string text)
    {
        var e = Assert.Throws<Backprop.Diagnostics.BackpropException>(() => ThreadSetting.Parse(text));
        Assert.Equal($"BACKPROP_THREADS must be a whole number of threads from 1 to 1,024 (or unset for every core), not '{text}'", e.Message);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("1", 1)]
    [InlineData(" 3 ", 3)]
    [InlineData("1024", 1024)]
    public void A_good_thread_count_is_read(string? text, int? threads) => Assert.Equal(threads, ThreadSetting.Parse(text));
}

/// <summary>BACKPROP_THREADS through the command line: a process-wide setting, so it runs with nothing beside it.</summary>
[Collection(ThreadCountCollection.Name)]
public class ThreadVariableCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Train_with_a_bad_BACKPROP_THREADS_prints_one_line_and_writes_nothing()
    {
        string data = _folder.Write("data.csv", "x,y\n0,0\n1,1\n");
        string output = _folder.File("model.json");
        int saved = Gemm.MaxThreads;
        string? before = Environment.GetEnvironmentVariable("BACKPROP_THREADS");
        try
        {
            Environment.SetEnvironmentVariable("BACKPROP_THREADS", "abc");
            Gemm.MaxThreads = 0; // read the variable again
            var r = CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "2", "--epochs", "1", "--out", output);
            CliRunner.AssertUserError(r, "BACKPROP_THREADS must be a whole number of threads from 1 to 1,024", "not 'abc'");
            Assert.False(File.Exists(output));
        }
        finally
        {
            Environment.SetEnvironmentVariable("BACKPROP_THREADS", before);
            Gemm.MaxThreads = saved;
        }
    }
}
