using System.CommandLine;
using Backprop.Activations;
using Backprop.Estimators;
using Backprop.Optimizers;

namespace Backprop.Cli.Commands;

/// <summary>
/// The option table of <c>train</c>, <c>cv</c> and <c>search</c>: one row per option (<see cref="RunOption"/>, in RunOptions.Rows.cs), with the
/// <see cref="MlpOptions"/> or <see cref="FitControl"/> property it sets. The defaults shown are the library's
/// (<see cref="MlpOptions"/>'s), so a command and a library caller that give nothing run the same.
/// </summary>
internal static partial class RunOptions
{
    private static readonly MlpOptions D = new();

    // ---------------------------------------------------------------- the data
    public static readonly Option<string> Data = new("--data")
    {
        Description = "CSV file with a header row (- for standard input), a Parquet file (.parquet), MNIST images (*-idx3-ubyte[.gz], labels beside "
            + "them), or a MATLAB .mat file (X and y)",
        Required = true,
    };
    public static readonly Option<string?> Target = new("--target")
    {
        Description = "target column(s), comma-separated; a text column is a class label (not needed for MNIST images)",
    };
    public static readonly Option<string?> Features = new("--features") { Description = "feature columns (default: every other column)" };
    public static readonly Option<string?> OneHot = new("--one-hot")
    {
        Description = "numeric columns to one-hot encode as categories (text columns are anyway)",
    };
    public static readonly Option<string?> Standardize = new("--standardize")
    {
        Description = "standardise the numeric columns (z-scores fitted on the training rows): all of them by default or when no list is given, "
            + "these columns with a list, none with 'none'; 'robust': all of them by median and interquartile range, outliers clipped smoothly",
        Arity = ArgumentArity.ZeroOrOne,
    };
    public static readonly Option<bool> Classify = new("--classify") { Description = "treat a numeric target column as class labels" };
    public static readonly Option<string?> Classes = new("--classes")
    {
        Description = "declare the target's classes and their order (A,B,…), so that data holding only some of them trains; a row of another class "
            + "is refused",
    };
    public static readonly Option<double?> ValidationSplit = new("--validation-split")
    {
        Description = "hold out this last fraction of the rows for validation (as Keras); 0 for none (default: 0.1, by class, keeping the "
            + "best epoch, from 100 rows)",
    };
    public static readonly Option<int> ValidationFrequency = new("--validation-freq")
    {
        Description = "measure the held-out rows every N epochs (and after the last)",
        DefaultValueFactory = _ => D.ValidationFrequency,
    };
    public static readonly Option<bool> Stratify = new("--stratify")
    {
        Description = "keep the class proportions in the validation rows (each class gives its last fraction of rows, after --shuffle) and, in cv "
            + "and search, in every fold: scikit-learn's stratify=y",
    };
    public static readonly Option<bool> Shuffle = new("--shuffle")
    {
        Description = "shuffle the rows (from --seed) before splitting (default; --shuffle false keeps the file's order)",
        DefaultValueFactory = _ => D.Shuffle,
    };
    public static readonly Option<string> XVariable = new("--x-var")
    {
        Description = "the inputs' variable in a MAT-file",
        DefaultValueFactory = _ => D.MatInputs,
    };
    public static readonly Option<string> YVariable = new("--y-var")
    {
        Description = "the labels' variable in a MAT-file",
        DefaultValueFactory = _ => D.MatLabels,
    };

    // ---------------------------------------------------------------- the network
    public static readonly Option<string?> Layers = new("--layers")
    {
        Description = "hidden layer widths, e.g. 4,2, or none (the output layer has one unit per target or class; default 100)",
    };
    public static readonly Option<string> Activation = new("--activation")
    {
        Description = "hidden activation (sigmoid, tanh, relu, leaky-relu, identity), or one per hidden layer, e.g. tanh,sigmoid",
        DefaultValueFactory = _ => string.Join(",", D.Activations),
    };
    public static readonly Option<string?> OutputActivation = new("--output-activation")
    {
        Description = "output activation (default: softmax for classes, sigmoid for two classes or 0/1 cross-entropy, identity for regression)",
    };
    public static readonly Option<string?> Init = new("--init")
    {
        Description = "normal[:σ], uniform[:ε], lecun, glorot, glorot-normal, he, he-uniform (default: glorot for every activation, chosen by "
            + "measurement: see docs/training.md)",
    };
    public static readonly Option<bool> NoBias = new("--no-bias") { Description = "build layers without bias" };

