namespace Backprop.Tests.Cli;

/// <summary>
/// Values that used to end in a stack trace, or be written and refused by every later command (issue 21): each is
/// now one line at the first command that sees it, exit 1, and no output file written or changed.
/// </summary>
public class ValueRefusalTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Runs train with <paramref name="args"/> on <paramref name="data"/>, over an earlier output that must stay as it was.</summary>
    private void Refused(string data, string[] args, params string[] fragments)
    {
        string output = _folder.Write("model.json", "previous model");
        var r = CliRunner.Run(["train", "--data", data, "--layers", "2", "--epochs", "2", .. args, "--out", output]);
        CliRunner.AssertUserError(r, fragments);
        Assert.Equal("previous model", File.ReadAllText(output));
        Assert.Equal(["data.csv", "model.json"], Directory.GetFiles(_folder.Path).Select(f => Path.GetFileName(f) ?? "").Order().ToArray());
    }

    private string Data(string content) => _folder.Write("data.csv", content);

    [Theory]
    [InlineData("4G")]
    [InlineData("1K")] // read in blocks, through the row cache: the same refusal from the streamed statistics
    public void A_standard_deviation_that_overflows_is_refused_naming_the_column(string budget)
    {
        // All of one sign: the mean is finite (1.33e308), the squared deviations are not.
        // 100 more rows make the file larger than half of 1K, so that it is read in blocks.
        string data = Data("a,b,y\n1e308,2,3\n1e308,5,6\n1.7e308,8,9\n" + string.Concat(Enumerable.Repeat("1,1,1\n", 100)));
        Refused(data, ["--target", "y", "--standardize", "--memory-budget", budget],
            "data.csv: column 'a' has values near 1.7E+308: its standard deviation overflows; rescale it");
    }

    [Fact]
    public void A_mean_that_overflows_is_refused_naming_the_column()
    {
        // Values of both signs near the largest double: x − mean overflows in the running mean.
        Refused(Data("a,b,y\n1.5e308,2,3\n-1.5e308,5,6\n1.5e308,8,9\n"), ["--target", "y", "--missing", "mean"],
            "column 'a' has values near 1.5E+308: their mean overflows; rescale it");
    }

    [Theory]
    [InlineData("--features", "a,a", "--features: names 'a' twice")]
    [InlineData("--one-hot", "a,a", "--one-hot: names 'a' twice")]
    [InlineData("--standardize", "b,b", "--standardize: names 'b' twice")]
    [InlineData("--features", "a,y", "column 'y' cannot be both a feature and a target")]
    [InlineData("--classes", "A,A", "--classes: names 'A' twice")]
    public void A_column_named_twice_is_refused_at_train_time(string option, string value, string fragment)
    {
        Refused(Data("a,b,y\n1,2,A\n4,5,B\n7,8,A\n"), ["--target", "y", option, value], fragment);
    }

    [Fact]
    public void A_target_named_twice_is_refused_naming_the_option()
    {
        Refused(Data("a,b,y\n1,2,3\n4,5,6\n"), ["--target", "y,y"], "--target names column 'y' twice");
    }

    [Theory]
    [InlineData("4G")]
    [InlineData("1K")]
    public void Quoted_decimal_commas_in_a_comma_separated_file_are_refused_with_the_option_that_reads_them(string budget)
    {
        string data = Data("a,b,y\n\"-0,6518\",1,2\n\"0,25\",2,3\n" + string.Concat(Enumerable.Repeat("\"1,75\",3,4\n", 100)));
        Refused(data, ["--target", "y", "--memory-budget", budget],
            "data.csv: column 'a' holds numbers written with a decimal comma (\"-0,6518\"); add --decimal , to read them");
    }

    [Fact]
    public void A_numeric_target_with_quoted_decimal_commas_is_refused_not_made_into_classes()
    {
        Refused(Data("a,y\n1,\"1,5\"\n2,\"2,5\"\n3,\"3,25\"\n"), ["--target", "y"],
            "column 'y' holds numbers written with a decimal comma (\"1,5\")");
    }

    [Fact]
    public void Quoted_decimal_commas_train_with_the_decimal_option_and_predict_refuses_them_without_it_with_the_hint()
    {
        string data = Data("a,y\n\"-0,5\",\"1,5\"\n\"0,25\",\"2,5\"\n\"1,75\",\"3,25\"\n\"1,0\",\"2,0\"\n");
        string model = _folder.File("m.json");
        CliRunner.Ok("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "y", "--layers", "2", "--epochs", "2", "--decimal",
            ",", "--standardize", "--out", model);
        // The standardisation was fitted on the numbers read: mean of -0.5, 0.25, 1.75, 1.0 = 0.625.
        Assert.Contains("\"mean\": 0.625", File.ReadAllText(model));
        var r = CliRunner.Run("predict", "--model", model, "--data", data);
        CliRunner.AssertUserError(r, ":2:1:", "'-0,5' in column 'a' is not a number (it has a decimal comma: add --decimal , to read such numbers)");
    }

    [Fact]
    public void A_text_column_with_some_comma_numbers_stays_categories()
    {
        // "x" is not a number with a decimal comma: the column is text, as before.
        string data = Data("a,b,y\n\"0,5\",1,2\nx,2,3\n\"1,5\",3,4\n");
        CliRunner.Ok("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "y", "--layers", "2", "--epochs", "1", "--out",
            _folder.File("m.json"));
        Assert.Contains("\"one-hot\"", File.ReadAllText(_folder.File("m.json")));
    }

    [Theory]
    [InlineData("--verbose", "abc", "error: --verbose: 'abc' is not a whole number; use 0, 1 or 2 (see 'backprop train --help')")]
    [InlineData("--epochs", "ten", "error: --epochs: 'ten' is not a whole number (see 'backprop train --help')")]
    [InlineData("--lr", "fast", "error: --lr: 'fast' is not a number (see 'backprop train --help')")]
    [InlineData("--seed", "x", "error: --seed: 'x' is not a whole number from 0 to 18446744073709551615 (see 'backprop train --help')")]
    [InlineData("--epochs", "99999999999",
        "error: --epochs: '99999999999' is not a whole number from -2147483648 to 2147483647 (see 'backprop train --help')")]
    public void A_value_not_of_its_options_type_is_one_line_naming_no_dotnet_type(string option, string value, string line)
    {
        string output = _folder.Write("model.json", "previous model");
        var r = CliRunner.Run("train", "--data", Data("a,y\n1,2\n"), "--target", "y", "--layers", "2", option, value, "--out", output);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(line, r.Error.TrimEnd('\n'));
        Assert.DoesNotContain("System.", r.Error);
        Assert.Equal("previous model", File.ReadAllText(output));
    }

    [Fact]
    public void A_model_with_a_subnormal_scale_is_refused_naming_the_field()
    {
        string data = Data("a,b,y\n1,2,3\n4,5,6\n7,8,9\n");
        string model = _folder.File("m.json");
        CliRunner.Ok("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "y", "--layers", "2", "--epochs", "1", "--standardize",
            "--out", model);
        string text = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(model), "\"scale\": [0-9.eE+-]+", "\"scale\": 1e-320");
        File.WriteAllText(model, text);
        string output = _folder.Write("p.csv", "previous predictions");
        var r = CliRunner.Run("predict", "--model", model, "--data", data, "--out", output);
        CliRunner.AssertUserError(r, "m.json:preprocessing.inputs[0].scale: must be a normal positive number", "not 1E-320");
        Assert.Equal("previous predictions", File.ReadAllText(output));
    }

    [Fact]
    public void Control_characters_from_a_cell_are_escaped_and_a_long_cell_is_cut()
    {
        // A cell that would retitle and clear a terminal, then a megabyte: the line shows it escaped and cut.
        string cell = "\u001b]0;title\u0007\u001b[2J\u009b" + new string('z', 1 << 20);
        Refused(Data($"a,y\n1,2\n\"{cell}\",3\n4,5\n"), ["--target", "y"],
            $"data.csv:3:1: '\\e]0;title\\x07\\e[2J\\u009b{new string('z', 85)}…' in column 'a' is not a number");
        var r = CliRunner.Run("train", "--data", _folder.File("data.csv"), "--target", "y", "--layers", "2", "--out", _folder.File("m.json"));
        Assert.Equal(1, r.ExitCode);
        Assert.DoesNotContain(r.Error, c => c is '\u001b' or '\u0007' or '\u009b');
        Assert.True(r.Error.Length < 300, $"the error line is {r.Error.Length:N0} characters");
    }

    [Fact]
    public void Control_characters_in_a_column_name_are_escaped_in_the_line()
    {
        Refused(Data("a,\u001b[2Jb,y\n1,2,3\n4,5,6\n"), ["--target", "y", "--features", "\u001b[2Jb,\u001b[2Jb"],
            "--features: names '\\e[2Jb' twice");
    }

    [Fact]
    public void Gradcheck_compares_a_sample_of_a_large_model_and_says_so()
    {
        var header = string.Join(",", Enumerable.Range(0, 30).Select(i => $"x{i}")) + ",y\n";
        static string Cell(int r, int i) => ((r * 31 + i) % 7 / 7.0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rows = string.Concat(Enumerable.Range(0, 4).Select(r => string.Join(",", Enumerable.Range(0, 31).Select(i => Cell(r, i))) + "\n"));
        string data = Data(header + rows);
        string model = _folder.File("m.json");
        CliRunner.Ok("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "y", "--layers", "10", "--epochs", "1",
            "--out", model);
        // 30×10 = 300 weights in layer 1: 200 of them compared; 10 biases, 10 + 1 in layer 2: all of them.
        string text = CliRunner.Ok("gradcheck", "--model", model, "--data", data);
        Assert.Contains("comparing 221 of the model's 321 values (at most 200 of each layer's weights and biases, chosen from --seed 1); " +
            "--all compares every one", text);
        Assert.Matches(@"layers\[0\]\.weights\s+200 ", text);
        string all = CliRunner.Ok("gradcheck", "--model", model, "--data", data, "--all");
        Assert.DoesNotContain("comparing", all);
        Assert.Matches(@"layers\[0\]\.weights\s+300 ", all);
    }

    [Fact]
    public void A_warning_that_quotes_a_class_escapes_its_control_characters()
    {
        // Sorted by label: the held-out half holds a class no training row has, named with a terminal escape.
        string data = Data("x,y\n1,a\n2,a\n3,b\n4,\u001b[2Jc\n");
        string text = CliRunner.Ok("train", "--data", data, "--target", "y", "--layers", "2", "--epochs", "1", "--validation-split", "0.5",
            "--out", _folder.File("m.json"), "--shuffle", "false");
        Assert.Contains("of the file) hold classes 'b', '\\e[2Jc' that no training row has", text);
        Assert.DoesNotContain('\u001b', text);
    }
}
