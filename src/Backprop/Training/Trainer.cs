using System.Diagnostics;
using System.Numerics;
using Backprop.Data.Rows;
using Backprop.Diagnostics;
using Backprop.Initialization;
using Backprop.Layers;
using Backprop.Tensors;
using Backprop.Training.Steps;

namespace Backprop.Training;

/// <summary>
/// Trains a network by backpropagation in one epoch loop, whose step is a mini-batch optimiser's (for each batch one
/// forward pass, one backward pass, then one simultaneous update of every parameter) or a full-batch solver's (one
/// L-BFGS or CG iteration); validation, early stopping, checkpoints, resuming, cancellation and divergence checks are
/// the loop's, the same for both.
/// </summary>
public static partial class Trainer
{
    /// <summary>
    /// Trains <paramref name="network"/> in place on <paramref name="inputs"/> (samples × inputs) and
    /// <paramref name="targets"/> (samples × outputs). <paramref name="onEpoch"/> sees each epoch's record;
    /// cancellation stops after the current epoch. With <paramref name="validation"/>, every record also carries the
    /// held-out data's measures.
    /// </summary>
    public static TrainingResult Train<T>(
        Network<T> network, Matrix<T> inputs, Matrix<T> targets, TrainingOptions options,
        Action<EpochRecord>? onEpoch = null, CancellationToken cancellationToken = default,
        (Matrix<T> Inputs, Matrix<T> Targets)? validation = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        options.Objective.EnsureTrainable(network);
        if (inputs.Rows != targets.Rows && inputs.Rows > 0)
            throw new TrainingException($"there are {inputs.Rows} input rows but {targets.Rows} target rows");
        if (validation is { } v && v.Inputs.Rows != v.Targets.Rows)
            throw new TrainingException("the validation data does not have the shape of the training data");
        return Train(network, new MatrixRows<T>(inputs, targets), options, onEpoch, cancellationToken,
            validation is { } m ? new MatrixRows<T>(m.Inputs, m.Targets) : null);
    }

