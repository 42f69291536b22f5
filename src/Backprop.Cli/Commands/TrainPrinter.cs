using System.CommandLine;
using System.Globalization;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Training;
using Backprop.Estimators.Jobs;
using Spectre.Console;

namespace Backprop.Cli.Commands;

/// <summary>
/// What <c>train</c> prints: the header once the data is prepared, a line per epoch (or the live bar in a terminal), and
/// the summary, the interrupted and the stopped lines, as text or one JSON object (<c>--json</c>).
/// </summary>
internal sealed class TrainPrinter
{
    private readonly ParseResult _parse;
    private readonly TextWriter _output;
    private readonly MlpOptions _options;
    private readonly bool _json, _live;
    private readonly int _verbose;
    private readonly EpochPrinter _lines;
    private FitStart? _start;
    private Action<int, int, int>? _liveBatch;
    private Action<EpochRecord>? _liveEpoch;

    public TrainPrinter(ParseResult parse, TextWriter output, MlpOptions options)
    {
        (_parse, _output, _options) = (parse, output, options);
        _json = parse.GetValue(RunOptions.Json);
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        _verbose = FitOptions.Verbosity(parse, parse.GetValue(RunOptions.Quiet), terminal);
        _live = terminal && !_json && _verbose == 1;
        _lines = new EpochPrinter(output, enabled: !_json && _verbose > 0);
        Epochs = new TrainCommand.EpochReporter(record => (_liveEpoch ?? _lines.Print)(record));
    }

    /// <summary>Receives every epoch's record.</summary>
    public IProgress<EpochRecord> Epochs { get; }

    /// <summary>Receives every batch (for the live bar).</summary>
    public void OnBatch(int epoch, int batch, int batches) => _liveBatch?.Invoke(epoch, batch, batches);

    /// <summary>The row cache of the run, once prepared; null when the rows are in memory.</summary>
    public string? CachePath => _start?.CachePath;

    /// <summary>Runs <paramref name="fit"/>, under the live bar in a terminal.</summary>
    public MlpEstimator Live(Func<MlpEstimator> fit) => !_live ? fit()
        : TrainingProgress.RunLive(_options.Epochs, () => _start?.TrainRows ?? 0, (onBatch, onEpoch) =>
        {
            (_liveBatch, _liveEpoch) = (onBatch, onEpoch);
            return fit();
        }, e => e.Outcome?.Interrupted == false);

    /// <summary>The header: the cache, the network, the rows and the settings, the warnings.</summary>
    public void Header(FitStart start)
    {
        _start = start;
        if (_json || _verbose == 0) return;
        Action<string> line = _live ? AnsiConsole.WriteLine : _output.WriteLine;
        if (start.CachePath is string cache)
            line($"the encoded rows exceed --memory-budget {start.MemoryBudget:N0} bytes: they are read from a cache on disk, {cache} "
                + $"({Backprop.Data.Cache.CacheSpace.Size(new FileInfo(cache).Length)})");
        string held = start.HeldOutRows > 0 ? $" ({start.HeldOutRows} held out)" : "";
        string rate = start.FullBatch ? "" : $", lr {TrainCommand.Fmt(_options.LearningRate)}";
        string schedule = start.Schedule is null ? "" : $" ({start.Schedule})";
        string batch = start.BatchSize?.ToString(CultureInfo.InvariantCulture) ?? "full";
        string precision = _options.Precision == Precision.Float ? "float" : "double";
        string loss = Backprop.Losses.LossWords.Formula(start.Loss, _options.Reduction, _options.L2,
            start.Network.EndsWith("softmax)", StringComparison.Ordinal) ? "softmax" : null, _options.L1);
        line($"training {start.Network} on {start.TrainRows} samples of {start.Source}{held}: loss {loss}, "
            + $"{start.Optimizer}{rate}{schedule}, batch {batch}, seed {_options.Seed}, {precision}");
        foreach (var warning in start.Warnings) line($"WARNING {Shown.Line(warning)}");
        foreach (var note in start.Notes) line($"note: {Shown.Line(note)}");
        foreach (string stale in start.RemovedCaches) line($"removed {stale}, a row cache left by a run that had ended");
    }

