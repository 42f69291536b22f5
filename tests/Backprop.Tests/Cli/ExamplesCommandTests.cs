namespace Backprop.Tests.Cli;

public class ExamplesCommandTests
{
    [Fact]
    public void Examples_list_names_every_seed_system()
    {
        var r = CliRunner.Run("examples", "list");
        Assert.Equal(0, r.ExitCode);
        foreach (var name in new[] { "xor", "mazur", "gfg", "udacity", "blog" }) Assert.Contains(name, r.Output);
    }

    [Fact]
    public void Mazur_example_prints_the_posts_numbers_and_marks_its_wrong_totals()
    {
        var r = CliRunner.Run("examples", "run", "mazur");
        Assert.Equal(0, r.ExitCode);
        // Seed 001's numbers, as the tool prints them.
        foreach (var figure in new[] { "0.298371109", "0.149780716", "0.199561432", "0.249751144", "0.299502287", "0.358916480", "0.408666186",
            "0.511301270", "0.561370121" })
            Assert.Contains(figure, r.Output);
        Assert.Contains("0.291027774   document: 0.291027924 ✗ differs", r.Output);
        Assert.Contains("0.000035102   document: 0.000035085 ✗ differs", r.Output);
    }

    [Fact]
    public void Gfg_example_marks_the_documents_slips()
    {
        var r = CliRunner.Run("examples", "run", "gfg");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("-0.0080714273   document: -0.0819 ✗ differs", r.Output);
        Assert.Contains("0.2100000000   document: 0.21 ✓", r.Output);
    }

    [Fact]
    public void Udacity_example_agrees_with_every_printed_change()
    {
        var r = CliRunner.Run("examples", "run", "udacity");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(8, r.Output.Split('\n').Count(line => line.Contains("✓")));
        Assert.DoesNotContain("✗", r.Output);
    }

    [Fact]
    public void Unknown_example_is_a_user_error()
    {
        CliRunner.AssertUserError(CliRunner.Run("examples", "run", "nosuch"), "no example called 'nosuch'", "mazur");
    }

    [Fact]
    public void Seed_option_is_refused_for_examples_without_randomness()
    {
        CliRunner.AssertUserError(CliRunner.Run("examples", "run", "mazur", "--seed", "3"), "--seed");
    }
}