    /// <summary>
    /// Trains <paramref name="network"/> in place on the samples of <paramref name="data"/> — in memory
    /// (<see cref="MatrixRows{T}"/>) or in a memory-mapped cache on disk (<see cref="Data.Cache.DiskDataset{T}"/>) —
    /// gathering each batch's rows from it. The batches, and so the weights, are the same bits whichever source holds
    /// the same samples. A full-batch solver needs the samples in memory. Held-out data is measured a block of rows at
    /// a time.
    /// </summary>
    internal static TrainingResult Train<T>(
        Network<T> network, IRowSource<T> data, TrainingOptions options,
        Action<EpochRecord>? onEpoch = null, CancellationToken cancellationToken = default,
        IRowSource<T>? validation = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        Validate(network, data, options);
        if (validation is { } v && (v.FeatureCount != network.Inputs || v.TargetCount != network.Outputs))
            throw new TrainingException("the validation data does not have the shape of the training data");
        if (options.Patience is not null && validation is not { Count: > 0 })
            throw new TrainingException("early stopping (patience) needs validation data: give a validation split");
        var validationObjective = options.Objective.WithoutPenalties;
        var rowWeights = Weights.RowWeights.Of(data, options.SampleWeights, options.ClassWeights);
        var validationWeights = validation is { } vw
            ? Weights.RowWeights.Of(vw, options.ValidationSampleWeights, options.ClassWeights, "validation") : null;
        bool validationIsClassification = validation is { Count: > 0 } vc && RowMeasures.IsClassification(network.Layers[^1].Activation, vc);
        RowMeasures.Buffers<T>? validationBuffers = null; // made at the first validation, reused by the others
        var clock = Stopwatch.StartNew();
        var rng = new Rng(options.Seed, Rng.Streams.Shuffle);
        var monitor = options.CollectDiagnostics ? new LayerMonitor<T>(network) : null;
        IEpochStep step = options.Solver is { } solver
            ? data is MatrixRows<T> whole ? new FullBatchSolverStep<T>(solver, network, whole.Features, whole.Targets, options, monitor, rowWeights)
                : throw new TrainingException($"{solver.Name} works on the whole data set in memory, and these rows are read from disk: use a " +
                    $"mini-batch optimizer (adam, gd, …) or give more memory")
            : new MiniBatchStep<T>(network, data, options, rng, monitor, rowWeights);
        // The weights each epoch started with; with the full batch the epoch's loss is measured exactly there.
        var epochStart = network.Clone();
        var lastGood = network.Clone();
        var history = new List<EpochRecord>();
        var objective = options.Objective;
        var stop = StopReason.MaxEpochs;
        Network<T>? best = null;
        double bestValidation = double.PositiveInfinity;
        int bestEpoch = 0;

        int firstEpoch = 1, firstBatch = 0;
        double resumedLoss = 0, resumedSquaredError = 0;
        if (options.Resume is { } resume)
        {
            if (resume.Optimizer.Optimizer != step.Name)
                throw new TrainingException($"the checkpoint holds the state of {resume.Optimizer.Optimizer}, not of {step.Name}: resume with the " +
                    $"optimizer it was saved with");
            if (options.Solver is not null && resume.NextBatch != 0)
                throw new TrainingException($"the checkpoint stopped inside an epoch, which {step.Name} does not have");
            CheckpointValidation.Check(resume, network, data.Count, options);
            (firstEpoch, firstBatch) = (resume.Epoch, resume.NextBatch);
            rng.SetState(resume.ShuffleState);
            (resumedLoss, resumedSquaredError) = (resume.LossSum, resume.SquaredErrorSum);
            step.ImportState(resume.Optimizer);
            options.Schedule.ImportState(resume.Schedule);
            history.AddRange(resume.History);
            (bestEpoch, bestValidation) = (resume.BestEpoch, resume.BestValidationLoss);
            if (resume.BestWeights is { } weights)
            {
                best = network.Clone();
                int offset = 0;
                foreach (var p in best.Parameters)
                    for (int i = 0; i < p.Length; i++) p.Values[i] = T.CreateChecked(weights[offset++]);
            }
        }
        int improvedEpoch = EarlyStopping.LastImprovement(history, options.MonitorScore, options.MinDelta, bestEpoch);
        // An adaptive schedule that stops (scikit-learn's) lowers η where this rule would stop, and stops itself.
        var stall = options.NoChangeEpochs is null || options.Schedule is Schedules.AdaptiveSchedule { Stops: true } ? null
            : LossStall.Replay(history, options.LossTolerance);
        options.Schedule.Begin(data.Count);
        TrainingCheckpoint? interrupted = null;
        // A token already cancelled trains nothing: the state to resume from is where the run stands.
        if (cancellationToken.IsCancellationRequested)
        {
            interrupted = Checkpoint(firstEpoch, firstBatch, rng.GetState(), resumedLoss, resumedSquaredError);
            stop = StopReason.Cancelled;
        }

        for (int epoch = firstEpoch; interrupted is null && epoch <= options.Epochs; epoch++)
        {
            var shuffleState = rng.GetState();
            bool resuming = epoch == firstEpoch && firstBatch > 0;
            if (!resuming) epochStart.CopyParametersFrom(network);
            monitor?.BeginEpoch();
            double rate = options.Schedule.Rate(epoch, options.Epochs, options.LearningRate);
            var outcome = resuming ? step.Run(epoch, rate, firstBatch, resumedLoss, resumedSquaredError, cancellationToken)
                : step.Run(epoch, rate, 0, 0, 0, cancellationToken);
            if (outcome.End == EpochEnd.Interrupted)
            {
                interrupted = Checkpoint(epoch, outcome.NextBatch, shuffleState, outcome.LossSum, outcome.SquaredErrorSum);
                stop = StopReason.Cancelled;
                break;
            }
            if (outcome.End == EpochEnd.NoStep) { stop = StopReason.Converged; break; }
            double loss = outcome.Loss;
            ValidationRecord? held = null;
            // A block of rows at a time, in memory or from disk alike (the same bits for the same rows).
            if (validation is { Count: > 0 } source && (epoch % options.ValidationFrequency == 0 || epoch == options.Epochs))
                held = RowMeasures.Validate(network, source, validationObjective, validationIsClassification, validationWeights,
                    validationBuffers ??= new RowMeasures.Buffers<T>(network, source, validationWeights));
            var record = new EpochRecord(epoch, loss, outcome.Rmse, monitor?.EndEpoch(), held, outcome.Rate);

            if (!double.IsFinite(loss) || !double.IsFinite(record.Rmse))
            {
                network.CopyParametersFrom(lastGood);
                history.Add(record);
                onEpoch?.Invoke(record);
                stop = StopReason.Diverged;
                break;
            }
            history.Add(record);
            onEpoch?.Invoke(record);
            if (!AllFinite(network))
            {
                // The loss was finite where the epoch started, but a step overflowed.
                network.CopyParametersFrom(epochStart);
                stop = StopReason.Diverged;
                break;
            }
            (lastGood, epochStart) = (epochStart, lastGood);
            options.Schedule.Observe(loss, held?.Loss, validation is { Count: > 0 });
            if (options.Schedule is Schedules.AdaptiveSchedule { Stopped: true }) { stop = StopReason.NoImprovement; break; }

            if (options.Patience is int patience && held is { } h)
            {
                double watched = EarlyStopping.Watched(h, options.MonitorScore);
                bool improved = watched < bestValidation - options.MinDelta;
                if (improved) improvedEpoch = epoch;
                if (improved || options.MonitorScore && watched < bestValidation)
                {
                    bestValidation = watched;
                    bestEpoch = epoch;
                    best ??= network.Clone();
                    best.CopyParametersFrom(network);
                }
                if (!improved && epoch - improvedEpoch >= patience)
                {
                    network.CopyParametersFrom(best!);
                    stop = StopReason.EarlyStopped;
                    break;
                }
            }

            if (options.TargetLoss is double target && loss <= target) { stop = StopReason.TargetLoss; break; }
            if (stall is not null && stall.Observe(loss) > options.NoChangeEpochs) { stop = StopReason.NoImprovement; break; }
            if (options.Tolerance is double tolerance && history.Count >= 2 && Math.Abs(record.Rmse - history[^2].Rmse) < tolerance)
            {
                stop = StopReason.Converged;
                break;
            }
            if (outcome.End == EpochEnd.FinishedConverged) { stop = StopReason.Converged; break; }
            if (outcome.End == EpochEnd.FinishedEvaluations) { stop = StopReason.MaxFunctionEvaluations; break; }
            if (options.CheckpointEvery is int every && options.OnCheckpoint is { } save && epoch % every == 0 && epoch < options.Epochs)
                save(Checkpoint(epoch + 1, 0, rng.GetState(), 0, 0));
            if (cancellationToken.IsCancellationRequested) { stop = StopReason.Cancelled; break; }
        }

        var (finalLoss, finalRmse) = Measure(network, data, objective, rowWeights, validationBuffers?.Workspace);
        int lastEpoch = history.Count == 0 ? firstEpoch - 1 : history[^1].Epoch;
        var final = interrupted ?? Checkpoint(lastEpoch + 1, 0, rng.GetState(), 0, 0);
        return new TrainingResult(history.Count, stop, history, finalLoss, finalRmse, clock.Elapsed.TotalSeconds)
        {
            Checkpoint = final,
            LearningRate = options.Solver is null ? options.Schedule.Rate(lastEpoch + 1, options.Epochs, options.LearningRate) : null,
        };

        TrainingCheckpoint Checkpoint(int nextEpoch, int nextBatch, ulong[] shuffle, double lossSum, double squaredSum) => new(
            nextEpoch, nextBatch, shuffle, lossSum, squaredSum, step.ExportState(), options.Schedule.ExportState(), history.ToList(),
            bestEpoch, bestValidation, best?.Parameters.SelectMany(p => p.Values.Select(v => double.CreateChecked(v))).ToArray());
    }

