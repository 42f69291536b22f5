using System.CommandLine;
using Backprop.Cli.Examples;
using Backprop.Diagnostics;
using Backprop.Explain;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop explain</c>: every number of one training step, in the notation of the seed documents.</summary>
internal static class ExplainCommand
{
    private static readonly Argument<string?> Name =
        new("name") { Description = "a worked example: mazur, gfg, udacity, xor, blog, admissions or digits", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<string?> Model = new("--model") { Description = "model file of the network to explain" };
    private static readonly Option<string?> Data = new("--data") { Description = "CSV with the model's features and the targets" };
    private static readonly Option<string?> Target = new("--target") { Description = "target column(s) (default: the model's)" };
    private static readonly Option<int> Steps =
        new("--steps") { Description = "train this many steps and explain the last", DefaultValueFactory = _ => 1 };
    private static readonly Option<double?> LearningRate =
        new("--lr") { Description = "learning rate η (default: the example's, or the model's, or 0.5)" };
    private static readonly Option<string?> LossOption =
        new("--loss") { Description = "squared or cross-entropy (default: the example's or the model's)" };
    private static readonly Option<string?> ReductionOption =
        new("--reduction") { Description = "sum or mean (default: the example's or the model's)" };
    private static readonly Option<double?> L2 = new("--l2") { Description = "λ of the L2 penalty" };
    private static readonly Option<int?> Sample =
        new("--sample", "--row") { Description = "explain the step on this one row of the data (1 = first)" };
    private static readonly Option<string?> Attribute = new("--attribute")
    {
        Description = "with --model, --data and --sample N, also show row N's attributions: each column's contribution to each output by " +
            "gradient, gradient-x-input or integrated-gradients, from the data's mean row (as backprop attribute --row N)",
    };
    private static readonly Option<int?> Layer = new("--layer") { Description = "show only this layer (1 = first hidden layer)" };
    private static readonly Option<string?> OptimizerOption =
        new("--optimizer")
        {
            Description = "gd, momentum, nesterov, rmsprop, adam or adamw: the update shows the optimizer's state " +
                "(default: gd, or with --model the model's own optimizer and its settings)",
        };
    private static readonly Option<double?> MomentumOption = new("--momentum") { Description = "μ of momentum and nesterov (default 0.9)" };
    private static readonly Option<double?> Beta1 = new("--beta1") { Description = "β1 of adam, the decay of the mean gradient (default 0.9)" };
    private static readonly Option<double?> Beta2 =
        new("--beta2") { Description = "β2 of adam, the decay of the mean squared gradient (default 0.999)" };
    private static readonly Option<double?> Rho = new("--rho") { Description = "ρ of rmsprop, the decay of the mean squared gradient (default 0.9)" };
    private static readonly Option<double?> Epsilon = new("--epsilon") { Description = "ε of rmsprop, adam and adamw (default 1e-8)" };
    private static readonly Option<double?> WeightDecay =
        new("--weight-decay") { Description = "λ of adamw's decoupled weight decay (default 0.01, or the model's)" };
    private static readonly Option<int?> BatchSize =
        new("--batch-size") { Description = "samples per step, in order (step k takes the k-th batch); default the whole data" };
    private static readonly Option<string> Format =
        new("--format") { Description = "text, markdown, json or html (a page that steps through every number on a drawing of the network)",
            DefaultValueFactory = _ => "text" };
    private static readonly Option<string?> Out =
        new("--out") { Description = "write to this file instead of standard output (html: the page, which opens from the file)" };

    /// <summary>The most training steps one page walks through; a longer run is shown at this many evenly spaced steps.</summary>
    private const int MaxPageSteps = 10;

    static ExplainCommand()
    {
        // Once, here: CliApp builds the tree on every call (tests in parallel too), and the options are shared.
        Name.CompletionSources.Add(_ => ExampleCatalog.All.OfType<IExplainable>()
            .Select(e => new System.CommandLine.Completions.CompletionItem(((IExample)e).Name)));
        OptionRange.AtLeast(Steps, 1, 1_000_000);
        OptionRange.Positive(LearningRate);
        OptionRange.NotNegative(L2);
        OptionRange.AtLeast(Sample, 1);
        OptionRange.AtLeast(Layer, 1);
        OptionRange.AtLeast(BatchSize, 1);
        OptionRange.NotNegative(WeightDecay);
    }

    public static Command Create()
    {
        var command = new Command("explain", "Show every number of one training step: forward pass, error, chain rule, deltas, update.")
        {
            Name, Model, Data, Target, Steps, LearningRate, LossOption, ReductionOption, L2, Sample, Layer, OptimizerOption, MomentumOption, Beta1,
            Beta2, Rho, Epsilon, WeightDecay, BatchSize, Format, Out, Attribute,
        };
        CommandFiles.Of(command).Reads(Model).Reads(Data).Writes(Out).Runs((parse, output) =>
        {
            string format = parse.GetValue(Format)!.ToLowerInvariant();
            if (format is not ("text" or "markdown" or "md" or "json" or "html"))
                throw new BackpropException($"--format: '{format}' is not text, markdown, json or html");
            var attributions = parse.GetValue(Attribute) is string method
                ? ExplainAttributions.Of(parse.GetValue(Model), parse.GetValue(Data), parse.GetValue(Sample), method) : null;
            var scenario = parse.GetValue(Name) is string name ? Example(name, parse) : FromFiles(parse);
            var (x, t) = (scenario.Inputs, scenario.Targets);
            var objective = new Objective(
                parse.GetValue(LossOption) is string l ? Parse.Loss(l) : scenario.Objective.Loss,
                parse.GetValue(ReductionOption) is string r ? Parse.Reduction(r) : scenario.Objective.Reduction,
                parse.GetValue(L2) ?? scenario.Objective.L2, scenario.Objective.L1);
            var options = new ExplainOptions
            {
                Objective = objective,
                LearningRate = parse.GetValue(LearningRate) ?? scenario.LearningRate,
                Steps = parse.GetValue(Steps),
                Layer = parse.GetValue(Layer),
                Sample = parse.GetValue(Sample),
                BatchSize = parse.GetValue(BatchSize),
                Title = scenario.Title,
                InputNames = scenario.InputNames,
                TargetRemark = scenario.TargetRemark,
                Document = parse.GetValue(Steps) == 1 && objective == scenario.Objective && parse.GetValue(LearningRate) is null
                    && parse.GetValue(Sample) is null ? scenario.Document : null,
            };
            options = ExplainOptimizerOptions.Apply(options, parse, OptimizerOption, MomentumOption, Beta1, Beta2, Rho, Epsilon, WeightDecay,
                scenario.Trained);
            options = options with { Errata = options.Document is null ? [] : scenario.Errata };
            var explanation = Explainer.Explain(scenario.Network, x, t, options);
            string text = format switch
            {
                "json" => JsonRenderer.Render(explanation) + "\n",
                "markdown" or "md" => MarkdownRenderer.Render(explanation),
                "html" => Explain.Html.HtmlRenderer.Render(PageSteps(options.Steps).Select(k => k == options.Steps ? explanation
                    : Explainer.Explain(scenario.Network, x, t, options with { Steps = k, Document = null })).ToList()),
                _ => TextRenderer.Render(explanation),
            };
            if (attributions is not null) text = ExplainAttributions.Add(text, format, attributions, parse.GetValue(Sample)!.Value);
            if (parse.GetValue(Out) is string path)
            {
                Serialization.AtomicFile.WriteAllText(path, text);
                output.WriteLine($"{(format == "html" ? "page" : "explanation")} written to {path}");
            }
            else output.Write(text);
            return 0;
        });
        return command;
    }

    private static ExplainScenario Example(string name, ParseResult parse)
    {
        if (parse.GetValue(Model) is not null || parse.GetValue(Data) is not null)
            throw new BackpropException("give an example name or --model and --data, not both");
        return ExampleCatalog.Find(name) is IExplainable explainable
            ? explainable.Scenario
            : throw new BackpropException($"no worked example called '{name}' to explain (available: " +
                $"{string.Join(", ", ExampleCatalog.All.OfType<IExplainable>().Select(e => ((IExample)e).Name))})");
    }

    private static ExplainScenario FromFiles(ParseResult parse)
    {
        string modelPath = parse.GetValue(Model) ??
            throw new BackpropException("give a worked example (mazur, gfg, udacity, xor, blog, admissions, digits) or " +
                "--model M --data D.csv --target COLS");
        string dataPath = parse.GetValue(Data) ?? throw new BackpropException("--data: give the CSV holding the sample(s) to explain");
        var model = Estimators.Model.Load(modelPath);
        var data = model.LabelledData(dataPath, Parse.Targets(parse.GetValue(Target)), TableInput.Open);
        var loss = parse.GetValue(LossOption) is string given ? Parse.Loss(given)
            : Backprop.Serialization.RecordedTraining.Loss(model.Training, modelPath, "give --loss to explain a step with another")
                ?? Parse.Loss("squared");
        var objective = new Objective(loss, Parse.Reduction(model.Training?.Reduction ?? "sum"), model.Training?.L2 ?? 0, model.Options?.L1 ?? 0);
        // A regression model trained on standardised targets: the step is the one training took, on (y − mean) / scale.
        var target = model.Preprocessing?.Target;
        var targets = target is null ? data.Targets : Backprop.Data.Preprocessing.TargetScaling.Standardized(target, data.Targets);
        return new ExplainScenario($"One step of backpropagation: {Path.GetFileName(modelPath)} on {Path.GetFileName(dataPath)}",
            model.Network, data.Features, targets, objective, model.Training?.LearningRate is > 0 and var lr ? lr : 0.5,
            new Dictionary<string, DocumentNote>())
            {
                InputNames = data.FeatureNames,
                TargetRemark = TargetRemark(target),
                // An older file that does not record its optimiser is explained with gradient descent, as before.
                Trained = model.Document.MigratedOptions is { } recorded && !recorded.Contains("Optimizer") ? null : model.Options,
            };
    }

    /// <summary>The targets' standardisation in words, as training applied it; null when the targets are used as they stand.</summary>
    private static string? TargetRemark(Backprop.Data.Preprocessing.TargetEncoding? target)
    {
        if (target is not { Mean: { } mean, Scale: { } scale }) return null;
        var each = target.Columns.Select((c, j) => $"target = ({c} − {Fixed(mean[j])}) / {Fixed(scale[j])}");
        return $"The model trained on standardised targets, so the step is worked on them as training took it: {string.Join(", ", each)}; " +
            "a prediction in the data's units is out × scale + mean.";
    }

    private static string Fixed(double value) => value.ToString("0.#########", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The training steps a page walks through: every one up to <see cref="MaxPageSteps"/>, else that many evenly spaced, first and last
    /// included.</summary>
    private static IEnumerable<int> PageSteps(int steps) => steps <= MaxPageSteps
        ? Enumerable.Range(1, steps)
        : Enumerable.Range(0, MaxPageSteps).Select(k => 1 + (int)Math.Round(k * (steps - 1.0) / (MaxPageSteps - 1))).Distinct();
}