    /// <summary>
    /// The line and the exit code (128 + the signal's number) of a run stopped by a signal before its first batch: no
    /// model is written, and the row cache is deleted (as the run returns) unless <paramref name="kept"/> names it.
    /// </summary>
    public int StoppedBeforeTraining(InterruptSignals signals, string? kept)
    {
        var error = _parse.InvocationConfiguration.Error;
        lock (error)
            error.WriteLine($"interrupted by {signals.Name} while preparing the data: nothing was trained, no model written, "
                + (kept is null ? "no row cache left" : $"the row cache kept in {kept} (--keep-cache)"));
        return signals.ExitCode ?? 130;
    }

    /// <summary>A run stopped mid-way and saved with its state: where, and how to continue.</summary>
    public int Interrupted(TrainingOutcome outcome, string outPath, bool fromModel, int code)
    {
        var c = outcome.Result.Checkpoint!;
        _output.WriteLine($"interrupted at epoch {c.Epoch}{(c.NextBatch > 0 ? $", before batch {c.NextBatch + 1}" : "")}; "
            + $"the model and its training state are saved in {outPath}");
        _output.WriteLine($"continue with the same command, --resume {outPath} in place of {(fromModel ? "--model …" : "--layers …")}");
        return code;
    }

    /// <summary>A signal after the last batch: the finished model is saved; no pictures or measures.</summary>
    public int StoppedAfterTraining(string outPath, int code)
    {
        _output.WriteLine($"stopped by a signal after training; the trained model is saved in {outPath}");
        return code;
    }

    /// <summary>A diverged run's JSON object (its one-line error follows); nothing as text.</summary>
    public void Diverged(TrainingOutcome outcome)
    {
        if (_json) _output.WriteLine(JsonReport.Serialize(Report(outcome.Result, outcome.ModelPath, diverged: true)));
    }

    /// <summary>The summary of a finished run: epochs, final loss, the held-out and test measures, the files written.</summary>
    public void Summary(MlpEstimator estimator, string outPath, IReadOnlyList<string>? pictures)
    {
        var result = estimator.Outcome!.Result;
        if (_json)
        {
            var report = Report(result, outPath, diverged: false);
            if (pictures is not null) report["pictures"] = pictures;
            foreach (var (key, value) in estimator.Measures) report[key] = value;
            _output.WriteLine(JsonReport.Serialize(report));
            return;
        }
        bool score = _options.Monitor == Backprop.Runs.EarlyStoppingMonitor.Score;
        string why = score && result.StopReason == StopReason.EarlyStopped
            ? "validation score stopped improving; the best epoch's weights are kept" : result.StopReason.Describe();
        _output.WriteLine($"stopped after {result.Epochs} epochs ({why}) in {result.Seconds:F2} s");
        bool weighted = _options.SampleWeightColumn is not null || _options.ClassWeight is not null;
        _output.WriteLine($"final loss E {TrainCommand.Fmt(result.FinalLoss)}, rmse {TrainCommand.Fmt(result.FinalRmse)} "
            + ProgressPrinter.FinalLossMeaning(_start!.FullBatch, _start.BatchSize, weighted, _start.TrainRows));
        if (ProgressPrinter.BestEpoch(result, score) is string best) _output.WriteLine(best);
        foreach (var (key, value) in estimator.Measures)
            _output.WriteLine($"{key}: " + string.Join(", ", value.Select(kv => $"{kv.Key} {TrainCommand.Fmt(kv.Value)}")));
        _output.WriteLine($"model written to {outPath}");
        foreach (string picture in pictures ?? []) _output.WriteLine($"picture written to {picture}");
    }

    private static Dictionary<string, object?> Report(TrainingResult result, string? path, bool diverged) => new()
    {
        ["epochs"] = result.Epochs,
        ["stopReason"] = (diverged ? StopReason.Diverged : result.StopReason).ToString(),
        ["diverged"] = diverged,
        ["finalLoss"] = result.FinalLoss,
        ["finalRmse"] = result.FinalRmse,
        ["seconds"] = result.Seconds,
        ["model"] = path,
    };
}
