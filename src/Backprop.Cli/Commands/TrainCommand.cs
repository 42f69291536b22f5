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

    static TrainCommand() => AddRanges();

    private static int _completions;

    public static Command Create()
    {
        if (Interlocked.Exchange(ref _completions, 1) == 0)
        {
            Activation.Values(["sigmoid", "tanh", "relu", "leaky-relu", "identity"]);
            OutputActivation.Values(["identity", "sigmoid", "softmax", "tanh"]);
            OptimizerOption.Values(["gd", "momentum", "nesterov", "rmsprop", "adam", "adamw", "lbfgs", "cg"]);
            Precision.Values(["double", "float"]);
        }
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
        command.SetAction(parse => CliApp.Guard(parse, output => Parse.IsDouble(parse.GetValue(Precision)!)
            ? Run<double>(parse, output)
            : Run<float>(parse, output)));
        return command;
    }

    private static int Run<T>(ParseResult parse, TextWriter output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string outPath = parse.GetValue(Out)!;
        if (outPath == OutputPath.Standard) throw new BackpropException("--out -: train writes a model file (and its checkpoints); give a file name");
        string outFolder = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        if (!Directory.Exists(outFolder)) throw new BackpropException($"--out: the folder '{outFolder}' does not exist");
        string? plots = parse.GetValue(Plots) is string folder ? OutputFolder.Create(folder, "--plots") : null;
        (string, string?)[] inputs = [("--data", parse.GetValue(Data)), ("--test-data", parse.GetValue(TestData)), ("--model", parse.GetValue(Model))];
        InputFiles.EnsureNotOverwritten([("--out", outPath), ("--log", parse.GetValue(Log)), .. ModelPictures.TrainingPictureNames.Select(f => ("--plots", plots is null ? null : Path.Combine(plots, f)))], inputs);
        var reduction = Commands.Parse.Reduction(parse.GetValue(ReductionOption)!);
        // A full-batch solver takes the whole data set unless --batch-size is given (and then refuses it).
        var batch = parse.GetResult(BatchSize) is not { Implicit: false } && Optimizers.Solvers.FullBatchSolver.Find(parse.GetValue(OptimizerOption)!) is not null
            ? null : Commands.Parse.BatchSize(parse.GetValue(BatchSize)!);
        if (Optimizers.Solvers.FullBatchSolver.Find(parse.GetValue(OptimizerOption)!) is { } fullBatch && parse.GetResult(LearningRate) is { Implicit: false })
            throw new BackpropException($"--lr does not apply to {fullBatch.Name}: its line search chooses each step's length");
        string? resumePath = parse.GetValue(Resume);
        string? modelPath = parse.GetValue(Model) ?? resumePath;
        string? layers = parse.GetValue(LayersOption);
        if (resumePath is not null && parse.GetValue(Model) is not null) throw new BackpropException("give --resume or --model, not both");
        // With --resume, --layers may be repeated when it is the run's (checked against the model below).
        if (modelPath is null ? layers is null : layers is not null && resumePath is null)
            throw new BackpropException(modelPath is null ? "give --layers (hidden widths), --model (a model file to start from) or --resume" : "give --layers or --model, not both");
        var explicitLoss = parse.GetValue(LossOption) is string lossName ? Commands.Parse.Loss(lossName) : null;
        ulong seed = parse.GetValue(Seed);

        var start = modelPath is null ? null : ModelFile.Load(modelPath);
        if (resumePath is not null && start!.Checkpoint is null)
            throw new BackpropException("this model holds no training state to resume (it was saved without it: by a diverged run or an older backprop); start from its weights with --model instead", resumePath);
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
        preprocessing = preprocessing with { Excluded = FitOptions.Excluded(parse, preprocessing.Targets) };
        FitOptions.EnsureOneValidation(parse, ValidationSplit);
        var warmup = layers is null || resumePath is not null ? null
            : TrainingWarmup.Start<T>(Commands.Parse.Entries("--activation", parse.GetValue(Activation)!), parse.GetValue(OptimizerOption)!, batch);
        var storage = RowStorage.For(parse.GetValue(MemoryBudgetOption) is string budget ? Backprop.Data.MemoryBudget.Parse(budget) : Backprop.Data.MemoryBudget.Default,
            outPath, parse.GetValue(CacheDir), parse.GetValue(KeepCache));
        var data = PreparedData.Load<T>(parse.GetValue(Data)!, new PreparationOptions
        {
            Preprocessing = preprocessing, Csv = DataOptions.Csv(parse), ValidationSplit = parse.GetValue(ValidationSplit), Shuffle = parse.GetValue(Shuffle), Seed = seed,
            TestPath = parse.GetValue(TestData), Fitted = start?.Preprocessing, XName = parse.GetValue(XVariable)!, YName = parse.GetValue(YVariable)!,
            WeightColumn = parse.GetValue(FitOptions.SampleWeight), Stratify = parse.GetValue(Stratify), Storage = storage, ReadTable = TableInput.Read, OpenTable = TableInput.Open,
        });
        data = FitOptions.WithValidationFile<T>(parse, data, DataOptions.Csv(parse), parse.GetValue(XVariable)!, parse.GetValue(YVariable)!);
        // The table read is garbage now: give it back before training, so that the process holds the encoded rows, not them and the table (docs/performance.md).
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var onDisk = data.OnDisk;
        if (data.OnDisk is not null && (parse.GetValue(FitOptions.SampleWeight) ?? parse.GetValue(FitOptions.ClassWeight) ?? parse.GetValue(FitOptions.ValidationData) ?? (parse.GetValue(Stratify) ? "--stratify" : null)) is not null)
            throw new BackpropException($"--sample-weight, --class-weight, --validation-data and --stratify need the rows in memory, but the encoded rows exceed --memory-budget {storage.Budget:N0} bytes and are read from a cache on disk: give a larger --memory-budget", data.Source);
        var pre = data.Preprocessor;
        var loss = explicitLoss ?? TrainingDefaults.Loss(pre.Target);

        Network<T> network;
        if (start is not null)
        {
            network = start.ToNetwork<T>();
            if (resumePath is null && parse.GetValue(DropoutOption.Option) is not null)
                throw new BackpropException("--dropout goes with --layers: a --model keeps its own layers, dropout included", modelPath);
            if (network.Inputs != pre.FeatureCount)
                throw new BackpropException($"the model takes {network.Inputs} inputs but the data gives {pre.FeatureCount} ({string.Join(", ", pre.FeatureNames)})", modelPath);
            if (network.Outputs != pre.Target.Width)
                throw new BackpropException($"the model has {network.Outputs} outputs but the targets give {pre.Target.Width}", modelPath);
        }
        else
        {
            int[] widths = Commands.Parse.Layers(layers!);
            var hidden = Commands.Parse.Entries("--activation", parse.GetValue(Activation)!).Select(a => Commands.Parse.Activation("--activation", a)).ToArray();
            if (hidden.Length != 1 && hidden.Length != widths.Length)
                throw new BackpropException($"--activation: give one activation for every hidden layer or {widths.Length} (one per layer), not {hidden.Length}");
            string outputActivation = parse.GetValue(OutputActivation) is string o
                ? Commands.Parse.Activation("--output-activation", o)
                : TrainingDefaults.OutputActivation(pre.Target, loss);
            if (outputActivation == "softmax" && pre.Target.Width == 1)
                throw new BackpropException("--output-activation softmax needs two or more outputs: over one unit it is always 1 (use sigmoid for one 0/1 target, identity for a number)");
            var init = parse.GetValue(Init) is string i ? Commands.Parse.Initializer(i) : null;
            var bias = parse.GetValue(NoBias) ? BiasMode.None : BiasMode.Trainable;
            var dropout = DropoutOption.Rates(parse, widths.Length);
            var specs = widths.Select((units, l) => new LayerSpec(units, hidden[hidden.Length == 1 ? 0 : l], bias, init) { Dropout = dropout[l] })
                .Append(new LayerSpec(pre.Target.Width, outputActivation, bias, init)).ToList();
            network = Network<T>.Create(pre.FeatureCount, specs, seed);
        }

        if (parse.GetValue(MinimumRate) >= parse.GetValue(LearningRate))
            throw new BackpropException($"--lr-min must be below --lr ({Fmt(parse.GetValue(LearningRate))}), not {Fmt(parse.GetValue(MinimumRate))}");
        var options = new TrainingOptions
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
            Solver = Optimizers.Solvers.FullBatchSolver.Find(parse.GetValue(OptimizerOption)!),
            ClipNorm = parse.GetValue(ClipNorm),
            Patience = parse.GetValue(Patience),
            ValidationFrequency = parse.GetValue(ValidationFrequency) is int frequency and >= 1 ? frequency
                : throw new BackpropException($"--validation-freq must be a whole number of epochs ≥ 1, not {parse.GetValue(ValidationFrequency)}"),
            MinDelta = parse.GetValue(MinDelta),
        };
        options = FitOptions.Weighted(parse, options, data);
        if (options.Patience is not null && data.ValidationCount == 0)
            throw new BackpropException("--patience needs held-out data to watch: add --validation-split F or --validation-data FILE");
        var run = new TrainingRun
        {
            Schedule = parse.GetValue(Schedule)!, ValidationSplit = parse.GetValue(ValidationSplit), Shuffle = parse.GetValue(Shuffle),
            Data = Path.GetFileName(parse.GetValue(Data)!), Rows = data.TrainCount + data.ValidationCount,
        };
        if (resumePath is not null)
        {
            CheckpointValidation.CheckIntegrity(start!.Checkpoint!, resumePath);
            EnsureSameNetwork(start!, parse, resumePath);
            ResumeCheck.EnsureCompatible(start, network, options, run, data.TrainCount, resumePath);
            options = options with { Resume = start.Checkpoint };
        }
        options.Objective.EnsureTrainable(network);
        var trainRows = data.TrainRows<T>();
        if (loss is CrossEntropy) TargetCheck.EnsureProbabilities(trainRows, pre.Target.OutputNames, data.Source);
        bool json = parse.GetValue(Json);
        int verbose = FitOptions.Verbosity(parse, parse.GetValue(Quiet), ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
        bool quiet = verbose == 0;
        int every = 1; // Keras's verbose 2: a line for every epoch
        ModelDocument Document(TrainingResult? result, TrainingCheckpoint? checkpoint) => run.Document(network, pre, options with { BatchSize = batch, Seed = seed }, result, checkpoint);
        if (parse.GetValue(CheckpointEvery) is int checkpointEvery)
        {
            if (checkpointEvery < 1) throw new BackpropException($"--checkpoint-every must be at least 1, not {checkpointEvery}");
            options = options with { CheckpointEvery = checkpointEvery, OnCheckpoint = c => ModelFile.Save(outPath, Document(null, c)) };
        }
        if (!json && !quiet)
        {
            if (data.CachePath is string cache) output.WriteLine($"the encoded rows exceed --memory-budget {storage.Budget:N0} bytes: they are read from a cache on disk, {cache}");
            output.WriteLine($"training {network} on {data.TrainCount} samples of {data.Source}{(data.ValidationCount > 0 ? $" ({data.ValidationCount} held out)" : "")}: {loss.Name} loss ({reduction.ToString().ToLowerInvariant()}), {options.Solver?.Name ?? options.Optimizer.Name}{(options.Solver is null ? $", lr {Fmt(options.LearningRate)}" : "")}{(options.Schedule is Training.Schedules.ConstantSchedule ? "" : $" ({options.Schedule.Name})")}, batch {batch?.ToString(CultureInfo.InvariantCulture) ?? "full"}, seed {seed}, {(typeof(T) == typeof(double) ? "double" : "float")}");
            foreach (var warning in data.Warnings) output.WriteLine($"WARNING {warning}");
        }
        double? lastPrinted = null;
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(CliApp.Cancellation);
        // Ctrl+C, SIGTERM and SIGHUP stop at the end of the batch; the handlers stay until the model is on disk.
        using var signals = InterruptSignals.Install(interrupt, parse.InvocationConfiguration.Error);
        var validationData = data.ValidationRows<T>();
        warmup?.Wait();
        // Opened only now that every check has passed, so a refused run creates no log.
        using var log = parse.GetValue(Log) is string logPath ? new CsvHistoryLog(logPath, append: resumePath is not null) : null;
        bool live = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && !json && verbose == 1;
        var result = live
            ? TrainingProgress.RunLive(options, data.TrainCount, (o, report) => Trainer.Train(network, trainRows, o,
                record => { report(record); log?.Write(record); }, interrupt.Token, validationData))
            : Trainer.Train(network, trainRows, options, record => { PrintEpoch(record); log?.Write(record); }, interrupt.Token, validationData);
        if (result.StopReason == StopReason.Cancelled)
        {
            ModelFile.Save(outPath, Document(null, result.Checkpoint));
            var c = result.Checkpoint!;
            output.WriteLine($"interrupted at epoch {c.Epoch}{(c.NextBatch > 0 ? $", before batch {c.NextBatch + 1}" : "")}; the model and its training state are saved in {outPath}");
            output.WriteLine($"continue with the same command, --resume {outPath} in place of {(parse.GetValue(Model) is null ? "--layers …" : "--model …")}");
            return signals.ExitCode ?? 130;
        }

        void PrintEpoch(EpochRecord record)
        {
            if (json || quiet || !(record.Epoch == 1 || record.Epoch % every == 0 || !double.IsFinite(record.Loss))) return;
            string rising = lastPrinted is double before && record.Loss > before ? "  WARNING - Loss Increasing" : "";
            lastPrinted = record.Loss;
            string held = record.Validation is { } h ? $"  val loss {Fmt(h.Loss),-14}" + (h.Accuracy is double a ? $"  val accuracy {a:F4}" : $"  val rmse {Fmt(h.Rmse)}") : "";
            output.WriteLine($"epoch {record.Epoch,6}  loss {Fmt(record.Loss),-22}  rmse {Fmt(record.Rmse)}{held}{rising}");
            if (record.Layers is null) return;
            foreach (var layer in record.Layers)
            {
                string dead = layer.DeadFraction is double d ? $"  dead relu units {d:P0}" : "";
                output.WriteLine($"    layer {layer.Layer + 1}  gradient norm {layer.GradientNorm.ToString("0.000e+00", CultureInfo.InvariantCulture)}  weight norm {layer.WeightNorm.ToString("0.000e+00", CultureInfo.InvariantCulture)}{dead}");
            }
            foreach (var warning in GradientHealth.Warnings(record)) output.WriteLine($"    WARNING {warning}");
        }
        Dictionary<string, object?> Report(string? modelPath, bool diverged) => new()
        {
            ["epochs"] = result.Epochs,
            ["stopReason"] = (diverged ? StopReason.Diverged : result.StopReason).ToString(),
            ["diverged"] = diverged,
            ["finalLoss"] = result.FinalLoss,
            ["finalRmse"] = result.FinalRmse,
            ["seconds"] = result.Seconds,
            ["model"] = modelPath,
        };
        if (TrainingDivergence.Happened(result))
        {
            // Never over a good file: the last good weights go to --out only when there is no --out yet.
            var divergence = new TrainingDivergence(result, outPath, inputs.Select(i => i.Item2));
            if (divergence.KeptPath is string kept) ModelFile.Save(kept, Document(divergence.Kept, null));
            if (json) output.WriteLine(JsonReport.Serialize(Report(divergence.KeptPath, diverged: true)));
            throw new BackpropException(divergence.Describe(Backprop.Data.DataScale.Of(trainRows, pre.FeatureNames, pre.Target.OutputNames), options.LearningRate));
        }

        // The finished model keeps its training state, so that --resume can continue it to more epochs.
        var model = Document(result, result.Checkpoint);
        ModelFile.Save(outPath, model);
        if (signals.ExitCode is int stopped)
        {
            // A signal after the last batch: the finished model is saved; stop without the pictures and measures.
            output.WriteLine($"stopped by a signal after training; the trained model is saved in {outPath}");
            return stopped;
        }
        var pictures = plots is null ? [] : ModelPictures.TrainingPictures(model, outPath, plots);

        var doubleNetwork = model.ToNetwork<double>();
        var measures = new Dictionary<string, object>();
        if (data.Validation is { } validation) measures["validation"] = HeldOutSummary.Of(doubleNetwork, validation, pre, options.Objective with { L2 = 0 }, FitOptions.HeldOutWeights(options, validation, data.ValidationWeights));
        else if (data.OnDisk is not null && validationData is { } held) measures["validation"] = HeldOutSummary.Of(network, held, pre, options.Objective with { L2 = 0 });
        if (data.Test is { } test) measures["test"] = HeldOutSummary.Of(doubleNetwork, test, pre, options.Objective with { L2 = 0 });
        if (json)
        {
            var report = Report(outPath, diverged: false);
            if (plots is not null) report["pictures"] = pictures;
            foreach (var (key, value) in measures) report[key] = value;
            output.WriteLine(JsonReport.Serialize(report));
        }
        else
        {
            output.WriteLine($"stopped after {result.Epochs} epochs ({Describe(result.StopReason)}) in {result.Seconds:F2} s");
            output.WriteLine($"final loss {Fmt(result.FinalLoss)}, rmse {Fmt(result.FinalRmse)} {ProgressPrinter.FinalLossMeaning(options, data.TrainCount)}");
            if (ProgressPrinter.BestEpoch(result) is string best) output.WriteLine(best);
            foreach (var (key, value) in measures)
                output.WriteLine($"{key}: " + string.Join(", ", ((Dictionary<string, double>)value).Select(kv => $"{kv.Key} {Fmt(kv.Value)}")));
            output.WriteLine($"model written to {outPath}");
            foreach (string picture in pictures) output.WriteLine($"picture written to {picture}");
        }
        return 0;
    }

    /// <summary>Refuses a repeated --layers, --activation, --output-activation, --no-bias, --target or --features that is not the resumed model's.</summary>
    private static void EnsureSameNetwork(ModelDocument model, ParseResult parse, string path)
    {
        var hidden = model.DenseLayers.SkipLast(1).ToList();
        var differences = new List<string>();
        void Check(string option, string was, string now) { if (was != now) differences.Add($"{option} {was} (now {now})"); }
        if (parse.GetValue(LayersOption) is string layers)
            Check("--layers", string.Join(",", hidden.Select(l => l.Units)), string.Join(",", Commands.Parse.Layers(layers)));
        if (parse.GetResult(Activation) is { Implicit: false })
        {
            var given = Commands.Parse.List("--activation", parse.GetValue(Activation)).Select(a => Commands.Parse.Activation("--activation", a)).ToArray();
            var was = hidden.Select(l => l.Activation).ToArray();
            bool same = given.Length == 1 ? was.All(a => a == given[0]) : given.SequenceEqual(was);
            if (!same) Check("--activation", string.Join(",", was.Distinct().Count() == 1 ? was.Take(1) : was), string.Join(",", given));
        }
        if (parse.GetValue(OutputActivation) is string output)
            Check("--output-activation", model.DenseLayers[^1].Activation, Commands.Parse.Activation("--output-activation", output));
        if (parse.GetValue(NoBias)) Check("--no-bias", model.DenseLayers.All(l => l.Bias is null) ? "on" : "off", "on");
        if (parse.GetValue(DropoutOption.Option) is not null) Check("--dropout", DropoutOption.Of(model), DropoutOption.Given(parse, hidden.Count));
        if (model.Preprocessing is { } pre)
        {
            // The data's columns come from the saved preparation; a repeated --target or --features must be the run's.
            if (parse.GetValue(Target) is string target) Check("--target", string.Join(",", pre.Target.Columns), string.Join(",", Commands.Parse.List("--target", target)));
            if (parse.GetValue(Features) is string features) Check("--features", string.Join(",", pre.Inputs.Select(c => c.Name)), string.Join(",", Commands.Parse.List("--features", features)));
        }
        if (differences.Count > 0)
            throw new BackpropException($"the run was saved with {string.Join(", ", differences)}: resume with the network it was started with", path);
    }

    internal static string Describe(StopReason reason) => reason.Describe();

    internal static string Fmt(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
