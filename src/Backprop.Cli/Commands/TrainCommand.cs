using System.CommandLine;
using System.Globalization;
using Backprop.Estimators;
using Backprop.Estimators.Jobs;
using Backprop.Serialization;

namespace Backprop.Cli.Commands;

/// <summary>
/// <c>backprop train</c>: the option table (<see cref="RunOptions"/>) read into an <see cref="MlpOptions"/> and a
/// <see cref="FitControl"/>, then two calls into the library — <see cref="MlpEstimator.For"/> and
/// <see cref="MlpEstimator.Fit(string, IReadOnlyList{string}, FitControl?)"/>, which prepares, trains and writes the
/// model — and a third for the pictures; the rest is printing (<see cref="TrainPrinter"/>).
/// </summary>
internal static class TrainCommand
{
    /// <summary>
    /// The options <c>cv</c> and <c>search</c> take from train: one definition, so the same names, ranges, defaults and
    /// completions.
    /// </summary>
    internal static Option[] ModelSelectionOptions() => [.. RunOptions.Shared.Select(r => r.Option).Except(DataRows)];

    private static readonly Option[] DataRows = [DataOptions.Delimiter, DataOptions.Decimal, DataOptions.MaxCategories];

    public static Command Create()
    {
        var command = new Command("train", "Train a network on a CSV file and save the model.");
        foreach (var row in RunOptions.All) command.Options.Add(row.Option);
        // Every file train reads and writes, once: the guard compares them before any work (--resume may be --out: a run continues in its file).
        CommandFiles.Of(command)
            .Reads(RunOptions.Data).Reads(FitOptions.ValidationData).Reads(RunOptions.TestData).Reads(RunOptions.Model)
            .Reads(RunOptions.Resume, rewrittenBy: RunOptions.Out)
            .Writes(RunOptions.Out, path => [("--out (a diverged run's weights)", TrainingDivergence.DivergedPath(path))])
            .Writes(RunOptions.Log).WritesIn(RunOptions.Plots, _ => ModelPictures.TrainingPictureNames).Uses(RunOptions.CacheDir)
            .Runs(Run);
        return command;
    }

    private static int Run(ParseResult parse, TextWriter output)
    {
        var options = RunOptions.WithCsv(parse, RunOption.Read(parse, RunOptions.All), missing: true);
        var control = RunOption.ReadControl(parse, RunOptions.All);
        // A resumed run continues with the saved options; those typed again are compared with them in Fit.
        if (control.Resume is string resume) options = RunOption.Overlay(parse, RunOptions.All, options, SavedOptions.Of(ModelFile.Load(resume)));
        if (options.WarmStart && control.StartFrom is null)
            throw new Backprop.Diagnostics.BackpropException("--warm-start continues the model given with --model: add --model MODEL (or "
                + "--resume MODEL to finish a saved run on the same data)");
        string[] targets = Parse.List("--target", parse.GetValue(RunOptions.Target));
        ArrayOptions.Refuse(parse, parse.GetValue(RunOptions.Data)!);
        string outPath = parse.GetValue(RunOptions.Out)!;
        if (parse.GetValue(RunOptions.Log) is string logPath && logPath != "-") OutputFolder.Ensure(logPath, "--log");
        string? plots = parse.GetValue(RunOptions.Plots) is string folder ? OutputFolder.Create(folder, "--plots") : null;
        using var interrupt = new CancellationTokenSource();
        // An in-process caller's token (CliApp.Run's) stops the run as Ctrl+C does from the end of its first batch on.
        CancellationTokenRegistration? caller = null;
        Action started = () => caller ??= CliApp.Cancellation.Register(interrupt.Cancel);
        // Ctrl+C, SIGTERM and SIGHUP stop the preparation at its next block (the row cache deleted, nothing written), and
        // the training at the end of the batch; the handlers stay until the model is on disk or the cache is gone.
        using var signals = InterruptSignals.Install(interrupt, parse.InvocationConfiguration.Error);
        signals.Preparing = true;
        PreparationPause.InstallFromEnvironment();
        var printer = new TrainPrinter(parse, output, options);
        var warmup = control.StartFrom is null && control.Resume is null ? TrainingWarmup.Start(options) : null;
        control = control with
        {
            Cancellation = interrupt.Token, PreparationCancellation = signals.Signalled,
            ReadTable = InterruptibleRead.Reader(signals.Signalled), OpenTable = TableInput.Open,
            Inputs = CommandFiles.Find(parse.CommandResult.Command)!.InputPaths(parse).Select(i => i.Path).ToList(),
            Progress = new EpochReporter(record => { started(); printer.Epochs.Report(record); }),
            OnBatch = (epoch, batch, batches) => { started(); printer.OnBatch(epoch, batch, batches); },
            OnStart = start =>
            {
                printer.Header(start);
                warmup?.Wait();
                signals.Preparing = false;
            },
        };
        // The callbacks the training calls at its first batch and epoch, compiled beside the read as the training code is.
        warmup = TrainingWarmup.Then(warmup, started, control.OnBatch!, printer.OnBatch, printer.Epochs.Report,
            ((EpochReporter)control.Progress!).Callback, ((EpochReporter)printer.Epochs).Callback);
        MlpEstimator estimator;
        try
        {
            estimator = printer.Live(() => MlpEstimator.For(options).Fit(parse.GetValue(RunOptions.Data)!, targets, control));
        }
        catch (OperationCanceledException) when (signals.ExitCode is not null)
        {
            return printer.StoppedBeforeTraining(signals, kept: null);
        }
        catch (FitDivergedException diverged)
        {
            printer.Diverged(diverged.Estimator.Outcome!);
            throw;
        }
        caller?.Dispose();
        var outcome = estimator.Outcome!;
        if (outcome.Interrupted && outcome.ModelPath is null)
            return printer.StoppedBeforeTraining(signals, kept: control.KeepCache ? printer.CachePath : null);
        if (outcome.Interrupted) return printer.Interrupted(outcome, outPath, control.StartFrom is not null, signals.ExitCode ?? 130);
        if (signals.ExitCode is int stopped) return printer.StoppedAfterTraining(outPath, stopped);
        var pictures = plots is null ? [] : ModelPictures.TrainingPictures(estimator.Model!, outPath, plots);
        printer.Summary(estimator, outPath, plots is null ? null : pictures);
        return 0;
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the training thread, in order (not through a synchronisation context).</summary>
    internal sealed class EpochReporter(Action<Training.EpochRecord> report) : IProgress<Training.EpochRecord>
    {
        public void Report(Training.EpochRecord value) => report(value);

        /// <summary>What <see cref="Report"/> calls.</summary>
        public Action<Training.EpochRecord> Callback => report;
    }

    internal static string Fmt(double value) => Backprop.Diagnostics.FixedNotation.Significant(value, 10);
}
