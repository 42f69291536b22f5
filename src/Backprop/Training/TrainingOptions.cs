using Backprop.Losses;
using Backprop.Optimizers;

namespace Backprop.Training;

/// <summary>How to train: what to minimise, with which optimiser, in what batches, and when to stop.</summary>
public sealed record TrainingOptions
{
    /// <summary>Loss, reduction and L2 penalty. Defaults to mean squared error without penalty.</summary>
    public Objective Objective { get; init; } = new(new SquaredError());

    /// <summary>The optimiser; plain gradient descent unless set.</summary>
    public Optimizer Optimizer { get; init; } = new GradientDescent();

    /// <summary>
    /// A full-batch solver (L-BFGS, conjugate gradient) to use instead of <see cref="Optimizer"/>; <see cref="Epochs"/> then
    /// counts its iterations. Every other option applies as with an optimiser, except those a solver cannot honour, which
    /// are refused: <see cref="ClipNorm"/>, a <see cref="Schedule"/> other than constant, and a <see cref="BatchSize"/>
    /// smaller than the data.
    /// </summary>
    public Solvers.FullBatchSolver? Solver { get; init; }

    /// <summary>η, the learning rate.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>The most epochs to run (passes over the data).</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Samples per gradient step; null for the full batch, 1 for online learning.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Shuffle the samples each epoch (seeded) when batches are smaller than the data; the full batch keeps the order.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>The seed of the shuffling (initial weights have their own stream of the same seed).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// With a full-batch <see cref="Solver"/>: stop, with <see cref="StopReason.MaxFunctionEvaluations"/>, at the end of the
    /// iteration in which the objective's evaluations (line searches included) reach this many (scikit-learn's <c>max_fun</c>),
    /// counted from the start of this call (a resumed or warm-started run counts anew, as a second scikit-learn fit does); null never.
    /// </summary>
    public int? MaxFunctionEvaluations { get; init; }

    /// <summary>Stop when |RMSE(epoch) − RMSE(epoch − 1)| falls below this (seed 000's criterion); null never.</summary>
    public double? Tolerance { get; init; }

    /// <summary>How the learning rate changes from epoch to epoch; constant unless set.</summary>
    public Schedules.LearningRateSchedule Schedule { get; init; } = new Schedules.ConstantSchedule();

    /// <summary>Scale the gradient down so that its global norm (over every trainable parameter) is at most this; null never.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Stop when the validation loss has not improved for this many epochs, restoring the best weights; null never (needs validation
    /// data).</summary>
    public int? Patience { get; init; }

    /// <summary>
    /// Measure the validation data every this many epochs, and after the last (Keras's <c>validation_freq</c>); 1, every
    /// epoch, unless set. Early stopping counts epochs as usual but can only stop on an epoch that was measured.
    /// </summary>
    public int ValidationFrequency { get; init; } = 1;

    /// <summary>The least fall of the validation loss (or rise of its score, with <see cref="MonitorScore"/>) that counts as an
    /// improvement.</summary>
    public double MinDelta { get; init; }

    /// <summary>
    /// <see cref="Patience"/> watches the validation score (<see cref="ValidationRecord.Score"/>: accuracy or R²) instead of its loss,
    /// as scikit-learn's MLP with <c>early_stopping=True</c>: the wait restarts when the score beats the best by more than
    /// <see cref="MinDelta"/> (its <c>tol</c>), and the weights kept are those of the highest score, however small its lead.
    /// </summary>
    public bool MonitorScore { get; init; }

    /// <summary>Called after every batch with the epoch, the batch (1-based) and the batches per epoch, for progress displays.</summary>
    public Action<int, int, int>? OnBatch { get; init; }

    /// <summary>
    /// Continue a run from this checkpoint (the network must hold the weights saved with it): an interrupted run, or a
    /// finished one (<see cref="TrainingResult.Checkpoint"/>) to more <see cref="Epochs"/>, ending as one longer run would.
    /// </summary>
    public TrainingCheckpoint? Resume { get; init; }

    /// <summary>
    /// <see cref="Resume"/> continues a run on other rows (the next batch of a stream, or a warm start on new data): the
    /// optimiser's step count is the run's own, not the one the position gives on these rows.
    /// </summary>
    internal bool ResumeOnOtherRows { get; init; }

    /// <summary>Call <see cref="OnCheckpoint"/> after every this many epochs; null never.</summary>
    public int? CheckpointEvery { get; init; }

    /// <summary>Receives a checkpoint every <see cref="CheckpointEvery"/> epochs (the network holds the matching weights during the call).</summary>
    public Action<TrainingCheckpoint>? OnCheckpoint { get; init; }

    /// <summary>Record per-layer gradient norms, weight norms and dead ReLU units in every <see cref="EpochRecord"/>.</summary>
    public bool CollectDiagnostics { get; init; }

    /// <summary>Stop when the epoch's loss is at most this; null never.</summary>
    public double? TargetLoss { get; init; }

    /// <summary>
    /// Stop when the epoch's loss has not fallen below the best so far by <see cref="LossTolerance"/> for more than this
    /// many epochs in a row (scikit-learn's <c>n_iter_no_change</c>); null never. An <see cref="Schedules.AdaptiveSchedule"/> that
    /// stops takes its place: it lowers η at such a stall, by its own count.
    /// </summary>
    public int? NoChangeEpochs { get; init; }

    /// <summary>The least fall below the best loss that counts as an improvement for <see cref="NoChangeEpochs"/> (scikit-learn's
    /// <c>tol</c>).</summary>
    public double LossTolerance { get; init; } = 1e-4;

    /// <summary>
    /// A weight per training row (scikit-learn's <c>sample_weight</c>): the loss is Σᵢ wᵢ ℓᵢ, divided by Σᵢ wᵢ for
    /// mean reduction; null for none. Multiplied by <see cref="ClassWeights"/> when both are given.
    /// </summary>
    public IReadOnlyList<double>? SampleWeights { get; init; }

    /// <summary>A weight per validation row, for the validation loss; null for none.</summary>
    public IReadOnlyList<double>? ValidationSampleWeights { get; init; }

    /// <summary>
    /// A weight per class index (the one-hot column, or 0 and 1 for one 0/1 output), applied to the rows of that class in
    /// the training and the validation loss (<see cref="Weights.ClassWeighting.Resolve{T}"/> makes them); null for none.
    /// </summary>
    public IReadOnlyList<double>? ClassWeights { get; init; }
}
