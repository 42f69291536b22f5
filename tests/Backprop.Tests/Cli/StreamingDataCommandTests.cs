using System.Diagnostics;
using System.Globalization;
using System.Text;
using Backprop.Data;
using Backprop.Serialization;

namespace Backprop.Tests.Cli;

/// <summary>New ways in: standard input, FIFOs, delimiters, decimal commas, missing values, many categories; streaming predict.</summary>
public class StreamingDataCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Small = "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0.5,0.5,1\n";

    /// <summary>Runs the CLI as its own process with <paramref name="input"/> on standard input.</summary>
    private static CliRunner.Outcome RunProcess(byte[] input, params string[] args)
    {
        string dll = typeof(Backprop.Cli.CliApp).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(60_000), "the CLI did not finish");
        return new CliRunner.Outcome(process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void Standard_input_is_read_once_for_training_and_prediction()
    {
        string model = _folder.File("m.json");
        var train = RunProcess(Encoding.UTF8.GetBytes(Small), "train", "--optimizer", "gd", "--lr", "0.01", "--data", "-", "--target", "y",
            "--layers", "2", "--epochs", "3", "--out", model, "--quiet");
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Equal(5, ModelFile.Load(model).Training!.Rows);
        var predict = RunProcess(Encoding.UTF8.GetBytes(Small), "predict", "--model", model, "--data", "-");
        Assert.True(predict.ExitCode == 0, predict.Error);
        var direct = CliRunner.Run("predict", "--model", model, "--data", _folder.Write("d.csv", Small));
        Assert.Equal(direct.Output, predict.Output);
    }

    [Fact]
    public void A_standard_input_that_ends_mid_row_is_one_line_and_no_model()
    {
        string model = _folder.File("m.json");
        var r = RunProcess("x1,x2,y\n0,0,0\n0,1"u8.ToArray(), "train", "--data", "-", "--target", "y", "--layers", "2", "--out", model);
        CliRunner.AssertUserError(r, "stdin:3: this row has 2 fields but the header has 3");
        Assert.False(File.Exists(model));
    }

    [SkippableFact]
    public void A_fifo_is_read_as_a_stream()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "mkfifo is Linux's");
        string fifo = _folder.File("data.csv");
        using (var mk = Process.Start("mkfifo", [fifo])) mk.WaitForExit();
        var writer = Task.Run(() => File.WriteAllText(fifo, Small));
        var r = CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", fifo, "--target", "y", "--layers", "2", "--epochs", "2",
            "--out", _folder.File("m.json"), "--quiet");
        writer.Wait();
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(5, ModelFile.Load(_folder.File("m.json")).Training!.Rows);
    }

    [SkippableFact]
    public void A_mat_file_from_a_fifo_is_read_to_its_end()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "mkfifo is Linux's");
        string fifo = _folder.File("data.mat");
        using (var mk = Process.Start("mkfifo", [fifo])) mk.WaitForExit();
        var bytes = Backprop.Tests.Data.MatWriter.File([new("X", 4, 2, [0, 0, 1, 1, 0, 1, 0, 1]), new("y", 4, 1, [1, 2, 2, 1])]);
        var writer = Task.Run(() => File.WriteAllBytes(fifo, bytes));
        var r = CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", fifo, "--layers", "2", "--epochs", "2", "--out",
            _folder.File("m.json"), "--quiet");
        writer.Wait();
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(4, ModelFile.Load(_folder.File("m.json")).Training!.Rows);
    }

    [Fact]
    public void Decimal_commas_are_refused_with_a_hint_and_read_with_decimal_comma()
    {
        string data = _folder.Write("eu.csv", "a;b;y\n1,5;2;0\n2,5;4;1\n3,5;6;0\n");
        string model = _folder.File("m.json");
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "2", "--out", model),
            data + ":2:1:", "'1,5' in column 'a' has a decimal comma", "--decimal ,");
        Assert.False(File.Exists(model));
        var r = CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "y", "--layers", "2", "--epochs", "1",
            "--standardize", "--decimal", ",", "--out", model, "--quiet");
        Assert.True(r.ExitCode == 0, r.Error);
        var a = (Backprop.Data.Preprocessing.NumericColumn)ModelFile.Load(model).Preprocessing!.Inputs[0];
        Assert.Equal(2.5, a.Mean, 12);                      // (1.5 + 2.5 + 3.5) / 3
        Assert.Equal(Math.Sqrt(2.0 / 3), a.Scale, 12);      // population sd of 1.5, 2.5, 3.5
    }

    [Fact]
    public void A_given_delimiter_is_used_and_a_bad_one_refused()
    {
        string data = _folder.Write("pipe.csv", "x1|x2|y\n0|0|0\n0|1|1\n1|0|1\n");
        var r = CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "y", "--layers", "2", "--epochs", "1",
            "--delimiter", "|", "--out", _folder.File("m.json"), "--quiet");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(["x1", "x2"], ModelFile.Load(_folder.File("m.json")).Features!);
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "2", "--delimiter", "||", "--out",
            _folder.File("n.json")),
            "--delimiter must be one character");
        Assert.False(File.Exists(_folder.File("n.json")));
    }

    [Fact]
    public void Missing_values_are_named_dropped_or_filled_as_asked()
    {
        string data = _folder.Write("gaps.csv", "x1,x2,y\n0,0,0\n0,?,1\n1,0,1\n1,1,0\nNA,0.5,1\n");
        string model = _folder.File("m.json");
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "2", "--out", model, "--shuffle", "false",
            "--standardize", "none", "--missing", "error"), data + ":3:2:", "column 'x2' has no value ('?')");
        Assert.False(File.Exists(model));
        var drop = CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "2", "--epochs", "1", "--missing", "drop", "--out", model,
            "--shuffle", "false", "--quiet");
        Assert.True(drop.ExitCode == 0, drop.Error);
        Assert.Equal(3, ModelFile.Load(model).Training!.Rows);
        var mean = CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "2", "--epochs", "1", "--missing", "mean", "--out", model,
            "--shuffle", "false", "--quiet");
        Assert.True(mean.ExitCode == 0, mean.Error);
        var inputs = ModelFile.Load(model).Preprocessing!.Inputs.Cast<Backprop.Data.Preprocessing.NumericColumn>().ToArray();
        Assert.Equal(0.5, inputs[0].Fill);    // (0 + 0 + 1 + 1) / 4
        Assert.Equal(0.375, inputs[1].Fill);  // (0 + 0 + 1 + 0.5) / 4
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "2", "--missing", "zero", "--out", model,
            "--shuffle", "false"), "--missing must be mean, median, drop or error, not 'zero'");
    }

    [Fact]
    public void A_text_column_with_too_many_values_is_refused_unless_the_limit_is_raised()
    {
        var text = new StringBuilder("id,x,y\n");
        for (int r = 0; r < 30; r++) text.Append(CultureInfo.InvariantCulture, $"u{r},{r},{r % 2}\n");
        string data = _folder.Write("ids.csv", text.ToString());
        string model = _folder.File("m.json");
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "2", "--max-categories", "20", "--out", model),
            data, "column 'id' holds more than 20 distinct values", "leave it out (--features), or raise --max-categories");
        Assert.False(File.Exists(model));
        var r2 = CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "y", "--layers", "2", "--epochs", "1",
            "--max-categories", "40", "--out", model, "--quiet");
        Assert.True(r2.ExitCode == 0, r2.Error);
        Assert.Equal(31, ModelFile.Load(model).Inputs);
        // Prediction keeps every category of the model's columns, whatever the limit.
        var p = CliRunner.Run("predict", "--model", model, "--data", data);
        Assert.True(p.ExitCode == 0, p.Error);
        Assert.Equal(31, p.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    /// <summary>More rows than one block, a bad value far down, and the model's own precision.</summary>
    private (string Data, string Model) Trained(string precision, int rows = 10_000)
    {
        var random = new Random(11);
        var text = new StringBuilder("a,b,c,kind\n");
        string[] kinds = ["p", "q", "r"];
        for (int r = 0; r < rows; r++)
            text.Append(CultureInfo.InvariantCulture,
                $"{random.NextDouble():R},{random.Next(100)},{(random.Next(2) == 0 ? "u" : "v")},{kinds[random.Next(3)]}\n");
        string data = _folder.Write($"big-{precision}.csv", text.ToString());
        string model = _folder.File($"big-{precision}.json");
        var r2 = CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "kind", "--layers", "4", "--epochs", "1",
            "--standardize", "--precision", precision, "--batch-size", "500", "--out", model, "--quiet");
        Assert.True(r2.ExitCode == 0, r2.Error);
        return (data, model);
    }

    [Theory]
    [InlineData("double")]
    [InlineData("float")]
    public void Streaming_prediction_equals_the_network_run_on_the_whole_table_in_the_models_precision(string precision)
    {
        var (data, modelPath) = Trained(precision);
        string output = _folder.File("p.csv");
        var r = CliRunner.Run("predict", "--model", modelPath, "--data", data, "--out", output);
        Assert.True(r.ExitCode == 0, r.Error);
        var lines = File.ReadAllLines(output);
        Assert.Equal("kind,p(p),p(q),p(r)", lines[0]);
        Assert.Equal(10_001, lines.Length);
        var model = ModelFile.Load(modelPath);
        var table = CsvTable.Read(data);
        double[] expected = precision == "float"
            ? model.ToNetwork<float>().Predict(model.Preprocessing!.EncodeFeatures<float>(table)).Span.ToArray().Select(v => (double)v).ToArray()
            : model.ToNetwork<double>().Predict(model.Preprocessing!.EncodeFeatures(table)).Span.ToArray();
        var read = lines.Skip(1).SelectMany(l => l.Split(',').Skip(1)).Select(v => precision == "float"
            ? (double)float.Parse(v, CultureInfo.InvariantCulture) : double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected, read);
    }

    [Fact]
    public void A_bad_value_in_a_late_block_leaves_the_output_as_it_was()
    {
        var (data, model) = Trained("double");
        var lines = File.ReadAllLines(data);
        lines[9_000] = "0.5,oops,u,p";
        File.WriteAllLines(data, lines);
        string output = _folder.Write("p.csv", "earlier predictions");
        CliRunner.AssertUserError(CliRunner.Run("predict", "--model", model, "--data", data, "--out", output), data + ":9001:2:",
            "'oops' in column 'b' is not a number");
        Assert.Equal("earlier predictions", File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }

    [Fact]
    public void Evaluate_streams_blocks_and_counts_every_row()
    {
        var (data, model) = Trained("float");
        var r = CliRunner.Run("evaluate", "--model", model, "--data", data, "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        using var json = System.Text.Json.JsonDocument.Parse(r.Output);
        Assert.Equal(10_000, json.RootElement.GetProperty("samples").GetInt32());
        Assert.Equal(10_000, json.RootElement.GetProperty("confusion").EnumerateArray().Sum(row => row.EnumerateArray().Sum(v => v.GetInt32())));
        // The loss of the blocks combined is the loss of the whole, computed here in the model's precision.
        var document = ModelFile.Load(model);
        var table = CsvTable.Read(data);
        var network = document.ToNetwork<float>();
        var (loss, _) = Backprop.Training.Trainer.Measure(network, document.Preprocessing!.EncodeFeatures<float>(table),
            document.Preprocessing.EncodeTargets<float>(table),
            new Backprop.Training.Objective(new Backprop.Losses.CrossEntropy()));
        Assert.Equal(loss, json.RootElement.GetProperty("loss").GetDouble(), 5);
    }
}
