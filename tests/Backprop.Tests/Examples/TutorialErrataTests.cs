using Backprop.Cli.Examples;
using Backprop.Explain;

namespace Backprop.Tests.Examples;

/// <summary>
/// The tutorials' backward passes against independent computations, and their errata placed where the learner looks:
/// beside the equation each concerns.
/// </summary>
public class TutorialErrataTests
{
    private static Explanation Explain(ExplainScenario s) => Explainer.Explain(s.Network, s.Inputs, s.Targets,
        new ExplainOptions
        {
            Objective = s.Objective, LearningRate = s.LearningRate, Document = s.Document, Title = s.Title, Errata = s.Errata,
            InputNames = s.InputNames,
        });

    // numpy (/usr/bin/python3), the blog's own arrays:
    //   s = lambda z: 1/(1+np.exp(-z)); x = [[0.17988842, 0.42611707]]; v, w as printed in seed 000
    //   t = s(s(x) + 0.05174429) + 0.00527873            -> [0.650155757337566, 0.663795264677624]
    //   z = s([1, *x] @ v); y = s([1, *z] @ w); theta_k = (y - t)*y*(1 - y)  -> [0.017390826732314, 0.008513730552534]
    //   theta_k.dot(w[1:])    (the blog's code)           -> [-0.012109961117687, 0.005470470045718]  = its printed row
    //   theta_k.dot(w[1:].T)  (Σ_k θ_k·w_jk, its formula) -> [-0.003545337782617, -0.012024314353279]
    //   E = ½Σ(t − y)²                                    -> 0.004936412733713721
    // c1, c2: scipy.optimize.fsolve of theta_k(c).dot(w[1:]) = printed row gives 0.0517442949, 0.0052787349. With w[1:].T the
    // printed row needs targets (0.71110953, 0.78833226), whose difference σ(σ(x1)+c1) − σ(σ(x2)+c1) reaches for no c1 in [−5, 5].
    [Fact]
    public void Blogs_theta_in_j_is_its_printed_row_only_with_the_transposed_weights()
    {
        var (correct, blog) = BlogExample.ThetaIn();
        Assert.Equal(-0.003545337782617, correct[0], 12);
        Assert.Equal(-0.012024314353279, correct[1], 12);
        Assert.Equal(-0.012109961117687, blog[0], 12);
        Assert.Equal(0.005470470045718, blog[1], 12);
        Assert.Equal(BlogExample.PrintedThetaIn.Select(double.Parse), blog.Select(b => Math.Round(b, 8)));
        var (_, y) = BlogExample.FirstSample();
        Assert.Equal(0.650155757337566, y[0, 0], 12);
        Assert.Equal(0.663795264677624, y[0, 1], 12);
        Assert.InRange(BlogExample.C1, 0, 0.1);
        Assert.InRange(BlogExample.C2, 0, 0.1);
    }

    [Fact]
    public void Explain_blog_marks_its_theta_in_j_and_agrees_with_the_forward_pass()
    {
        var explanation = Explain(new BlogExample().Scenario);
        var q = explanation.Quantities;
        Assert.Equal(-0.003545337782617, q["dE/dout_h1"], 12);
        Assert.Equal(-0.012024314353279, q["dE/dout_h2"], 12);
        Assert.Equal(0.004936412733713721, q["E_total"], 12);
        Assert.Equal(new HashSet<string> { "dE/dout_h1", "dE/dout_h2" }, explanation.Disagreements.Select(e => e.Key).ToHashSet());
        Assert.Equal(10, explanation.Sections.SelectMany(s => s.Equations).Count(e => e.Document is not null));
        string text = TextRenderer.Render(explanation);
        Assert.Contains("theta_k.dot(w[1:])", text);
        Assert.Contains("c₁ = 0.05174429 and c₂ = 0.00527873", text);
        Assert.Contains("(-0.00354534, -0.01202431)", text);
    }

    public static TheoryData<string> Explainable() => [.. ExampleCatalog.All.OfType<IExplainable>().Select(e => ((IExample)e).Name)];

