using Backprop.Diagnostics;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Training.Solvers;

namespace Backprop.Serialization;

/// <summary>
/// The loss and optimiser a model file's training section names, checked against this program's registries when, and
/// only when, something needs them. A model trained with a loss or optimiser of its own program (registered there with
/// <see cref="LossRegistry.Register"/> or <see cref="OptimizerRegistry.Register(string, Func{Optimizer}, string[])"/>)
/// records it by name; reading the file takes the name as written, so predicting, reporting, plotting and exporting —
/// which need only the layers and the preprocessing — work in any program, while resuming the run and measuring its
/// loss refuse in one line naming the file, the field and the name.
/// </summary>
internal static class RecordedTraining
{
    /// <summary>The loss <paramref name="summary"/> records, made by this program's registry; null when it records none.</summary>
    /// <param name="summary">The model's training summary (null for none).</param>
    /// <param name="path">The model file, for the message.</param>
    /// <param name="remedy">What to do instead, the end of the message (e.g. <c>give --loss to measure with another</c>).</param>
    /// <exception cref="BackpropException">The recorded loss is not registered in this program.</exception>
    public static Loss? Loss(TrainingSummary? summary, string path, string remedy)
    {
        if (summary?.Loss is not string name) return null;
        return LossRegistry.Contains(name) ? LossRegistry.Get(name) : throw Unregistered("loss", "loss", name, LossRegistry.Names, path, remedy);
    }

    /// <summary>Refuses <paramref name="summary"/> when the loss or the optimiser it records is not registered in this program.</summary>
    /// <param name="summary">The model's training summary (null for none: nothing to check).</param>
    /// <param name="path">The model file, for the message.</param>
    /// <param name="remedy">What to do instead, the end of the message.</param>
    /// <exception cref="BackpropException">One of them is not registered.</exception>
    public static void EnsureRegistered(TrainingSummary? summary, string path, string remedy)
    {
        _ = Loss(summary, path, remedy);
        if (summary?.Optimizer is string name && OptimizerName(name) is null)
            throw Unregistered("optimizer", "optimiser", name, OptimizerNames, path, remedy);
    }

    /// <summary>The registered spelling of loss <paramref name="name"/> (any case, or an alias), or null when it is not registered.</summary>
    public static string? LossName(string name) => LossRegistry.Contains(name) ? LossRegistry.Get(name).Name : null;

    /// <summary>The registered spelling of optimiser <paramref name="name"/> (a mini-batch one or a full-batch solver), or null when it is not
    /// registered.</summary>
    public static string? OptimizerName(string name) =>
        FullBatchSolver.Find(name)?.Name ?? (OptimizerRegistry.Contains(name) ? OptimizerRegistry.Create(name).Name : null);

    private static IReadOnlyList<string> OptimizerNames => [.. OptimizerRegistry.Names, .. Training.Solvers.FullBatchSolver.Names];

    private static BackpropException Unregistered(string field, string kind, string name, IReadOnlyList<string> known, string path, string remedy) =>
        new($"the {kind} \"{name}\" is not registered in this program (registered: {string.Join(", ", known)}): {remedy}", path, $"training.{field}");
}
