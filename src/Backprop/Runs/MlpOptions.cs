using Backprop.Data.Preprocessing;
using Backprop.Training.Weights;

namespace Backprop.Runs;

/// <summary>
/// The whole description of a run: the network, how the table becomes its inputs and targets, and how it is trained —
/// the settings of scikit-learn's <c>MLPClassifier</c> and of every <c>backprop train</c> option, with one set of
/// defaults for the library and the CLI. Pure data: what a run reports or writes as it goes is given to
/// <c>MlpEstimator.Fit</c> in a <see cref="Estimators.FitControl"/>. Validated once
/// (<c>Validate</c>), saved whole in the model file, compared property by property when a run is resumed.
/// </summary>
public sealed partial record MlpOptions
{
    // ---------------------------------------------------------------- the network

    /// <summary>Units of each hidden layer (the output layer gets one unit per class or target).</summary>
    public IReadOnlyList<int> HiddenLayers { get; init; } = [100];

    /// <summary>Hidden activation: one registered name for every hidden layer, or one per hidden layer.</summary>
    public IReadOnlyList<string> Activations { get; init; } = ["relu"];

    /// <summary>The output activation; null to choose from the target (softmax for classes, sigmoid for two, identity for numbers).</summary>
    public string? OutputActivation { get; init; }

    /// <summary>The initialiser (normal[:σ], uniform[:ε], lecun, glorot, glorot-normal, he, he-uniform); null for glorot.</summary>
    public string? Initializer { get; init; }

    /// <summary>Build the layers with bias units.</summary>
    public bool Bias { get; init; } = true;

    /// <summary>
    /// Inverted dropout after the hidden layers, as a Keras <c>Dropout</c> after each <c>Dense</c>: empty for none, one
    /// rate p (0 ≤ p &lt; 1) for every hidden layer, or one per hidden layer. Off at inference.
    /// </summary>
    public IReadOnlyList<double> Dropout { get; init; } = [];

    // ---------------------------------------------------------------- the data

    /// <summary>The feature columns; null for every column that is not a target, weight or excluded.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Numeric columns to one-hot encode as categories (text columns are anyway).</summary>
    public IReadOnlyList<string> OneHot { get; init; } = [];

    /// <summary>Standardise numeric features (z-scores fitted on the training rows), as a <c>StandardScaler</c> in a pipeline.</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>The columns <see cref="Standardize"/> applies to; null for every numeric feature.</summary>
    public IReadOnlyList<string>? StandardizeColumns { get; init; }

    /// <summary>
    /// Standardise robustly, as RealMLP does: by the training rows' median and interquartile range (scikit-learn's
    /// <c>RobustScaler</c>), then clip outliers smoothly, u / √(1 + (u/3)²); false: by the mean and standard deviation.
    /// </summary>
    public bool RobustScale { get; init; }

    /// <summary>Treat a numeric target as class labels (a classifier always does).</summary>
    public bool Classify { get; init; }

    /// <summary>
    /// Standardise a regression target for training and turn predictions back (scikit-learn's
    /// <c>TransformedTargetRegressor(StandardScaler())</c>): the mean and scale are fitted on the training rows and saved in
    /// the model. Null (the default): on for a regression target whose network has a linear output; false: off.
    /// </summary>
    public bool? ScaleTarget { get; init; }

    /// <summary>
    /// The classes of a classifier's target and their order, declared rather than found in the rows (scikit-learn's
    /// <c>classes=</c>): each gets an output unit even when the rows hold only some of them; a row of another class is
    /// refused. Null: the target's values in the rows fitted on.
    /// </summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>What to do with missing values (empty, NA, N/A, NULL, #N/A, ?) in the features: fill them (the default: a numeric column's with
    /// its training mean, a categorical column's as <see cref="MissingCategories"/> says), fill numbers with the median, drop their rows, or
    /// refuse them. The fills are saved in the model, so prediction fills a test row's gaps the same way.</summary>
    public MissingValues Missing { get; init; } = MissingValues.Mean;

    /// <summary>How gaps in a categorical feature column are filled when <see cref="Missing"/> fills: a category of their own (the default) or
    /// the most frequent category.</summary>
    public CategoryGaps MissingCategories { get; init; }

    /// <summary>With <see cref="Missing"/> filling: one more input per numeric column whose training rows hold gaps, 1 where the value was
    /// missing (scikit-learn's <c>add_indicator=True</c>).</summary>
    public bool MissingIndicator { get; init; }

    /// <summary>What prediction does with a category the training rows never held: encode it as none of the known ones and report the count
    /// (the default, scikit-learn's <c>handle_unknown='ignore'</c>), or refuse the file.</summary>
    public UnknownCategories UnknownCategories { get; init; }

    /// <summary>The CSV field separator; null to take the one of , ; tab that the header line holds most.</summary>
    public char? Delimiter { get; init; }

    /// <summary>The decimal separator of numbers, . or ,.</summary>
    public char DecimalSeparator { get; init; } = '.';

