using System.CommandLine;
using Backprop.Diagnostics;
using Backprop.Explain;
using Backprop.Runs;

namespace Backprop.Cli.Commands;

/// <summary>
/// <c>explain --optimizer</c> and the settings of each optimiser; a setting the chosen optimiser does not use is refused. With
/// <c>--model</c> and no <c>--optimizer</c>, the step is the model's own optimiser with its settings, and the title says so.
/// </summary>
internal static class ExplainOptimizerOptions
{
    /// <summary>The names explain takes; another one is refused by the library, with this list.</summary>
    private static readonly string[] Known = ["gd", "sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw"];

    /// <summary>
    /// <paramref name="options"/> with the optimiser and the settings given on the command line, or, when none is named, those of
    /// <paramref name="trained"/> (the options a model was trained with; null for a worked example).
    /// </summary>
    public static ExplainOptions Apply(ExplainOptions options, ParseResult parse, Option<string?> optimizer, Option<double?> momentum,
        Option<double?> beta1, Option<double?> beta2, Option<double?> rho, Option<double?> epsilon, Option<double?> weightDecay,
        MlpOptions? trained = null)
    {
        if (parse.GetValue(optimizer) is null && trained is not null)
            options = Own(options, trained);
        string name = parse.GetValue(optimizer)?.Trim().ToLowerInvariant() ?? options.Optimizer;
        (Option<double?> Option, string[] UsedBy)[] settings =
        [
            (momentum, ["momentum", "nesterov"]), (beta1, ["adam", "adamw"]), (beta2, ["adam", "adamw"]), (rho, ["rmsprop"]),
            (epsilon, ["rmsprop", "adam", "adamw"]), (weightDecay, ["adamw"]),
        ];
        foreach (var (option, usedBy) in settings)
            if (parse.GetValue(option) is not null && !usedBy.Contains(name) && Known.Contains(name))
                throw new BackpropException($"{option.Name} is a setting of {string.Join(" and ", usedBy)}, and the optimizer is {name}: " +
                    $"give --optimizer {usedBy[0]}{(usedBy.Length > 1 ? $" (or {usedBy[1]})" : "")} or leave {option.Name} out");
        // A document's figures are of plain gradient descent on the whole batch.
        bool plain = name is "gd" or "sgd" && options.BatchSize is null;
        return options with
        {
            Optimizer = name,
            Momentum = parse.GetValue(momentum) ?? options.Momentum,
            Beta1 = parse.GetValue(beta1) ?? options.Beta1,
            Beta2 = parse.GetValue(beta2) ?? options.Beta2,
            Rho = parse.GetValue(rho) ?? options.Rho,
            Epsilon = parse.GetValue(epsilon) ?? options.Epsilon,
            WeightDecay = parse.GetValue(weightDecay) ?? options.WeightDecay,
            Document = plain ? options.Document : null,
        };
    }

    /// <summary>
    /// The model's own optimiser, as its training made it (Adam's and RMSprop's other settings are the trainer's defaults, which
    /// <see cref="ExplainOptions"/> shares; η is the model's already, unless <c>--lr</c> was given), and a title that says so.
    /// A full-batch solver's line search is no one step to show: gradient descent stands in, and the title says that instead.
    /// </summary>
    private static ExplainOptions Own(ExplainOptions options, MlpOptions trained)
    {
        string name = trained.Optimizer.Trim().ToLowerInvariant();
        if (!Known.Contains(name))
            return options with { Title = $"{options.Title} — the model was trained by {name}, whose line search is no single step: " +
                "shown as gradient descent (give --optimizer to choose another)" };
        double rate = options.LearningRate;
        string settings = name switch
        {
            "momentum" or "nesterov" => $", μ {Fmt(trained.Momentum)}",
            "adamw" => $", λ {Fmt(trained.WeightDecay)}",
            _ => "",
        };
        return options with
        {
            Optimizer = name,
            Momentum = trained.Momentum,
            WeightDecay = trained.WeightDecay,
            Title = $"{options.Title} — with the model's own optimizer, {name} (η {Fmt(rate)}{settings}; give --optimizer to choose another)",
        };
    }

    private static string Fmt(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}