    [Theory]
    [MemberData(nameof(Explainable))]
    public void Every_keyed_erratum_names_an_equation_of_its_explanation(string name)
    {
        var scenario = ((IExplainable)ExampleCatalog.Find(name)!).Scenario;
        var keys = Explain(scenario).Sections.SelectMany(s => s.Equations).Select(e => e.Key).ToHashSet();
        foreach (var erratum in scenario.Errata.Where(e => e.Key is not null)) Assert.Contains(erratum.Key!, keys);
        foreach (var key in scenario.Document.Keys) Assert.Contains(key, keys);
    }

    [Fact]
    public void Every_tutorial_with_errata_in_its_text_has_them_in_its_explanation()
    {
        Assert.Equal(7, new BlogExample().Scenario.Errata.Count);
        Assert.Equal(2, new GfgExample().Scenario.Errata.Count);
        Assert.Single(new MazurExample().Scenario.Errata);
        Assert.Contains(new GfgExample().Scenario.Errata, e => e.Text.Contains("η·δ_j·O_i") && e.Key == "dE/dw1");
    }

    [Fact]
    public void Admissions_erratum_gives_what_the_lessons_loss_formula_prints()
    {
        var scenario = new AdmissionsExample().Scenario;
        var explanation = Explain(scenario);
        double out0 = explanation.Quantities["out_o1"];
        var (train, _, _) = AdmissionsExample.Prepare(AdmissionsExample.DefaultSeed);
        // np.mean((out - targets) ** 2) with one out and 0/1 targets: p·(1 − out)² + (1 − p)·out², p the share admitted.
        double p = Enumerable.Range(0, train.Count).Average(r => train.Targets[r, 0]);
        double printed = p * (1 - out0) * (1 - out0) + (1 - p) * out0 * out0;
        var (seed, meant) = AdmissionsExample.SeedLoss(scenario.Network, train);
        Assert.Equal(printed, seed, 12);
        Assert.NotEqual(Math.Round(printed, 6), Math.Round(meant, 6));
        var erratum = Assert.Single(scenario.Errata, e => e.Key == "E_total");
        Assert.Contains(printed.ToString("F6", System.Globalization.CultureInfo.InvariantCulture), erratum.Text);
        Assert.Contains("✗ erratum: the lesson prints as its \"Train loss\"", TextRenderer.Render(explanation));
    }

    [Fact]
    public void Digits_erratum_gives_seed_004s_delta_and_gradient_beside_the_correct_ones()
    {
        var scenario = new DigitsExample().Scenario;
        var q = Explain(scenario).Quantities;
        // The correct δ of a sigmoid output under cross-entropy is out − target (σ′ cancels); seed 004's keeps σ′: (out − target)·out(1 − out).
        double o1 = q["out_o1[1]"], t1 = scenario.Targets[0, 0];
        Assert.Equal(o1 - t1, q["delta_o1[1]"], 12);
        var (delta, gradient) = DigitsExample.SeedBackward(scenario.Network, scenario.Inputs, scenario.Targets);
        Assert.Equal((o1 - t1) * o1 * (1 - o1), delta, 12);
        // Its ∂J/∂w49 (h1 → o1): Σ over the two samples of its δ·out_h1, no 1/m, no λ term; the correct one is the mean of (out − t)·out_h1
        // plus (λ/m)·w49.
        double Seed(int s) { double o = q[$"out_o1[{s}]"], t = scenario.Targets[s - 1, 0]; return (o - t) * o * (1 - o) * q[$"out_h1[{s}]"]; }
        Assert.Equal(Seed(1) + Seed(2), gradient, 12);
        double w49 = scenario.Network.Layers[1].Weights[0, 0];
        double correct = ((q["out_o1[1]"] - scenario.Targets[0, 0]) * q["out_h1[1]"] + (q["out_o1[2]"] - scenario.Targets[1, 0]) * q["out_h1[2]"]) / 2
            + 1.0 / 2 * w49;
        Assert.Equal(correct, q["dE/dw49"], 12);
        Assert.Contains(scenario.Errata, e => e.Key == "dE/dw49");
        Assert.Contains(scenario.Errata, e => e.Key == "delta_o1[1]");
    }
}