    /// <summary>The most distinct values a text column may have (each becomes an input).</summary>
    public int MaxCategories { get; init; } = Data.Csv.CsvReadOptions.DefaultMaxCategories;

    /// <summary>The inputs' variable in a MAT-file.</summary>
    public string MatInputs { get; init; } = "X";

    /// <summary>The labels' variable in a MAT-file.</summary>
    public string MatLabels { get; init; } = "y";

    /// <summary>The share of the rows held out to watch (the last ones, after shuffling when <see cref="Shuffle"/>); 0 for none. Null (the
    /// default): <see cref="AutoValidationFraction"/> of the rows, class by class for a classifier, when there are at least
    /// <see cref="AutoValidationMinimumRows"/> and no <see cref="ValidationData"/>, and then training keeps its best epoch
    /// (<see cref="Patience"/> defaults to <see cref="AutoPatience"/> once <see cref="AutoPatienceMinimumRows"/> are held out); none for fewer rows.
    /// </summary>
    public double? ValidationFraction { get; init; }

    /// <summary>The share of the rows a default run holds out (scikit-learn's <c>validation_fraction</c>).</summary>
    public const double AutoValidationFraction = 0.1;

    /// <summary>The fewest rows from which a default run holds some out (10 % of them is then at least 10 rows).</summary>
    public const int AutoValidationMinimumRows = 100;

    /// <summary>The patience of a default run's early stopping, when it held rows out itself.</summary>
    public const int AutoPatience = 20;

    /// <summary>The fewest rows a default run holds out from which it stops early and keeps its best epoch.</summary>
    public const int AutoPatienceMinimumRows = 100;

    /// <summary>A file with the same columns to watch instead of held-out rows (Keras's <c>validation_data</c>); null for none.</summary>
    public string? ValidationData { get; init; }

    /// <summary>Hold out <see cref="ValidationFraction"/> class by class, keeping the classes' proportions (scikit-learn's
    /// <c>stratify=y</c>).</summary>
    public bool Stratify { get; init; }

    /// <summary>Shuffle the rows (from <see cref="Seed"/>) before holding out the last ones.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// Draw a new order of the training rows for every epoch's batches (scikit-learn's <c>shuffle</c>); false keeps the
    /// rows' order, so every epoch sees the same batches. The full batch keeps the order either way.
    /// </summary>
    public bool ShuffleEachEpoch { get; init; } = true;

    /// <summary>A column holding each row's weight in the loss (scikit-learn's <c>sample_weight</c>); not a feature. Null for none.</summary>
    public string? SampleWeightColumn { get; init; }

    /// <summary>How much each class counts in the loss (<see cref="ClassWeighting.Balanced"/> or a weight per class); null for 1 each.</summary>
    public ClassWeighting? ClassWeight { get; init; }

    // ---------------------------------------------------------------- the training

    /// <summary>squared or cross-entropy; null for cross-entropy with class targets and squared otherwise.</summary>
    public string? Loss { get; init; }

    /// <summary>Sum or mean of the loss over a batch's samples.</summary>
    public Losses.Reduction Reduction { get; init; } = Losses.Reduction.Mean;

    /// <summary>λ of the L2 penalty λ/(2m)·Σw².</summary>
    public double L2 { get; init; }

    /// <summary>λ₁ of the L1 penalty λ₁/m·Σ|w|, which pushes weights to exactly 0 (TensorFlow Playground's L1).</summary>
    public double L1 { get; init; }

    /// <summary>gd, momentum, nesterov, rmsprop, adam, adamw, or a full-batch solver (lbfgs, cg).</summary>
    public string Optimizer { get; init; } = "adamw";

    /// <summary>η; ignored by the full-batch solvers, whose line search chooses each step.</summary>
    public double LearningRate { get; init; } = 0.001;

    /// <summary>μ of momentum and nesterov.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>λ of adamw's decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>
    /// The learning-rate schedule: constant, step, exponential, cosine, adaptive, plateau or invscaling. adaptive divides η by 5
    /// after two epochs in a row without a fall of the training loss by 1e-4; with <see cref="NoChangeEpochs"/> given it is
    /// scikit-learn's: after more than that many epochs without a fall of <see cref="LossTolerance"/>, and the fit stops (with
    /// NoImprovement) at such a stall once η is at most 1e-6.
    /// </summary>
    public string Schedule { get; init; } = "constant";

    /// <summary>The factor of the step and exponential schedules.</summary>
    public double ScheduleGamma { get; init; } = 0.1;

    /// <summary>Epochs between steps of the step schedule.</summary>
    public int ScheduleStep { get; init; } = 10;

    /// <summary>The learning rate the cosine schedule ends at.</summary>
    public double ScheduleMinimum { get; init; }

    /// <summary>The plateau schedule: multiply η by this when the monitored loss stops improving.</summary>
    public double PlateauFactor { get; init; } = 0.1;

    /// <summary>The plateau schedule: epochs without improvement before η is reduced.</summary>
    public int PlateauPatience { get; init; } = 10;

    /// <summary>The plateau schedule: η never falls below this.</summary>
    public double PlateauMinimum { get; init; }