    // ---------------------------------------------------------------- the training
    public static readonly Option<string?> Loss = new("--loss")
    {
        Description = "squared or cross-entropy (default: cross-entropy for class targets, squared otherwise)",
    };
    public static readonly Option<string> Reduction = new("--reduction")
    {
        Description = "sum or mean over the samples of a batch",
        DefaultValueFactory = _ => "mean",
    };
    public static readonly Option<double> L2 = new("--l2") { Description = "λ of the L2 penalty λ/(2m)·Σw²", DefaultValueFactory = _ => D.L2 };
    public static readonly Option<double> L1 = new("--l1") { Description = "λ₁ of the L1 penalty λ₁/m·Σ|w|", DefaultValueFactory = _ => D.L1 };
    public static readonly Option<double> LearningRate = new("--lr") { Description = "learning rate η", DefaultValueFactory = _ => D.LearningRate };
    public static readonly Option<int> Epochs = new("--epochs") { Description = "most epochs to run", DefaultValueFactory = _ => D.Epochs };
    public static readonly Option<string> BatchSize = new("--batch-size")
    {
        Description = "samples per step, or 'full'",
        DefaultValueFactory = _ => D.BatchSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "full",
    };
    public static readonly Option<double?> Tolerance = new("--tolerance") { Description = "stop when |ΔRMSE| between epochs is below this" };
    public static readonly Option<double?> TargetLoss = new("--target-loss") { Description = "stop when the loss is at most this" };
    public static readonly Option<ulong> Seed = new("--seed")
    {
        Description = "seed for initial weights, shuffling and splitting",
        DefaultValueFactory = _ => D.Seed,
    };
    public static readonly Option<string> Precision = new("--precision") { Description = "double or float", DefaultValueFactory = _ => "double" };
    public static readonly Option<string> Optimizer = new("--optimizer")
    {
        Description = "gd, momentum, nesterov, rmsprop, adam, adamw, or the full-batch solvers lbfgs and cg",
        DefaultValueFactory = _ => D.Optimizer,
    };
    public static readonly Option<double> Momentum = new("--momentum")
    {
        Description = "μ for momentum and nesterov",
        DefaultValueFactory = _ => D.Momentum,
    };
    public static readonly Option<double> WeightDecay = new("--weight-decay")
    {
        Description = "λ of adamw's decoupled weight decay",
        DefaultValueFactory = _ => D.WeightDecay,
    };
    public static readonly Option<string> Schedule = new("--lr-schedule")
    {
        Description = "constant, step, exponential, cosine, adaptive, plateau (Keras's ReduceLROnPlateau: --plateau-factor, --plateau-patience, "
            + "--min-lr) or invscaling (scikit-learn's: --lr-power)",
        DefaultValueFactory = _ => D.Schedule,
    };
    public static readonly Option<double> Gamma = new("--lr-gamma")
    {
        Description = "factor of the step and exponential schedules",
        DefaultValueFactory = _ => D.ScheduleGamma,
    };
    public static readonly Option<int> StepSize = new("--lr-step")
    {
        Description = "epochs between steps of the step schedule",
        DefaultValueFactory = _ => D.ScheduleStep,
    };
    public static readonly Option<double> MinimumRate = new("--lr-min")
    {
        Description = "the learning rate the cosine schedule ends at",
        DefaultValueFactory = _ => D.ScheduleMinimum,
    };
    public static readonly Option<double?> ClipNorm = new("--clip-norm") { Description = "scale gradients down to this global norm when larger" };
    public static readonly Option<int?> Patience = new("--patience")
    {
        Description = "stop when the validation loss has not improved for this many epochs, keeping the best weights",
    };
    public static readonly Option<int> Ensemble = new("--ensemble")
    {
        Description = "train this many networks, each from its own seed and with its own held-out rows, and keep their mean as one wider network "
            + "(K times the time)",
        DefaultValueFactory = _ => D.Ensemble,
    };
    public static readonly Option<double> MinDelta = new("--min-delta")
    {
        Description = "the least fall of the validation loss that counts as an improvement",
        DefaultValueFactory = _ => D.MinDelta,
    };
    public static readonly Option<bool> Diagnostics = new("--diagnostics")
    {
        Description = "print per-layer gradient norms, weight norms and dead ReLU units, and warn of vanishing or exploding gradients; the "
            + "gradient norms are saved in the model (plot gradients draws them)",
    };

