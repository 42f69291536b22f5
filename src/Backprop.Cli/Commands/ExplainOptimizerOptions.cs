using System.CommandLine;
using Backprop.Diagnostics;
using Backprop.Explain;

namespace Backprop.Cli.Commands;

/// <summary><c>explain --optimizer</c> and the settings of each optimiser; a setting the chosen optimiser does not use is refused.</summary>
internal static class ExplainOptimizerOptions
{
    /// <summary>The names explain takes; another one is refused by the library, with this list.</summary>
    private static readonly string[] Known = ["gd", "sgd", "momentum", "nesterov", "rmsprop", "adam"];

    /// <summary><paramref name="options"/> with the optimiser and the settings given on the command line.</summary>
    public static ExplainOptions Apply(ExplainOptions options, ParseResult parse, Option<string?> optimizer, Option<double?> momentum,
        Option<double?> beta1, Option<double?> beta2, Option<double?> rho, Option<double?> epsilon)
    {
        string name = parse.GetValue(optimizer)?.Trim().ToLowerInvariant() ?? "gd";
        (Option<double?> Option, string[] UsedBy)[] settings =
        [
            (momentum, ["momentum", "nesterov"]), (beta1, ["adam"]), (beta2, ["adam"]), (rho, ["rmsprop"]), (epsilon, ["rmsprop", "adam"]),
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
            Document = plain ? options.Document : null,
        };
    }
}
