using System.Globalization;
using Backprop.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Backprop.Cli.Commands;

/// <summary>
/// What train prints about its epochs, as Keras's <c>fit</c> does: the line kept for each epoch under the live bar,
/// the labelled time columns of the bar, and the summary's words on what each loss is and which epoch early stopping kept.
/// </summary>
internal static class ProgressPrinter
{
    /// <summary>The line kept in a terminal for one epoch: <c>epoch 3/30  loss 0.1234  rmse 0.2  val loss 0.2  val accuracy 0.9  0.05
    /// s</c>.</summary>
    public static string EpochLine(EpochRecord record, int epochs, double seconds)
    {
        string held = record.Validation is { } v
            ? $"  val loss {K(v.Loss)}" + (v.Accuracy is double a ? $"  val accuracy {K(a)}" : $"  val rmse {K(v.Rmse)}")
            : "";
        string epoch = record.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(epochs.ToString(CultureInfo.InvariantCulture).Length);
        string time = seconds.ToString("F2", CultureInfo.InvariantCulture);
        return $"epoch {epoch}/{epochs}  loss {K(record.Loss)}  rmse {K(record.Rmse)}{held}  {time} s";
    }

    /// <summary>A figure as Keras prints it, four decimals, but below 1e-3 four significant digits in fixed notation (0.0001234), so the
    /// column never switches to an exponent.</summary>
    internal static string K(double v) => Math.Abs(v) >= 1e-3 || v == 0 || !double.IsFinite(v)
        ? v.ToString("F4", CultureInfo.InvariantCulture) : Backprop.Diagnostics.FixedNotation.Significant(v, 4);

    /// <summary>
    /// What the summary's final loss is, against the epoch lines' loss: the objective with the final weights on every
    /// training row, where an epoch's loss is the running mean over its batches (mini-batches), the loss where the epoch
    /// started (full batch) or at the iteration's new weights (L-BFGS, CG).
    /// </summary>
    public static string FinalLossMeaning(bool fullBatchSolver, int? batchSize, bool weighted, int rows)
    {
        string epochLoss = fullBatchSolver ? "at that iteration's new weights"
            : batchSize is null || batchSize >= rows ? "at the weights the epoch started with"
            : "the average of its batches' losses, each taken just before that batch's update, so with weights that changed during the epoch";
        string weights = weighted ? "weighted, " : "";
        return $"({weights}with the final weights on the {rows.ToString("N0", CultureInfo.InvariantCulture)} training rows; an epoch's loss is " +
            $"{epochLoss})";
    }

    /// <summary>After an early stop: which epoch was best and that its weights were restored; null otherwise. When early
    /// stopping watched the held-out score, the checkpoint keeps it negated (lower is better), so it is turned back.</summary>
    public static string? BestEpoch(TrainingResult result, bool score = false) =>
        result.StopReason == StopReason.EarlyStopped && result.Checkpoint is { BestEpoch: > 0 } c
            ? $"best epoch {c.BestEpoch} of {result.Epochs} ("
                + (score ? $"val score {G(-c.BestValidationLoss)}" : $"val loss {G(c.BestValidationLoss)}") + "): its weights were restored"
            : null;

    /// <summary>A progress column of a labelled time: <c>elapsed 0:00:05</c> or <c>remaining 0:00:12</c>.</summary>
    public sealed class TimeColumn(bool remaining) : ProgressColumn
    {
        /// <inheritdoc />
        protected override bool NoWrap => true;

        /// <inheritdoc />
        public override int? GetColumnWidth(RenderOptions options) => (remaining ? "remaining" : "elapsed").Length + 8;

        /// <inheritdoc />
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            TimeSpan? time = remaining ? task.RemainingTime : task.ElapsedTime;
            string text = time is { } t ? $"{(int)t.TotalHours}:{t:mm\\:ss}" : "-:--:--";
            return new Text($"{(remaining ? "remaining" : "elapsed")} {text}");
        }
    }

    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
