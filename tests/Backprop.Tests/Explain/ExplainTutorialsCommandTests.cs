using System.Text.Json;
using Backprop.Tests.Cli;
using OpenQA.Selenium;

namespace Backprop.Tests.Explain;

/// <summary>
/// <c>explain blog|admissions|digits</c> beside mazur/gfg/udacity/xor, and every tutorial's errata where the learner looks: in the
/// text, markdown, JSON and page of <c>explain</c>, and in the output of <c>examples run</c>.
/// </summary>
public sealed class ExplainTutorialsCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("blog", "theta_k.dot(w[1:])")]
    [InlineData("admissions", "np.mean((out - targets) ** 2)")]
    [InlineData("digits", "delta3 = (y_pred - y)·sigmoid_prime(z3)")]
    [InlineData("gfg", "η·δ_j·O_i")]
    [InlineData("mazur", "updates w5…w8 first")]
    public void Explain_shows_the_tutorials_errata_in_every_format(string name, string erratum)
    {
        var text = CliRunner.Run("explain", name);
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains("✗ erratum: ", text.Output);
        Assert.Contains(erratum, text.Output);

        var markdown = CliRunner.Run("explain", name, "--format", "markdown");
        Assert.Contains("> ✗ erratum: ", markdown.Output);
        Assert.Contains(erratum, markdown.Output);

        var json = JsonDocument.Parse(CliRunner.Run("explain", name, "--format", "json").Output).RootElement;
        Assert.Contains(json.GetProperty("errata").EnumerateArray(), e => e.GetProperty("text").GetString()!.Contains(erratum));
        Assert.Contains(json.GetProperty("equations").EnumerateArray(),
            e => e.GetProperty("errata").EnumerateArray().Any(x => x.GetString()!.Contains(erratum)));

        string page = _folder.File($"{name}.html");
        Assert.Equal(0, CliRunner.Run("explain", name, "--format", "html", "--out", page).ExitCode);
        string html = File.ReadAllText(page);
        Assert.Contains("<ul id=\"errata\"></ul>", html);
        Assert.Contains(erratum.Replace("'", "\\u0027"), html);
    }

    [Fact]
    public void Explain_with_another_learning_rate_leaves_the_documents_figures_and_errata_out()
    {
        var r = CliRunner.Run("explain", "blog", "--lr", "0.5");
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("erratum", r.Output);
        Assert.DoesNotContain("document:", r.Output);
    }

    [Theory]
    [InlineData("blog", "The backpropagation blog's 2-2-2 network on its first input")]
    [InlineData("admissions", "The admissions network (the Udacity lesson) on the last of its 360 training records")]
    public void The_title_names_the_rows_and_the_header_the_step(string name, string title)
    {
        // With --steps 3 the step explained is the third: a title saying "one step" would be wrong; the header says which.
        var r = CliRunner.Run("explain", name, "--steps", "3");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Output.Split('\n');
        Assert.Equal(title, lines[0].TrimEnd());
        Assert.Contains("step explained 3 of 3", lines[1]);
    }

    [Fact]
    public void Examples_run_prints_the_errata_beside_the_figures()
    {
        var blog = CliRunner.Run("examples", "run", "blog");
        Assert.Equal(0, blog.ExitCode);
        Assert.Contains("theta_in_j[0][0]                -0.00354534   document: -0.01210996 ✗ differs", blog.Output);
        Assert.Contains("  with w transposed [1]          0.00547047   document: 0.00547047 ✓  (the blog's code)", blog.Output);
        Assert.Contains("c₁ = 0.05174429, c₂ = 0.00527873", blog.Output);
        var gfg = CliRunner.Run("examples", "run", "gfg");
        Assert.Contains("document: 0.269445 ✗ differs  (not derivable from any of the document's numbers)", gfg.Output);
        Assert.Contains("η·δ_j·O_i", gfg.Output);
        var admissions = CliRunner.Run("examples", "run", "admissions");
        Assert.Contains("errata of the lesson", admissions.Output);
        Assert.Contains("one prediction", admissions.Output);
    }

    [SkippableFact]
    public void Blog_page_shows_the_transposed_weights_erratum_beside_theta_in_j()
    {
        string page = _folder.File("blog.html");
        Assert.Equal(0, CliRunner.Run("explain", "blog", "--format", "html", "--out", page).ExitCode);
        using var driver = ExplainPageBrowserTests.Browser(_folder.File("profile"));
        Skip.If(driver is null, "chromium and chromium-driver are not installed: the page was not opened");
        driver.Navigate().GoToUrl(new Uri(page).AbsoluteUri);
        var body = driver.FindElement(By.TagName("body"));
        while (driver.FindElement(By.Id("equation")).GetAttribute("data-key") != "dE/dout_h1") body.SendKeys(Keys.ArrowRight);
        Assert.Contains("-0.01210996 ✗ differs", driver.FindElement(By.Id("note")).Text);
        var errata = driver.FindElements(By.CssSelector("#errata li"));
        Assert.Contains("theta_k.dot(w[1:])", Assert.Single(errata).Text);
        Assert.True(Assert.Single(errata).Displayed);
        body.SendKeys(Keys.ArrowRight);
        Assert.Empty(driver.FindElements(By.CssSelector("#errata li")));
        Assert.Equal(2, driver.FindElements(By.CssSelector("#document-errata li")).Count);
    }
}
