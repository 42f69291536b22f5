using System.Numerics;
using Backprop.Diagnostics;
using Backprop.Layers;

namespace Backprop.Training;

/// <summary>
/// Checks a checkpoint against the run it is to continue — the network, the number of training rows and the options —
/// before anything of it is used, so that a damaged or hand-edited checkpoint is refused in one line naming the field
/// instead of resuming somewhere that does not exist, crashing, or silently dropping state.
/// </summary>
internal static class CheckpointValidation
{
    /// <summary>The state slots each full-batch solver keeps per parameter (an optimiser names its own: <c>Optimizer.SlotNames</c>).</summary>
    private static readonly Dictionary<string, string[]> SlotsOf = new()
    {
        // The full-batch solvers cut their vectors by parameter too (L-BFGS's pairs s0, y0, s1, y1, … besides these), and
        // keep their numbers in "scalars" of the first block, whose length is not the block's.
        ["lbfgs"] = ["scalars"], ["cg"] = ["direction", "gradient", "scalars"],
    };

    /// <summary>
    /// Throws when <paramref name="checkpoint"/> does not agree with itself, whatever run it is resumed with: an epoch
    /// below 1 or not following its history, a history whose epochs are not numbered 1, 2, …, a generator state
    /// xoshiro256** cannot be in, negative or non-finite sums, or a best epoch that is not a finished one. Callers that
    /// compare the checkpoint with the user's settings call this first, so that a damaged file is reported as such.
    /// </summary>
    /// <param name="checkpoint">The checkpoint to check.</param>
    /// <param name="source">The file the checkpoint came from, named in the message (null for none).</param>
    /// <exception cref="BackpropException">The first field that does not fit, named by its JSON path.</exception>
    public static void CheckIntegrity(TrainingCheckpoint checkpoint, string? source = null)
    {
        void Fail(string field, string problem) => throw new BackpropException(problem, source, $"checkpoint.{field}");
        var c = checkpoint;
        if (c.Epoch < 1) Fail("epoch", $"the run continues at epoch {c.Epoch}, but epochs are counted from 1");
        if (c.History.Count != c.Epoch - 1)
            Fail("epoch", $"the run continues at epoch {c.Epoch}, but checkpoint.history holds {c.History.Count} finished epochs (it would " +
                $"continue at {c.History.Count + 1})");
        for (int e = 0; e < c.History.Count; e++)
        {
            var h = c.History[e];
            if (h.Epoch != e + 1) Fail($"history[{e}]", $"is epoch {h.Epoch}, expected {e + 1}");
            if (!double.IsFinite(h.Loss) || h.Loss < 0 || !double.IsFinite(h.Rmse) || h.Rmse < 0)
                Fail($"history[{e}]", "an epoch's loss and RMSE are finite numbers ≥ 0");
        }
        if (c.NextBatch < 0) Fail("nextBatch", $"batch {c.NextBatch} is outside an epoch: batches are counted from 0");

        var s = c.ShuffleState;
        if (s.Count != 6) Fail("shuffleState", $"must hold 6 words, not {s.Count}");
        if ((s[0] | s[1] | s[2] | s[3]) == 0) Fail("shuffleState",
            "the generator's state is all zero, which xoshiro256** never reaches: the checkpoint is damaged");
        if (s[5] > 1 || (s[5] == 0 && s[4] != 0) || (s[5] == 1 && !double.IsFinite(BitConverter.UInt64BitsToDouble(s[4]))))
            Fail("shuffleState", "words 5 and 6 (a spare normal draw and whether there is one) do not hold a generator's state");
        if (!double.IsFinite(c.LossSum) || c.LossSum < 0) Fail("lossSum", $"must be a finite number ≥ 0, not {c.LossSum}");
        if (!double.IsFinite(c.SquaredErrorSum) || c.SquaredErrorSum < 0) Fail("squaredErrorSum",
            $"must be a finite number ≥ 0, not {c.SquaredErrorSum}");
        if (c.Optimizer.Steps < 0) Fail("optimizer.steps", $"must be ≥ 0, not {c.Optimizer.Steps}");
        if (c.BestEpoch < 0 || c.BestEpoch >= c.Epoch)
            Fail("bestEpoch", $"must be from 0 (none yet) to {c.Epoch - 1}, the last finished epoch, not {c.BestEpoch}");
        if (c.BestEpoch > 0 && !double.IsFinite(c.BestValidationLoss))
            Fail("bestValidationLoss", $"early stopping's best epoch is {c.BestEpoch} but its loss is {c.BestValidationLoss}");
    }