    // ---------------------------------------------------------------- the run's control
    public static readonly Option<string?> TestData = new("--test-data") { Description = "a CSV to measure the trained model on" };
    public static readonly Option<string?> Model = new("--model")
    {
        Description = "start from this model file's weights (keeps its layers, per-layer trainBias and preprocessing)",
    };
    public static readonly Option<string> Out = new("--out") { Description = "where to write the trained model (JSON)", Required = true };
    public static readonly Option<string?> Resume = new("--resume")
    {
        Description = "continue the run saved in this model file on the same data: options not given are the saved run's, and those given "
            + "(but --epochs and --diagnostics) must equal them",
    };
    public static readonly Option<int?> CheckpointEvery = new("--checkpoint-every")
    {
        Description = "write the model with its training state to --out every N epochs",
    };
    public static readonly Option<string?> Log = new("--log")
    {
        Description = "write one CSV row per epoch to this file as training goes (epoch, loss, rmse, learning rate, held-out loss, rmse, accuracy), "
            + "as Keras's CSVLogger; a resumed run appends",
    };
    public static readonly Option<string?> MemoryBudget = new("--memory-budget")
    {
        Description = "the most memory the encoded rows may take (512M, 2G, bytes); more go to a memory-mapped cache on disk (default: half the "
            + "memory the process may use)",
    };
    public static readonly Option<string?> CacheDir = new("--cache-dir") { Description = "the folder for that cache (default: the folder of --out)" };
    public static readonly Option<bool> KeepCache = new("--keep-cache") { Description = "leave the cache file on disk afterwards" };

    // ---------------------------------------------------------------- the command's own
    public static readonly Option<bool> Json = new("--json") { Description = "print one JSON object instead of text" };
    public static readonly Option<bool> Quiet = new("--quiet") { Description = "print only the summary" };
    public static readonly Option<string?> Plots = new("--plots")
    {
        Description = "write the loss curve (loss.png) and the network with its weights (network.png) to this folder at the end, made if missing",
    };

    static RunOptions()
    {
        OptionRange.Fraction(ValidationSplit);
        OptionRange.AtLeast(ValidationFrequency, 1);
        OptionRange.NotNegative(L2);
        OptionRange.NotNegative(L1);
        OptionRange.Positive(LearningRate);
        OptionRange.AtLeast(Epochs, 0);
        OptionRange.NotNegative(Tolerance);
        OptionRange.NotNegative(TargetLoss);
        OptionRange.Fraction(Momentum);
        OptionRange.NotNegative(WeightDecay);
        OptionRange.Factor(Gamma);
        OptionRange.AtLeast(StepSize, 1);
        OptionRange.NotNegative(MinimumRate);
        OptionRange.Positive(ClipNorm);
        OptionRange.AtLeast(Patience, 1);
        OptionRange.NotNegative(MinDelta);
        OptionRange.AtLeast(CheckpointEvery, 1);
        // Once, here: CliApp builds the tree on every call (tests in parallel too), and the options are shared.
        Activation.Values(() => Vocabulary.HiddenActivations);
        OutputActivation.Values(() => Vocabulary.OutputActivations);
        Optimizer.Values(() => Vocabulary.Optimizers);
        Precision.Values(["double", "float"]);
        Reduction.Values(() => Vocabulary.Reductions);
        Schedule.Values(() => Vocabulary.Schedules);
    }
}
