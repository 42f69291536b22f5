using System.Diagnostics;
using System.Globalization;
using Backprop.Training;
using Spectre.Console;

namespace Backprop.Cli.Commands;

/// <summary>The live training display for a terminal: epoch, batch, loss, validation metric, samples/s, elapsed and remaining time.</summary>
internal static class TrainingProgress
{
    public static TrainingResult RunLive(TrainingOptions options, int samples, Func<TrainingOptions, Action<EpochRecord>, TrainingResult> train)
    {
        TrainingResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: options.Epochs);
                var clock = Stopwatch.StartNew();
                long seen = 0;
                string last = "";
                int firstEpoch = options.Resume?.Epoch ?? 1;
                var live = options with
                {
                    OnBatch = (epoch, batch, batches) =>
                    {
                        seen += samples / Math.Max(1, batches);
                        task.Value = epoch - 1 + (double)batch / batches;
                        double rate = seen / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
                        task.Description = Markup.Escape($"epoch {epoch}/{options.Epochs} batch {batch}/{batches}  {rate:F0} samples/s  {last}");
                    },
                };
                result = train(live, record =>
                {
                    string held = record.Validation is { } v ? (v.Accuracy is double a ? $" val accuracy {a:F4}" : $" val rmse {v.Rmse.ToString("G4", CultureInfo.InvariantCulture)}") : "";
                    last = $"loss {record.Loss.ToString("G6", CultureInfo.InvariantCulture)}{held}";
                    task.Value = record.Epoch;
                });
                if (result.StopReason != StopReason.Cancelled) task.Value = task.MaxValue;
            });
        return result!;
    }
}
