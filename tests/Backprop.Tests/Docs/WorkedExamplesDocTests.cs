using Backprop.Cli.Examples;
using Backprop.Explain;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Docs;

/// <summary>
/// The figures docs/worked-examples.md quotes, produced again: its count of errata, the admissions run, the blog's backward pass.
/// (The digits run's figures are checked by DigitsExampleTests and the gradient check's by GradcheckAndDiagnosticsCommandTests,
/// which compute them anyway.)
/// </summary>
public class WorkedExamplesDocTests
{
    [Fact]
    public void Gfg_errata_counts_match_explain_and_examples_run()
    {
        // "`explain gfg` marks 14 of the 17 figures the table above marks ✗ …, and adds the 2 errata of its formulas"
        var scenario = new GfgExample().Scenario;
        var explanation = Explainer.Explain(scenario.Network, scenario.Inputs, scenario.Targets,
            new ExplainOptions { Objective = scenario.Objective, LearningRate = scenario.LearningRate, Document = scenario.Document });
        Assert.Equal(WorkedExamplesDoc.Figure(@"`explain gfg` marks (\d+) of the"), explanation.Disagreements.Count().ToString());
        string wrong = WorkedExamplesDoc.Figure(@"marks \d+ of the (\d+) figures the table above marks ✗");
        var run = CliRunner.Run("examples", "run", "gfg").Output;
        Assert.Equal(wrong, run.Split('\n').Count(l => l.Contains("✗ differs")).ToString());
        // The table itself: every figure of the document column of a row marked ✗.
        string section = WorkedExamplesDoc.Text[WorkedExamplesDoc.Text.IndexOf("## `gfg`", StringComparison.Ordinal)..
            WorkedExamplesDoc.Text.IndexOf("## `udacity`", StringComparison.Ordinal)];
        int tableFigures = section.Split('\n').Where(l => l.StartsWith('|') && l.Split('|').Length > 4 && l.Split('|')[3].Contains('✗'))
            .Sum(l => l.Split('|')[3][..l.Split('|')[3].IndexOf('✗')].Split(',').Length);
        Assert.Equal(wrong, tableFigures.ToString());
        Assert.Equal(WorkedExamplesDoc.Figure(@"adds the (\d+) errata of its formulas"), scenario.Errata.Count.ToString());
    }

    [Fact]
    public void Admissions_block_is_what_examples_run_admissions_prints()
    {
        var r = CliRunner.Run("examples", "run", "admissions");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(WorkedExamplesDoc.RunBlock("admissions"), r.Output.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Blog_backward_pass_figures_are_the_examples()
    {
        var (correct, blog) = BlogExample.ThetaIn();
        string F(double v) => v.ToString("F8", System.Globalization.CultureInfo.InvariantCulture).Replace('-', '−');
        Assert.Equal($"({F(correct[0])}, {F(correct[1])})", WorkedExamplesDoc.Figure(@"the correct values are (\(\S+, \S+\))"));
        Assert.Equal($"({F(blog[0])}, {F(blog[1])})", WorkedExamplesDoc.Figure(@"Its printed `theta_in_j\[0\]` (\(\S+, \S+\))"));
        Assert.Equal(FormattableString.Invariant($"c₁ = {BlogExample.C1}, c₂ = {BlogExample.C2}"),
            WorkedExamplesDoc.Figure(@"recovered constants (c₁ = [0-9.]+, c₂ = [0-9.]+)"));
    }
}
