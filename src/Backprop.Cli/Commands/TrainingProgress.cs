using System.Diagnostics;
using System.Globalization;
using Backprop.Estimators.Jobs;
using Backprop.Training;
using Spectre.Console;

namespace Backprop.Cli.Commands;

/// <summary>
/// The live training display for a terminal (<c>--verbose 1</c>), as Keras's: one line kept per epoch (epoch, loss,
/// validation figures, seconds) above a live bar with the epoch, the batch, samples/s, and the elapsed and remaining time.
/// </summary>
internal static class TrainingProgress
{
    /// <summary>Runs <paramref name="train"/> under the live display of <paramref name="epochs"/> epochs of <paramref name="samples"/>() rows
    /// each.</summary>
    public static T RunLive<T>(int epochs, Func<int> samples, Func<Action<int, int, int>, Action<EpochRecord>, T> train, Func<T, bool> finished)
    {
        T? result = default;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ProgressPrinter.TimeColumn(remaining: false), new ProgressPrinter.TimeColumn(remaining: true), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: epochs);
                var clock = Stopwatch.StartNew();
                long seen = 0;
                var epochClock = Stopwatch.StartNew();
                void OnBatch(int epoch, int batch, int batches)
                {
                    seen += samples() / Math.Max(1, batches);
                    task.Value = epoch - 1 + (double)batch / batches;
                    double rate = seen / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
                    task.Description = Markup.Escape($"epoch {epoch}/{epochs} batch {batch}/{batches}  {rate:F0} samples/s");
                }
                result = train(OnBatch, record =>
                {
                    // Written through the console the bar is drawn on, so the line stays above it.
                    AnsiConsole.WriteLine(ProgressPrinter.EpochLine(record, epochs, epochClock.Elapsed.TotalSeconds));
                    epochClock.Restart();
                    task.Value = record.Epoch;
                });
                if (finished(result)) task.Value = task.MaxValue;
            });
        return result!;
    }
}