    /// <summary>
    /// Throws when <paramref name="checkpoint"/> cannot continue training <paramref name="network"/> on
    /// <paramref name="rows"/> rows with <paramref name="options"/>: an epoch outside 1 … <see cref="TrainingOptions.Epochs"/> + 1,
    /// a batch position outside an epoch, a generator state xoshiro256 cannot be in, optimiser state of another optimiser
    /// or for a parameter that does not exist or has another size, a step count that does not match the position, a
    /// schedule state of the wrong size, a history that does not number the finished epochs, or early-stopping state
    /// that does not fit the network. Begins with <see cref="CheckIntegrity"/>.
    /// </summary>
    /// <param name="checkpoint">The checkpoint to check.</param>
    /// <param name="network">The network holding the checkpoint's weights.</param>
    /// <param name="rows">The training rows (without held-out ones).</param>
    /// <param name="options">The options of the run being resumed.</param>
    /// <param name="source">The file the checkpoint came from, named in the message (null for none).</param>
    /// <exception cref="BackpropException">The first field that does not fit, named by its JSON path.</exception>
    public static void Check<T>(TrainingCheckpoint checkpoint, Network<T> network, int rows, TrainingOptions options, string? source = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        void Fail(string field, string problem) => throw new BackpropException(problem, source, $"checkpoint.{field}");
        var c = checkpoint;
        int batch = Math.Max(1, Math.Min(options.BatchSize ?? rows, rows));
        int batches = (rows + batch - 1) / batch;

        CheckIntegrity(c, source);
        // Epochs + 1 is a run stopped at the end of its last epoch: resuming it with as many epochs only measures it.
        if (c.Epoch > options.Epochs + 1)
            Fail("epoch", $"the run continues at epoch {c.Epoch}, but a run of {options.Epochs} epochs ({Setting.Epochs}) continues at 1 to " +
                $"{options.Epochs + 1}");
        if (c.NextBatch >= batches)
            Fail("nextBatch", $"batch {c.NextBatch} is outside an epoch: {rows} rows in batches of {batch} make batches 0 to {batches - 1}");

        CheckOptimizer(c, network, options, (long)(c.Epoch - 1) * batches + c.NextBatch, Fail);

        int scheduleWords = options.Schedule.ExportState().Length;
        if (c.Schedule.Count != scheduleWords)
            Fail("schedule", $"holds {c.Schedule.Count} numbers but the {options.Schedule.Name} schedule keeps {scheduleWords}");
        if (options.Schedule is Schedules.AdaptiveSchedule
            && (c.Schedule[1] is < 0 || c.Schedule[1] != Math.Floor(c.Schedule[1]) || c.Schedule[2] is <= 0 or > 1))
            Fail("schedule", "the adaptive schedule's state is a best loss, a whole count ≥ 0 of stalled epochs and a factor in (0, 1]");
        if (options.Schedule is Schedules.PlateauSchedule
            && (c.Schedule[1] is < 0 || c.Schedule[1] != Math.Floor(c.Schedule[1]) || !(double.IsNaN(c.Schedule[2]) || c.Schedule[2] > 0)))
            Fail("schedule", "the plateau schedule's state is a best loss, a whole count ≥ 0 of epochs waited and a learning rate > 0");

        long values = network.Parameters.Sum(p => (long)p.Length);
        if (c.BestWeights is { } best && best.Count != values)
            Fail("bestWeights", $"holds {best.Count} values but the network has {values} parameters");
        if (c.BestEpoch > 0 && options.Patience is not null && c.BestWeights is null)
            Fail("bestWeights", $"early stopping's best epoch is {c.BestEpoch} but its weights are missing");
    }

    private static void CheckOptimizer<T>(TrainingCheckpoint c, Network<T> network, TrainingOptions options, long expectedSteps, Action<string,
        string> fail)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var state = c.Optimizer;
        string name = options.Solver?.Name ?? options.Optimizer.Name;
        if (!string.Equals(state.Optimizer, name, StringComparison.OrdinalIgnoreCase))
            fail("optimizer.name", $"the state is the {state.Optimizer} optimizer's, but the run uses {name}");
        // A solver's steps are its iterations, which may be fewer than its epochs; an optimiser's are its batches.
        if (options.Solver is null && !options.ResumeOnOtherRows && state.Steps != expectedSteps)
            fail("optimizer.steps",
                $"{state.Steps} steps were taken, but epoch {c.Epoch} batch {c.NextBatch} comes after {expectedSteps} (was the checkpoint saved on " +
                    $"other data or batches?)");
        // An optimiser names its own slots (a user's registered one too); the solvers' are listed here.
        string[] slots = options.Solver is null ? [.. options.Optimizer.SlotNames] : SlotsOf.GetValueOrDefault(name.ToLowerInvariant()) ?? [];
        var seen = new HashSet<(string, int)>();
        var parameters = network.Parameters;
        for (int k = 0; k < state.Slots.Count; k++)
        {
            var slot = state.Slots[k];
            string at = $"optimizer.slots[{k}]";
            bool known = slots.Contains(slot.Slot)
                || (name == "lbfgs" && slot.Slot.Length > 1 && slot.Slot[0] is 's' or 'y' && slot.Slot[1..].All(char.IsAsciiDigit));
            if (!known)
                fail($"{at}.slot",
                    $"{name} keeps no slot \"{slot.Slot}\" ({(slots.Length == 0 ? "it keeps none" : "it keeps " + string.Join(" and ", slots))})");
            if (slot.Parameter < 0 || slot.Parameter >= parameters.Count)
                fail($"{at}.parameter", $"parameter {slot.Parameter} does not exist: the network has parameters 0 to {parameters.Count - 1}");
            var parameter = parameters[slot.Parameter];
            if (!parameter.Trainable) fail($"{at}.parameter",
                $"parameter {slot.Parameter} ({parameter.Name}) is not trained, so it has no optimiser state");
            if (slot.Slot != "scalars" && slot.Values.Length != parameter.Length)
                fail($"{at}.values", $"holds {slot.Values.Length} values but parameter {slot.Parameter} ({parameter.Name}) has {parameter.Length}");
            if (!seen.Add((slot.Slot, slot.Parameter))) fail(at, $"slot \"{slot.Slot}\" of parameter {slot.Parameter} is given twice");
            if (slot.Slot is "v" or "square" && slot.Values.Any(v => v < 0))
                fail($"{at}.values", $"a running average of squared gradients (\"{slot.Slot}\") cannot be negative");
        }
    }
}
