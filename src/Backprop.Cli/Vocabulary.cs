using Backprop.Activations;
using Backprop.Data.Preprocessing;
using Backprop.Initialization;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Training.Solvers;
using Backprop.Training.Schedules;

namespace Backprop.Cli;

/// <summary>
/// The names the command line takes and completes, each read from its registry or its one list in the library when
/// asked (so an activation, loss or optimiser a caller registers is offered too): the only lists of names in the CLI.
/// Options list their values with <c>option.Values(() =&gt; Vocabulary.HiddenActivations)</c>.
/// </summary>
internal static class Vocabulary
{
    /// <summary><c>--activation</c>: the activations a hidden layer trains with.</summary>
    public static IReadOnlyList<string> HiddenActivations => ActivationRegistry.HiddenNames;

    /// <summary><c>--output-activation</c>: the activations an output layer trains with.</summary>
    public static IReadOnlyList<string> OutputActivations => ActivationRegistry.OutputNames;

    /// <summary><c>--optimizer</c>: the registered optimisers, then the full-batch solvers.</summary>
    public static IReadOnlyList<string> Optimizers => [.. OptimizerRegistry.Names, .. FullBatchSolver.Names];

    /// <summary><c>--lr-schedule</c>.</summary>
    public static IReadOnlyList<string> Schedules => LearningRateSchedule.Names;

    /// <summary><c>--init</c> (normal and uniform may add <c>:parameter</c>).</summary>
    public static IReadOnlyList<string> Initializers => Initializer.Names;

    /// <summary><c>--loss</c>.</summary>
    public static IReadOnlyList<string> Losses => LossRegistry.Names;

    /// <summary><c>--reduction</c>: <see cref="Reduction"/>'s values in lower case.</summary>
    public static IReadOnlyList<string> Reductions => Lower<Reduction>();

    /// <summary><c>--missing</c>: <see cref="MissingValues"/>' values in lower case.</summary>
    public static IReadOnlyList<string> MissingValuePolicies => Lower<MissingValues>();

    private static string[] Lower<T>() where T : struct, Enum => [.. Enum.GetNames<T>().Select(n => n.ToLowerInvariant())];
}
