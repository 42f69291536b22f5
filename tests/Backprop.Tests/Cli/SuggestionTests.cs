using Backprop.Cli;

namespace Backprop.Tests.Cli;

/// <summary>A CLI with manners: a bare command prints the overview, and a typo gets the nearest real name.</summary>
public class SuggestionTests
{
    [Theory]
    [InlineData("train", "train", 0)]
    [InlineData("trian", "train", 1)]      // a swapped pair counts once
    [InlineData("--epocs", "--epochs", 1)]
    [InlineData("mazru", "mazur", 1)]
    [InlineData("kitten", "sitting", 3)]   // the textbook example: k→s, e→i, +g
    [InlineData("", "abc", 3)]
    public void Distance_counts_edits_with_a_swap_as_one(string a, string b, int distance) =>
        Assert.Equal(distance, Suggestions.Distance(a, b));

    [Theory]
    [InlineData(new[] { "trian" }, "error: unknown command 'trian'; did you mean 'train'? (see 'backprop --help')")]
    [InlineData(new[] { "evalute", "--model", "m" }, "error: unknown command 'evalute'; did you mean 'evaluate'? (see 'backprop --help')")]
    [InlineData(new[] { "train", "--epocs", "3" },
        "error: unknown option '--epocs' for 'train'; did you mean '--epochs'? (see 'backprop train --help')")]
    [InlineData(new[] { "examples", "rnu", "xor" }, "error: unknown command 'rnu'; did you mean 'run'? (see 'backprop examples --help')")]
    [InlineData(new[] { "zebra" }, "error: unknown command 'zebra' (see 'backprop --help')")]
    public void A_typo_gets_the_nearest_name_in_one_line(string[] args, string line)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(line, r.Error.TrimEnd('\n'));
    }

    [Theory]
    [InlineData]
    [InlineData("help")]
    public void A_bare_backprop_prints_the_commands_and_three_to_try(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(0, r.ExitCode);
        foreach (var command in new[] { "train", "predict", "evaluate", "examples", "explain", "playground", "export" })
            Assert.Matches($"(?m)^  {command} +\\S", r.Output);
        Assert.Contains("backprop examples run xor", r.Output);
        Assert.Equal("", r.Error);
    }
}
