using System.Globalization;
using System.Text.Json;
using Backprop.Tests.Cli;
using OpenQA.Selenium;

namespace Backprop.Tests.Explain;

/// <summary><c>backprop explain --optimizer … --batch-size …</c> in text, Markdown, JSON and on the page, and its mistakes in words.</summary>
public sealed class ExplainOptimizerCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Momentum_text_writes_the_velocity_out_factor_by_factor()
    {
        // numpy (see OptimizerStepTests): after two momentum steps v_w5 = −0.0785377859725501 and w5 = 0.28037869374533453; the first step
        // left v_w5 = −0.5 · 0.082167041 = −0.04108352 and w5 = 0.35891648, and step 2's gradient is 0.083125235.
        var r = CliRunner.Run("explain", "mazur", "--optimizer", "momentum", "--steps", "2");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("optimizer momentum (μ 0.9)", r.Output);
        Assert.Contains("Update with momentum (η = 0.5, μ = 0.9), step 2", r.Output);
        Assert.Contains("v_w5(2) = μ·v_w5(1) - η·∂E/∂w5 = 0.9·(-0.04108352) - 0.5·0.083125235 = -0.078537786", r.Output);
        Assert.Contains("w5⁺ = w5 + v_w5(2) = 0.35891648 + (-0.078537786) = 0.280378694", r.Output);
    }

    [Fact]
    public void Adam_markdown_and_json_carry_the_moments_and_the_bias_corrections()
    {
        var md = CliRunner.Run("explain", "mazur", "--optimizer", "adam", "--steps", "2", "--format", "markdown");
        Assert.Equal(0, md.ExitCode);
        Assert.Contains(@"\hat{m}_{w5} = m_{w5}^{(2)} / \left( 1 - \beta_{1}^{t} \right) = 0.015686844 / 0.19 = 0.082562338", md.Output);
        Assert.Contains(@"\sqrt{\hat{v}_{w5}} + \varepsilon", md.Output);
        var json = CliRunner.Run("explain", "mazur", "--optimizer", "adam", "--beta2", "0.99", "--steps", "2", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        var root = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal("adam (β1 0.9, β2 0.99, ε 1e-08)", root.GetProperty("settings").GetProperty("optimizer").GetString());
        var q = root.GetProperty("quantities");
        // 1 − 0.99² = 0.0199 by hand.
        Assert.Equal(0.0199, q.GetProperty("1-beta2^t").GetDouble(), 15);
        Assert.Equal(q.GetProperty("v_w5").GetDouble() / 0.0199, q.GetProperty("vhat_w5").GetDouble(), 15);
        foreach (string key in new[] { "m_w1", "v_w8", "mhat_w3", "vhat_w6", "w7+" }) Assert.True(q.TryGetProperty(key, out _), key);
    }

    [Fact]
    public void A_mini_batch_is_named_in_the_settings_and_its_gradient_averaged_over_its_rows()
    {
        var r = CliRunner.Run("explain", "xor", "--optimizer", "rmsprop", "--batch-size", "3", "--steps", "2", "--reduction", "mean",
            "--format", "json");
        Assert.Equal(0, r.ExitCode);
        var root = JsonDocument.Parse(r.Output).RootElement;
        // Four rows in batches of 3: step 2 takes the fourth row alone.
        Assert.Equal("row 4 of 4 (batch 2 of 2)", root.GetProperty("settings").GetProperty("mini-batch").GetString());
        Assert.Equal("1", root.GetProperty("settings").GetProperty("samples").GetString());
        Assert.Contains(root.GetProperty("equations").EnumerateArray(), e => e.GetProperty("key").GetString() == "s_w9");
    }

    [Theory]
    [InlineData("--optimizer lion", "--optimizer 'lion' is not an optimizer explain can show: choose gd, momentum, nesterov, rmsprop, adam or adamw")]
    [InlineData("--optimizer momentum --beta1 0.8", "--beta1 is a setting of adam and adamw, and the optimizer is momentum")]
    [InlineData("--beta1 0.8", "--beta1 is a setting of adam and adamw, and the optimizer is gd")]
    [InlineData("--optimizer nesterov --momentum 1", "--momentum must be at least 0 and less than 1")]
    [InlineData("--optimizer rmsprop --rho -0.1", "--rho must be at least 0 and less than 1")]
    [InlineData("--optimizer adam --epsilon 0", "--epsilon must be a number greater than 0")]
    [InlineData("--batch-size 2 --sample 1", "give --sample or --batch-size, not both")]
    [InlineData("--batch-size 0", "--batch-size")]
    public void Mistakes_are_one_line_in_words_a_student_knows(string arguments, string message)
    {
        var r = CliRunner.Run(["explain", "xor", .. arguments.Split(' ')]);
        CliRunner.AssertUserError(r, message);
    }

    [SkippableFact]
    public void The_page_steps_through_adams_state_and_highlights_the_weight_each_equation_updates()
    {
        string page = _folder.File("adam.html");
        var r = CliRunner.Run("explain", "mazur", "--optimizer", "adam", "--steps", "2", "--format", "html", "--out", page);
        Assert.True(r.ExitCode == 0, r.Error);
        var html = File.ReadAllText(page);
        Assert.Contains("<option value=\"state-m\">m (Adam&#39;s mean gradient)</option>", html);
        var json = JsonDocument.Parse(CliRunner.Run("explain", "mazur", "--optimizer", "adam", "--steps", "2", "--format", "json").Output)
            .RootElement;
        var equations = json.GetProperty("equations").EnumerateArray().ToList();

        using var driver = ExplainPageBrowserTests.Browser(_folder.File("profile"));
        Skip.If(driver is null, "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver): the page was not opened");
        driver.Navigate().GoToUrl(new Uri(page).AbsoluteUri + "#step=2&eq=1&mode=state-m");
        var body = driver.FindElement(By.TagName("body"));
        int states = 0;
        for (int k = 0; k < equations.Count; k++)
        {
            string key = equations[k].GetProperty("key").GetString()!;
            Assert.Equal(key, driver.FindElement(By.Id("equation")).GetAttribute("data-key"));
            // m_w5, v_w5, m̂_w5, v̂_w5 and w5+ are about weight w5: that edge is the one highlighted.
            if (key.Split('_') is [_, ['w', .. var n]] && key.StartsWith('m') | key.StartsWith('v'))
            {
                Assert.Equal(["w" + n], driver.FindElements(By.CssSelector("#network .edge.active")).Select(e => e.GetAttribute("data-name")));
                states++;
            }
            if (k < equations.Count - 1) body.SendKeys(Keys.ArrowRight);
        }
        Assert.Equal(32, states); // m, v, m̂ and v̂ of eight weights
        var worked = driver.FindElements(By.CssSelector("#worked li"));
        Assert.Equal(equations.Count, worked.Count);
        for (int k = 0; k < equations.Count; k++)
        {
            var value = worked[k].FindElement(By.CssSelector(".value"));
            double shown = double.Parse(value.Text.Replace('−', '-'), CultureInfo.InvariantCulture);
            double expected = equations[k].GetProperty("value").GetDouble();
            Assert.True(Math.Abs(shown - expected) <= 5e-10 + 5e-9 * Math.Abs(expected),
                $"{value.GetAttribute("data-key")}: {value.Text} vs {expected:R}");
        }
        // In the m colouring, the edge labels are the moments: w5's m after step 2 is 0.015686844 (numpy, OptimizerStepTests).
        Assert.Contains("m_w5 = 0.0157", driver.FindElement(By.CssSelector("#network .edge-labels .label[data-name='w5']")).Text);
        var errors = driver.Manage().Logs.GetLog(LogType.Browser).Where(l => l.Level >= LogLevel.Warning).Select(l => l.Message).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
