using System.Text.RegularExpressions;

namespace Backprop.Tests.Cli;

/// <summary>Every command's <c>--help</c> ends with real examples, and every example is a command line that parses.</summary>
public class HelpExampleTests
{
    [Theory]
    [InlineData("train")]
    [InlineData("cv")]
    [InlineData("search")]
    [InlineData("predict")]
    [InlineData("evaluate")]
    [InlineData("attribute")]
    [InlineData("examples", "run")]
    [InlineData("explain")]
    [InlineData("gradcheck")]
    [InlineData("report")]
    [InlineData("playground")]
    [InlineData("export")]
    [InlineData("import")]
    [InlineData("import-mat")]
    public void Help_ends_with_examples_that_parse(params string[] command)
    {
        var r = CliRunner.Run([.. command, "--help"]);
        Assert.Equal(0, r.ExitCode);
        var examples = r.Output[(r.Output.LastIndexOf("Examples:\n", StringComparison.Ordinal) + "Examples:\n".Length)..]
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        Assert.NotEmpty(examples);
        foreach (string example in examples)
        {
            // `cat f | backprop …` and `backprop …`: the words after `backprop`, with the shell's quotes taken off.
            string line = example[(example.IndexOf("backprop ", StringComparison.Ordinal) + "backprop ".Length)..];
            var words = Regex.Matches(line, "\"[^\"]*\"|\\S+").Select(m => m.Value.Trim('"')).ToArray();
            Assert.Equal(command[0], words[0]);
            var parsed = CliRunner.Parse(words);
            Assert.True(parsed.Errors.Count == 0, $"'{example}': {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        }
    }
}

/// <summary>Every list of choices in an error is the true list for that place.</summary>
public class ChoiceListTests
{
    [Theory]
    [InlineData("--optimizer", "adamm", "--optimizer: unknown optimizer 'adamm' (expected one of: {optimizers})")]
    [InlineData("--activation", "sigmoidd", "--activation: unknown activation 'sigmoidd' (expected one of: {hidden})")]
    [InlineData("--activation", "softmax", "--activation: softmax belongs on the output layer only (give --output-activation softmax)")]
    [InlineData("--activation", "step",
        "--activation: the step activation has no gradient, so it cannot train a hidden layer (expected one of: {hidden})")]
    public void A_wrong_choice_lists_the_choices_that_place_takes(string option, string value, string line)
    {
        using var folder = new TempFolder();
        string data = folder.Write("d.csv", "x,y\n0,0\n1,1\n");
        var r = CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "2", option, value, "--out", folder.File("m.json"));
        // The built-ins, then those other tests of this process registered (named test-…), which the lists show too.
        string Registered(IEnumerable<string> names) =>
            string.Concat(names.Where(n => n.StartsWith("test-", StringComparison.Ordinal)).Select(n => ", " + n));
        string hidden = "sigmoid, tanh, relu, leaky-relu, identity" + Registered(Backprop.Activations.ActivationRegistry.HiddenNames);
        string optimizers = "gd, momentum, nesterov, rmsprop, adam, adamw" + Registered(Backprop.Optimizers.OptimizerRegistry.Names) + ", lbfgs, cg";
        CliRunner.AssertUserError(r, line.Replace("{hidden}", hidden).Replace("{optimizers}", optimizers));
        Assert.False(File.Exists(folder.File("m.json")));
    }
}