    /// <summary>The invscaling schedule: η = η₀ / (t + 1)^power, t the training rows of the epochs before (scikit-learn's <c>power_t</c>).</summary>
    public double SchedulePower { get; init; } = 0.5;

    /// <summary>Samples per step; null for the whole training set.</summary>
    public int? BatchSize { get; init; } = 32;

    /// <summary>Epochs at most (iterations of a full-batch solver).</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>
    /// L-BFGS and CG: stop at the end of the iteration in which the objective's evaluations (line searches included) reach this
    /// many, with the stop reason MaxFunctionEvaluations (scikit-learn's <c>max_fun</c>, which then warns that the fit has not
    /// converged); counted per fit. Null: no cap.
    /// </summary>
    public int? MaxFunctionEvaluations { get; init; }

    /// <summary>Early stopping: stop when the held-out loss has not improved for this many epochs and keep the best weights. Null: none, or
    /// <see cref="AutoPatience"/> when <see cref="ValidationFraction"/> is null and at least <see cref="AutoPatienceMinimumRows"/> rows
    /// were held out.</summary>
    public int? Patience { get; init; }

    /// <summary>The least fall of the held-out loss (or rise of its score, with <see cref="Monitor"/> Score) that counts as an improvement
    /// (Keras's <c>min_delta</c>; scikit-learn's <c>tol</c> with <c>early_stopping=True</c>).</summary>
    public double MinDelta { get; init; }

    /// <summary>What early stopping watches (Keras's <c>monitor</c>): the held-out loss (the default) or the held-out score, accuracy
    /// for classes and R² for numbers, as scikit-learn's MLP with <c>early_stopping=True</c>. The score's best epoch is its highest, kept
    /// however small its lead; the wait restarts only on a lead of more than <see cref="MinDelta"/>.</summary>
    public EarlyStoppingMonitor Monitor { get; init; }

    /// <summary>Measure the held-out rows every this many epochs (and after the last).</summary>
    public int ValidationFrequency { get; init; } = 1;

    /// <summary>Stop when |ΔRMSE| between epochs is below this; null never.</summary>
    public double? Tolerance { get; init; }

    /// <summary>
    /// Stop when the training loss has not fallen below its best by <see cref="LossTolerance"/> for more than this many
    /// epochs in a row (scikit-learn's <c>n_iter_no_change</c> with <c>tol</c>, which watch the training loss when no rows
    /// are held out); null never. The weights are the last epoch's.
    /// </summary>
    public int? NoChangeEpochs { get; init; }

    /// <summary>The least fall of the training loss below its best that counts as an improvement for <see cref="NoChangeEpochs"/>
    /// (scikit-learn's <c>tol</c>).</summary>
    public double LossTolerance { get; init; } = 1e-4;

    /// <summary>Stop when the epoch's loss is at most this; null never.</summary>
    public double? TargetLoss { get; init; }

    /// <summary>Scale gradients down to this global norm when larger; null never.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>
    /// Record per-layer gradient norms, weight norms and dead ReLU units every epoch (the gradient norms are saved in the model file).
    /// </summary>
    public bool Diagnostics { get; init; }

    /// <summary>Weights, shuffling and the held-out rows all come from this seed: the same seed gives the same model, bit for bit.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Train in double or float.</summary>
    public Precision Precision { get; init; } = Precision.Double;

    /// <summary>
    /// A second <c>Fit</c> continues the fitted model (scikit-learn's <c>warm_start</c>) — its preprocessing, weights and, when
    /// it holds it, its training state: optimiser, schedule, shuffling and history, for <see cref="Epochs"/> more epochs —
    /// instead of drawing new weights; with <c>FitControl.StartFrom</c>, that model's. The first fit starts anew.
    /// </summary>
    public bool WarmStart { get; init; }

    /// <summary>
    /// Train this many networks, each from its own seed drawn from <see cref="Seed"/> (the first from <see cref="Seed"/>
    /// itself), which also draws its shuffle and held-out rows (the first's preprocessing shared), and keep their mean as
    /// one wider network: the members' hidden layers side by side and
    /// the mean of their outputs before the output activation. 1: one network. Costs that many times the training and
    /// prediction time; it cannot be continued, resumed or started from another model.
    /// </summary>
    public int Ensemble { get; init; } = 1;
}

/// <summary>What early stopping (<see cref="MlpOptions.Patience"/>) watches on the held-out rows.</summary>
public enum EarlyStoppingMonitor
{
    /// <summary>The loss: stop when it has not fallen by more than <see cref="MlpOptions.MinDelta"/> for Patience epochs.</summary>
    Loss,

    /// <summary>The score (accuracy for classes, R² for numbers): stop when it has not risen above its best by more than
    /// <see cref="MlpOptions.MinDelta"/> for Patience epochs.</summary>
    Score,
}

/// <summary>The floating-point type a network trains and predicts in.</summary>
public enum Precision
{
    /// <summary>64-bit.</summary>
    Double,

    /// <summary>32-bit: half the memory, about twice the speed.</summary>
    Float,
}
