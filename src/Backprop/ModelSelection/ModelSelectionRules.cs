using Backprop.Diagnostics;
using Backprop.Runs;
using Backprop.Training.Solvers;
using static Backprop.Runs.OptionRule;

namespace Backprop.ModelSelection;

/// <summary>
/// What <c>backprop cv</c> and <c>backprop search</c> ask of a run's options beyond <see cref="MlpOptions"/>' own rules:
/// rows of the same kind (<see cref="OptionRule"/>, on the settings of <see cref="OptionCatalog"/>), worded alike.
/// </summary>
internal static class ModelSelectionRules
{
    /// <summary>The rules, one row each: the property's path, what it must be, and the check.</summary>
    public static IReadOnlyList<OptionRule> Rules { get; } =
    [
        Exclusion(Setting.Activations, "one activation for every hidden layer", o => o.Activations.Count == 1 ? null
            : $"cv and search train one hidden activation for every layer, not a list ({string.Join(",", o.Activations)})"),
        Exclusion(Setting.Optimizer, "a mini-batch optimiser", o => FullBatchSolver.Find(o.Optimizer) is { } solver
            ? $"cv and search train with a mini-batch optimiser, not the full-batch solver {solver.Name}" : null),
        Exclusion(Setting.MlpStandardize, "every numeric column or none", o => o.StandardizeColumns is { } columns
            ? $"cv and search standardise every numeric column or none, not the columns {string.Join(",", columns)}" : null),
    ];

    /// <summary>Throws a <see cref="BackpropException"/> naming the property (<c>MlpOptions.Optimizer: …</c>) at the first broken rule.</summary>
    /// <exception cref="BackpropException">A rule is broken.</exception>
    public static void Check(MlpOptions options)
    {
        foreach (var rule in Rules)
            if (rule.Problem(options) is string problem) throw new BackpropException($"{rule.Path}: {problem}");
    }
}