    /// <summary>Scales every trainable gradient by c/‖g‖ when the global norm ‖g‖ exceeds c.</summary>
    internal static void ClipGradients<T>(Network<T> network, double clip) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double squares = 0;
        var parameters = network.Parameters;
        for (int i = 0; i < parameters.Count; i++)
            if (parameters[i].Trainable) squares +=
                double.CreateChecked(System.Numerics.Tensors.TensorPrimitives.SumOfSquares<T>(parameters[i].Gradient));
        double norm = Math.Sqrt(squares);
        if (!(norm > clip)) return;
        T scale = T.CreateChecked(clip / norm);
        for (int i = 0; i < parameters.Count; i++)
            if (parameters[i].Trainable) System.Numerics.Tensors.TensorPrimitives.Multiply<T>(parameters[i].Gradient, scale, parameters[i].Gradient);
    }

    private static bool AllFinite<T>(Network<T> network) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var p in network.Parameters)
            foreach (var v in p.Values)
                if (!T.IsFinite(v)) return false;
        return true;
    }

    private static void Validate<T>(Network<T> network, IRowSource<T> data, TrainingOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options.Objective.EnsureTrainable(network);
        if (data.Count == 0) throw new TrainingException("there are no samples to train on");
        if (data.FeatureCount != network.Inputs)
            throw new TrainingException($"the network takes {network.Inputs} inputs but the data has {data.FeatureCount} feature columns");
        if (data.TargetCount != network.Outputs)
            throw new TrainingException($"the network has {network.Outputs} outputs but the data has {data.TargetCount} target columns");
        if (options.Epochs < 0) throw new TrainingException($"epochs must be ≥ 0, not {options.Epochs}");
        if (options.BatchSize is < 1) throw new TrainingException($"the batch size must be ≥ 1, not {options.BatchSize}");
        if (options.ClipNorm is double c && !(c > 0)) throw new TrainingException($"the clipping norm must be positive, not {c}");
        if (options.NoChangeEpochs is < 1)
            throw new TrainingException($"the epochs without improvement must be at least 1, not {options.NoChangeEpochs}");
        if (!(options.LossTolerance >= 0)) throw new TrainingException($"the loss tolerance must be at least 0, not {options.LossTolerance}");
        if (options.Patience is < 1) throw new TrainingException($"patience must be at least 1 epoch, not {options.Patience}");
        if (options.MaxFunctionEvaluations is int cap && (cap < 1 || options.Solver is null))
            throw new TrainingException(cap < 1 ? $"the function evaluations must be at least 1, not {cap}"
                : "a cap on function evaluations applies to a full-batch solver (lbfgs, cg), not to a mini-batch optimizer");
        if (options.ValidationFrequency < 1)
            throw new TrainingException($"the validation frequency must be at least 1 epoch, not {options.ValidationFrequency}");
        if (!(options.LearningRate > 0) || !double.IsFinite(options.LearningRate))
            throw new TrainingException($"the learning rate must be a positive number, not {options.LearningRate}");
        if (options.Solver is { } solver)
        {
            // What a full-batch solver cannot honour is refused, never ignored.
            if (options.ClipNorm is not null)
                throw new TrainingException($"gradient clipping (clip norm) does not apply to {solver.Name}: its line search chooses how far to go " +
                    $"along each direction");
            if (options.Schedule is not Schedules.ConstantSchedule)
                throw new TrainingException($"a learning-rate schedule ({options.Schedule.Name}) does not apply to {solver.Name}: its line search " +
                    $"chooses each step's length");
            if (network.IsStochastic)
                throw new TrainingException($"dropout does not apply to {solver.Name}: a new mask every evaluation would change the function its " +
                    $"line search follows; train with a mini-batch optimiser (adam, gd, …) or without dropout");
            if (options.BatchSize is int b && b < data.Count)
                throw new TrainingException($"{solver.Name} works on the full batch: a batch size of {b} (of {data.Count} samples) does not apply; " +
                    $"leave the batch size out or give the full batch");
        }
    }
}
