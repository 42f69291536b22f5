using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Backprop.Data.Preparation;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Metrics;
using Backprop.Serialization;
using Backprop.Training;
using Backprop.Training.Jobs;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop train</c>: fit a network to a table and save it with its preprocessing.</summary>
internal static class TrainCommand
{
    private static readonly Option<string> Data = new("--data") { Description = "CSV file with a header row (- for standard input), a Parquet file (.parquet), MNIST images (*-idx3-ubyte[.gz], labels beside them), or a MATLAB .mat file (X and y)", Required = true };
    private static readonly Option<string?> Target = new("--target") { Description = "target column(s), comma-separated; a text column is a class label (not needed for MNIST images)" };
    private static readonly Option<string?> Features = new("--features") { Description = "feature columns (default: every other column)" };
    private static readonly Option<string?> OneHot = new("--one-hot") { Description = "numeric columns to one-hot encode as categories (text columns are anyway)" };
    private static readonly Option<string?> Standardize = new("--standardize") { Description = "standardise these numeric columns, or all of them when no list is given (z-scores fitted on the training rows)", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<bool> Classify = new("--classify") { Description = "treat a numeric target column as class labels" };
    private static readonly Option<string?> Classes = new("--classes") { Description = "declare the target's classes and their order (A,B,…), so that data holding only some of them trains; a row of another class is refused" };
    private static readonly Option<double> ValidationSplit = new("--validation-split") { Description = "hold out this last fraction of the rows for validation (as Keras)", DefaultValueFactory = _ => 0 };
    private static readonly Option<int> ValidationFrequency = new("--validation-freq") { Description = "measure the held-out rows every N epochs (and after the last)", DefaultValueFactory = _ => 1 };
    private static readonly Option<bool> Stratify = new("--stratify") { Description = "keep the class proportions in the validation rows (each class gives its last fraction of rows, after --shuffle) and, in cv and search, in every fold: scikit-learn's stratify=y" };
    private static readonly Option<bool> Shuffle = new("--shuffle") { Description = "shuffle the rows (from --seed) before splitting" };
    private static readonly Option<string?> TestData = new("--test-data") { Description = "a CSV to measure the trained model on" };
    private static readonly Option<string?> Model = new("--model") { Description = "start from this model file's weights (keeps its per-layer trainBias and its preprocessing)" };
    private static readonly Option<string?> LayersOption = new("--layers") { Description = "hidden layer widths, e.g. 4,2 (the output layer has one unit per target or class)" };
    private static readonly Option<string> Activation = new("--activation") { Description = "hidden activation (sigmoid, tanh, relu, leaky-relu, identity), or one per hidden layer, e.g. tanh,sigmoid", DefaultValueFactory = _ => "relu" };
    private static readonly Option<string?> OutputActivation = new("--output-activation") { Description = "output activation (default: softmax for classes, sigmoid for two classes or 0/1 cross-entropy, identity for regression)" };
    private static readonly Option<string?> Init = new("--init") { Description = "normal[:σ], uniform[:ε], lecun, glorot, glorot-normal, he, he-uniform (default: glorot for every activation, chosen by measurement: see docs/training.md)" };
    private static readonly Option<bool> NoBias = new("--no-bias") { Description = "build layers without bias" };
    private static readonly Option<string?> LossOption = new("--loss") { Description = "squared or cross-entropy (default: cross-entropy for class targets, squared otherwise)" };
    private static readonly Option<string> ReductionOption = new("--reduction") { Description = "sum or mean over the samples of a batch", DefaultValueFactory = _ => "mean" };
    private static readonly Option<double> L2 = new("--l2") { Description = "λ of the L2 penalty λ/(2m)·Σw²", DefaultValueFactory = _ => 0 };
    private static readonly Option<double> LearningRate = new("--lr") { Description = "learning rate η", DefaultValueFactory = _ => 0.01 };
    private static readonly Option<int> Epochs = new("--epochs") { Description = "most epochs to run", DefaultValueFactory = _ => 200 };
    private static readonly Option<string> BatchSize = new("--batch-size") { Description = "samples per step, or 'full'", DefaultValueFactory = _ => "32" };
    private static readonly Option<double?> Tolerance = new("--tolerance") { Description = "stop when |ΔRMSE| between epochs is below this" };
    private static readonly Option<double?> TargetLoss = new("--target-loss") { Description = "stop when the loss is at most this" };
    private static readonly Option<ulong> Seed = new("--seed") { Description = "seed for initial weights, shuffling and splitting", DefaultValueFactory = _ => 1UL };
    private static readonly Option<string> Precision = new("--precision") { Description = "double or float", DefaultValueFactory = _ => "double" };
    private static readonly Option<string> Out = new("--out") { Description = "where to write the trained model (JSON)", Required = true };
    private static readonly Option<bool> Json = new("--json") { Description = "print one JSON object instead of text" };
    private static readonly Option<string> OptimizerOption = new("--optimizer") { Description = "gd, momentum, nesterov, rmsprop, adam, adamw, or the full-batch solvers lbfgs and cg", DefaultValueFactory = _ => "gd" };
    private static readonly Option<double> MomentumOption = new("--momentum") { Description = "μ for momentum and nesterov", DefaultValueFactory = _ => 0.9 };
    private static readonly Option<double> WeightDecay = new("--weight-decay") { Description = "λ of adamw's decoupled weight decay", DefaultValueFactory = _ => 0.01 };
    private static readonly Option<string> Schedule = new("--lr-schedule") { Description = "constant, step, exponential, cosine, adaptive or plateau (Keras's ReduceLROnPlateau: --plateau-factor, --plateau-patience, --min-lr)", DefaultValueFactory = _ => "constant" };
    private static readonly Option<double> Gamma = new("--lr-gamma") { Description = "factor of the step and exponential schedules", DefaultValueFactory = _ => 0.1 };
    private static readonly Option<int> StepSize = new("--lr-step") { Description = "epochs between steps of the step schedule", DefaultValueFactory = _ => 10 };
    private static readonly Option<double> MinimumRate = new("--lr-min") { Description = "the learning rate the cosine schedule ends at", DefaultValueFactory = _ => 0 };
    private static readonly Option<double?> ClipNorm = new("--clip-norm") { Description = "scale gradients down to this global norm when larger" };
    private static readonly Option<int?> Patience = new("--patience") { Description = "stop when the validation loss has not improved for this many epochs, keeping the best weights" };
    private static readonly Option<double> MinDelta = new("--min-delta") { Description = "the least fall of the validation loss that counts as an improvement", DefaultValueFactory = _ => 0 };
    private static readonly Option<string> XVariable = new("--x-var") { Description = "the inputs' variable in a MAT-file", DefaultValueFactory = _ => "X" };
    private static readonly Option<string> YVariable = new("--y-var") { Description = "the labels' variable in a MAT-file", DefaultValueFactory = _ => "y" };
    private static readonly Option<string?> Resume = new("--resume") { Description = "continue the run saved in this model file (give the same data and settings as before)" };
    private static readonly Option<int?> CheckpointEvery = new("--checkpoint-every") { Description = "write the model with its training state to --out every N epochs" };
    private static readonly Option<bool> Quiet = new("--quiet") { Description = "print only the summary" };
    private static readonly Option<string?> Log = new("--log") { Description = "write one CSV row per epoch to this file as training goes (epoch, loss, rmse, learning rate, held-out loss, rmse, accuracy), as Keras's CSVLogger; a resumed run appends" };
    private static readonly Option<string?> Plots = new("--plots") { Description = "write the loss curve (loss.png) and the network with its weights (network.png) to this folder at the end, made if missing" };
    private static readonly Option<string?> MemoryBudgetOption = new("--memory-budget") { Description = "the most memory the encoded rows may take (512M, 2G, bytes); more go to a memory-mapped cache on disk (default: half the memory the process may use)" };
    private static readonly Option<string?> CacheDir = new("--cache-dir") { Description = "the folder for that cache (default: the folder of --out)" };
    private static readonly Option<bool> KeepCache = new("--keep-cache") { Description = "leave the cache file on disk afterwards" };
    private static readonly Option<bool> Diagnostics = new("--diagnostics") { Description = "print per-layer gradient norms, weight norms and dead ReLU units, and warn of vanishing or exploding gradients" };

    /// <summary>The options <c>cv</c> and <c>search</c> take from train: one definition, so the same names, ranges, defaults and completions.</summary>
    internal static Option[] ModelSelectionOptions() =>
        [Data, Target, Classify, Classes, Standardize, ValidationSplit, Stratify, LayersOption, Activation, OptimizerOption, L2, LearningRate, Epochs, BatchSize, Patience, Seed, Json];

    /// <summary>The range of every numeric option (docs/training.md lists them); a value outside is refused while parsing.</summary>
    private static void AddRanges()
    {
        OptionRange.Fraction(ValidationSplit);
        OptionRange.AtLeast(ValidationFrequency, 1);
        OptionRange.NotNegative(L2);
        OptionRange.Positive(LearningRate);
        OptionRange.AtLeast(Epochs, 0);
        OptionRange.NotNegative(Tolerance);
        OptionRange.NotNegative(TargetLoss);
        OptionRange.Fraction(MomentumOption);
        OptionRange.NotNegative(WeightDecay);
        OptionRange.Factor(Gamma);
        OptionRange.AtLeast(StepSize, 1);
        OptionRange.NotNegative(MinimumRate);
        OptionRange.Positive(ClipNorm);
        OptionRange.AtLeast(Patience, 1);
        OptionRange.NotNegative(MinDelta);
        OptionRange.AtLeast(CheckpointEvery, 1);
    }

    static TrainCommand()
    {
        AddRanges();
        // Once, here: CliApp builds the tree on every call (tests in parallel too), and the options are shared.
        Activation.Values(() => Vocabulary.HiddenActivations);
        OutputActivation.Values(() => Vocabulary.OutputActivations);
        OptimizerOption.Values(() => Vocabulary.Optimizers);
        Precision.Values(["double", "float"]);
    }

    public static Command Create()
    {
        var command = new Command("train", "Train a network on a CSV file and save the model.")
        {
            Data, Target, Features, OneHot, Standardize, Classify, Classes, ValidationSplit, Stratify, ValidationFrequency, Shuffle, TestData, Model, LayersOption, Activation,
            OutputActivation, Init, NoBias, LossOption, ReductionOption, L2, LearningRate, Epochs, BatchSize, Tolerance, TargetLoss, Seed,
            Precision, Out, Json, Diagnostics, OptimizerOption, MomentumOption, WeightDecay, Schedule, Gamma, StepSize, MinimumRate, ClipNorm,
            Patience, MinDelta, Resume, CheckpointEvery, Quiet, XVariable, YVariable, Plots, Log,
            DataOptions.Delimiter, DataOptions.Decimal, DataOptions.Missing, DataOptions.MaxCategories, MemoryBudgetOption, CacheDir, KeepCache,
            DropoutOption.Option,
        };
        FitOptions.AddTo(command);
        // Every file train reads and writes, once: the guard compares them before any work (--resume may be --out: a run continues in its file).
        CommandFiles.Of(command)
            .Reads(Data).Reads(FitOptions.ValidationData).Reads(TestData).Reads(Model).Reads(Resume, rewrittenBy: Out)
            .Writes(Out, path => [("--out (a diverged run's weights)", TrainingDivergence.DivergedPath(path))])
            .Writes(Log).WritesIn(Plots, _ => ModelPictures.TrainingPictureNames).Uses(CacheDir)
            .Runs((parse, output) => Parse.IsDouble(parse.GetValue(Precision)!) ? Run<double>(parse, output) : Run<float>(parse, output));
        return command;
    }

    private static int Run<T>(ParseResult parse, TextWriter output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string outPath = parse.GetValue(Out)!;
        if (outPath == OutputPath.Standard) throw new BackpropException("--out -: train writes a model file (and its checkpoints); give a file name");
        string outFolder = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        if (!Directory.Exists(outFolder)) throw new BackpropException($"--out: the folder '{outFolder}' does not exist");
        if (parse.GetValue(Log) is string logPath && logPath != OutputPath.Standard) OutputFolder.Ensure(logPath, "--log");
        string? plots = parse.GetValue(Plots) is string folder ? OutputFolder.Create(folder, "--plots") : null;
        var reduction = Commands.Parse.Reduction(parse.GetValue(ReductionOption)!);
        var solver = Optimizers.Solvers.FullBatchSolver.Find(parse.GetValue(OptimizerOption)!);
        // A full-batch solver takes the whole data set unless --batch-size is given (and then refuses it).
        var batch = parse.GetResult(BatchSize) is not { Implicit: false } && solver is not null ? null : Commands.Parse.BatchSize(parse.GetValue(BatchSize)!);
        if (solver is not null && parse.GetResult(LearningRate) is { Implicit: false })
            throw new BackpropException($"--lr does not apply to {solver.Name}: its line search chooses each step's length");
        string? resumePath = parse.GetValue(Resume);
        string? modelPath = parse.GetValue(Model) ?? resumePath;
        string? layers = parse.GetValue(LayersOption);
        if (resumePath is not null && parse.GetValue(Model) is not null) throw new BackpropException("give --resume or --model, not both");
        // With --resume, --layers may be repeated when it is the run's (checked against the model by the job).
        if (modelPath is null ? layers is null : layers is not null && resumePath is null)
            throw new BackpropException(modelPath is null ? "give --layers (hidden widths), --model (a model file to start from) or --resume" : "give --layers or --model, not both");
        if (resumePath is null && parse.GetValue(Model) is not null && parse.GetValue(DropoutOption.Option) is not null)
            throw new BackpropException("--dropout goes with --layers: a --model keeps its own layers, dropout included", modelPath);
        var explicitLoss = parse.GetValue(LossOption) is string lossName ? Commands.Parse.Loss(lossName) : null;
        ulong seed = parse.GetValue(Seed);

        var start = modelPath is null ? null : ModelFile.Load(modelPath);
        if (resumePath is not null) ResumeCheck.EnsureResumable(start!, resumePath);
        var preprocessing = Preprocessing(parse, explicitLoss, start);
        FitOptions.EnsureOneValidation(parse, ValidationSplit);
        var warmup = layers is null || resumePath is not null ? null
            : TrainingWarmup.Start<T>(Commands.Parse.Entries("--activation", parse.GetValue(Activation)!), parse.GetValue(OptimizerOption)!, batch);
        var storage = RowStorage.For(parse.GetValue(MemoryBudgetOption) is string budget ? Backprop.Data.MemoryBudget.Parse(budget) : Backprop.Data.MemoryBudget.Default,
            outPath, parse.GetValue(CacheDir), parse.GetValue(KeepCache));
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(CliApp.Cancellation);
        // Ctrl+C, SIGTERM and SIGHUP stop the preparation at its next block (the row cache deleted, nothing written), and
        // the training at the end of the batch; the handlers stay until the model is on disk or the cache is gone.
        using var signals = InterruptSignals.Install(interrupt, parse.InvocationConfiguration.Error);
        signals.Preparing = true;
        PreparationPause.InstallFromEnvironment();
        PreparedData data;
        try
        {
            data = PreparedData.Load<T>(parse.GetValue(Data)!, new PreparationOptions
            {
                Preprocessing = preprocessing, Csv = DataOptions.Csv(parse), ValidationSplit = parse.GetValue(ValidationSplit),
                Shuffle = parse.GetValue(Shuffle), Seed = seed, TestPath = parse.GetValue(TestData), Fitted = start?.Preprocessing,
                XName = parse.GetValue(XVariable)!, YName = parse.GetValue(YVariable)!, WeightColumn = parse.GetValue(FitOptions.SampleWeight),
                Stratify = parse.GetValue(Stratify), Storage = storage, ReadTable = InterruptibleRead.Reader(signals.Signalled),
                OpenTable = TableInput.Open,
                Cancellation = signals.Signalled,
            });
        }
        catch (OperationCanceledException) when (signals.ExitCode is not null)
        {
            return StoppedBeforeTraining(parse, signals, kept: null);
        }
        using var onDisk = data.OnDisk;
        data = FitOptions.WithValidationFile<T>(parse, data, DataOptions.Csv(parse), parse.GetValue(XVariable)!, parse.GetValue(YVariable)!);
        // The table read is garbage now: give it back before training, so that the process holds the encoded rows, not them and the table (docs/performance.md).
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (data.OnDisk is not null && (parse.GetValue(FitOptions.SampleWeight) ?? parse.GetValue(FitOptions.ClassWeight) ?? parse.GetValue(FitOptions.ValidationData) ?? (parse.GetValue(Stratify) ? "--stratify" : null)) is not null)
            throw new BackpropException($"--sample-weight, --class-weight, --validation-data and --stratify need the rows in memory, but the encoded rows exceed --memory-budget {storage.Budget:N0} bytes and are read from a cache on disk: give a larger --memory-budget", data.Source);
        var loss = explicitLoss ?? TrainingDefaults.Loss(data.Preprocessor.Target);
        var options = FitOptions.Weighted(parse, Training(parse, loss, reduction, batch, solver, seed), data);
        var run = new TrainingRun
        {
            Schedule = parse.GetValue(Schedule)!, ValidationSplit = parse.GetValue(ValidationSplit), Shuffle = parse.GetValue(Shuffle),
            Data = Path.GetFileName(parse.GetValue(Data)!), Rows = data.TrainCount + data.ValidationCount,
            SampleWeight = parse.GetValue(FitOptions.SampleWeight),
            ValidationData = parse.GetValue(FitOptions.ValidationData) is string held ? Path.GetFileName(held) : null,
        };
        var job = resumePath is not null
            ? TrainingJob<T>.Resume(start!, resumePath, data, options, run, Network(parse, given: true),
                parse.GetValue(Target) is string target ? Commands.Parse.List("--target", target) : null,
                parse.GetValue(Features) is string features ? Commands.Parse.List("--features", features) : null)
            : start is not null ? TrainingJob<T>.FromModel(start, modelPath!, data, options, run)
            : TrainingJob<T>.Create(data, Network(parse, given: false), options, run);
        job.LogPath = parse.GetValue(Log);
        job.Inputs = CommandFiles.Find(parse.CommandResult.Command)!.InputPaths(parse).Select(i => i.Path).ToList();
        bool json = parse.GetValue(Json);
        int verbose = FitOptions.Verbosity(parse, parse.GetValue(Quiet), ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
        var printer = new EpochPrinter(output, enabled: !json && verbose > 0);
        if (!json && verbose > 0)
        {
            if (data.CachePath is string cache)
                output.WriteLine($"the encoded rows exceed --memory-budget {storage.Budget:N0} bytes: they are read from a cache on disk, {cache} "
                    + $"({Backprop.Data.Cache.CacheSpace.Size(new FileInfo(cache).Length)})");
            output.WriteLine($"training {job.Network} on {data.TrainCount} samples of {data.Source}{(data.ValidationCount > 0 ? $" ({data.ValidationCount} held out)" : "")}: {loss.Name} loss ({reduction.ToString().ToLowerInvariant()}), {options.Solver?.Name ?? options.Optimizer.Name}{(options.Solver is null ? $", lr {Fmt(options.LearningRate)}" : "")}{(options.Schedule is Training.Schedules.ConstantSchedule ? "" : $" ({options.Schedule.Name})")}, batch {batch?.ToString(CultureInfo.InvariantCulture) ?? "full"}, seed {seed}, {(typeof(T) == typeof(double) ? "double" : "float")}");
            foreach (var warning in data.Warnings) output.WriteLine($"WARNING {Shown.Line(warning)}");
            foreach (string stale in storage.RemovedCaches) output.WriteLine($"removed {stale}, a row cache left by a run that had ended");
        }
        warmup?.Wait();
        // A signal before the first batch: nothing trained, so nothing saved.
        if (signals.ExitCode is not null) return StoppedBeforeTraining(parse, signals, kept: storage.Keep ? data.CachePath : null);
        signals.Preparing = false;
        bool live = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && !json && verbose == 1;
        var outcome = live
            ? TrainingProgress.RunLive(job.Options, data.TrainCount, (onBatch, report) => job.Execute(outPath, report, onBatch, interrupt.Token))
            : job.Execute(outPath, printer.Print, cancellation: interrupt.Token);
        var result = outcome.Result;
        if (outcome.Interrupted)
        {
            var c = result.Checkpoint!;
            output.WriteLine($"interrupted at epoch {c.Epoch}{(c.NextBatch > 0 ? $", before batch {c.NextBatch + 1}" : "")}; the model and its training state are saved in {outPath}");
            output.WriteLine($"continue with the same command, --resume {outPath} in place of {(parse.GetValue(Model) is null ? "--layers …" : "--model …")}");
            return signals.ExitCode ?? 130;
        }
        Dictionary<string, object?> Report(string? path, bool diverged) => new()
        {
            ["epochs"] = result.Epochs,
            ["stopReason"] = (diverged ? StopReason.Diverged : result.StopReason).ToString(),
            ["diverged"] = diverged,
            ["finalLoss"] = result.FinalLoss,
            ["finalRmse"] = result.FinalRmse,
            ["seconds"] = result.Seconds,
            ["model"] = path,
        };
        if (outcome.Divergence is string divergence)
        {
            if (json) output.WriteLine(JsonReport.Serialize(Report(outcome.ModelPath, diverged: true)));
            throw new BackpropException(divergence);
        }
        if (signals.ExitCode is int stopped)
        {
            // A signal after the last batch: the finished model is saved; stop without the pictures and measures.
            output.WriteLine($"stopped by a signal after training; the trained model is saved in {outPath}");
            return stopped;
        }
        var pictures = plots is null ? [] : ModelPictures.TrainingPictures(outcome.Model!, outPath, plots);
        var measures = job.Measures();
        if (json)
        {
            var report = Report(outPath, diverged: false);
            if (plots is not null) report["pictures"] = pictures;
            foreach (var (key, value) in measures) report[key] = value;
            output.WriteLine(JsonReport.Serialize(report));
        }
        else
        {
            output.WriteLine($"stopped after {result.Epochs} epochs ({result.StopReason.Describe()}) in {result.Seconds:F2} s");
            output.WriteLine($"final loss {Fmt(result.FinalLoss)}, rmse {Fmt(result.FinalRmse)} {ProgressPrinter.FinalLossMeaning(options, data.TrainCount)}");
            if (ProgressPrinter.BestEpoch(result) is string best) output.WriteLine(best);
            foreach (var (key, value) in measures)
                output.WriteLine($"{key}: " + string.Join(", ", value.Select(kv => $"{kv.Key} {Fmt(kv.Value)}")));
            output.WriteLine($"model written to {outPath}");
            foreach (string picture in pictures) output.WriteLine($"picture written to {picture}");
        }
        return 0;
    }

    /// <summary>
    /// The line and the exit code (128 + the signal's number) of a run stopped by a signal before its first batch: no
    /// model is written, and the row cache is deleted (as the run returns) unless <paramref name="kept"/> names it.
    /// </summary>
    private static int StoppedBeforeTraining(ParseResult parse, InterruptSignals signals, string? kept)
    {
        var error = parse.InvocationConfiguration.Error;
        lock (error)
            error.WriteLine($"interrupted by {signals.Name} while preparing the data: nothing was trained, no model written, "
                + (kept is null ? "no row cache left" : $"the row cache kept in {kept} (--keep-cache)"));
        return signals.ExitCode ?? 130;
    }

    /// <summary>How the table's columns are prepared: targets, features, one-hot and standardised columns, classes, missing values.</summary>
    private static PreprocessingOptions Preprocessing(ParseResult parse, Loss? explicitLoss, ModelDocument? start)
    {
        var preprocessing = new PreprocessingOptions
        {
            Targets = parse.GetValue(Target) is string targetText ? Commands.Parse.List("--target", targetText)
                : ArrayData.Is(parse.GetValue(Data)!) ? ["label"] : throw new BackpropException("give --target: the column(s) to predict"),
            Features = parse.GetValue(Features) is string f ? Commands.Parse.List("--features", f) : start?.Preprocessing is null ? start?.Features : null,
            OneHot = Commands.Parse.List("--one-hot", parse.GetValue(OneHot)),
            Standardize = parse.GetResult(Standardize) is null ? null : Commands.Parse.List("--standardize", parse.GetValue(Standardize)),
            ClassifyNumericTarget = parse.GetValue(Classify) || (explicitLoss is CrossEntropy && Commands.Parse.List("--target", parse.GetValue(Target)).Length == 1),
            Missing = DataOptions.MissingPolicy(parse),
            Classes = parse.GetValue(Classes) is string declared ? Commands.Parse.Entries("--classes", declared) : null,
        };
        return preprocessing with { Excluded = FitOptions.Excluded(parse, preprocessing.Targets) };
    }

    /// <summary>
    /// The network options: every one for a new network (defaults filled in), or, with <paramref name="given"/>, only
    /// those given on the command line, to compare with a resumed run's.
    /// </summary>
    private static NetworkSpec Network(ParseResult parse, bool given)
    {
        bool Given(Option option) => !given || parse.GetResult(option) is { Implicit: false };
        int[]? widths = parse.GetValue(LayersOption) is string layers ? Commands.Parse.Layers(layers) : null;
        return new NetworkSpec
        {
            HiddenLayers = widths,
            Activations = Given(Activation) ? Commands.Parse.Entries("--activation", parse.GetValue(Activation)!).Select(a => Commands.Parse.Activation("--activation", a)).ToArray() : null,
            OutputActivation = parse.GetValue(OutputActivation) is string o ? Commands.Parse.Activation("--output-activation", o) : null,
            Initializer = parse.GetValue(Init) is string i ? Commands.Parse.Initializer(i) : null,
            Bias = parse.GetValue(NoBias) ? false : given ? null : true,
            Dropout = DropoutOption.Rates(parse),
        };
    }

    /// <summary>The training settings of the command line.</summary>
    private static TrainingOptions Training(ParseResult parse, Loss loss, Reduction reduction, int? batch, Optimizers.Solvers.FullBatchSolver? solver, ulong seed)
    {
        if (parse.GetValue(MinimumRate) >= parse.GetValue(LearningRate))
            throw new BackpropException($"--lr-min must be below --lr ({Fmt(parse.GetValue(LearningRate))}), not {Fmt(parse.GetValue(MinimumRate))}");
        return new TrainingOptions
        {
            Objective = new Objective(loss, reduction, parse.GetValue(L2)),
            LearningRate = parse.GetValue(LearningRate),
            Epochs = parse.GetValue(Epochs),
            BatchSize = batch,
            Seed = seed,
            Tolerance = parse.GetValue(Tolerance),
            TargetLoss = parse.GetValue(TargetLoss),
            CollectDiagnostics = parse.GetValue(Diagnostics),
            Optimizer = Commands.Parse.Optimizer(parse.GetValue(OptimizerOption)!, parse.GetValue(MomentumOption), parse.GetValue(WeightDecay)),
            Schedule = FitOptions.Plateau(parse, parse.GetValue(Schedule)!) ?? Commands.Parse.Schedule(parse.GetValue(Schedule)!, parse.GetValue(Gamma), parse.GetValue(StepSize), parse.GetValue(MinimumRate)),
            Solver = solver,
            ClipNorm = parse.GetValue(ClipNorm),
            Patience = parse.GetValue(Patience),
            ValidationFrequency = parse.GetValue(ValidationFrequency),
            MinDelta = parse.GetValue(MinDelta),
            CheckpointEvery = parse.GetValue(CheckpointEvery),
        };
    }

    internal static string Fmt(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
