using System.Numerics;
using Backprop.Data.Rows;
using Backprop.Initialization;
using Backprop.Layers;
using Backprop.Optimizers;
using Backprop.Tensors;

namespace Backprop.Training.Steps;

/// <summary>
/// An epoch of a mini-batch optimiser: the samples in the seeded shuffled order (or in order), gathered from their
/// <see cref="IRowSource{T}"/> (memory or a memory-mapped cache: the same permutation either way), one forward pass, one
/// backward pass, optional gradient clipping and one <see cref="Optimizer.Step{T}"/> per batch. Its buffers are made
/// once, so a step allocates nothing. Batches of in-memory rows large enough to cut into chunks (<see cref="BatchChunks"/>)
/// run data-parallel (<see cref="ChunkedBatch{T}"/>); the others run whole, their products split across threads by rows.
/// </summary>
internal sealed class MiniBatchStep<T> : IEpochStep where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Network<T> _network;
    private readonly IRowSource<T> _data;
    private readonly Matrix<T>? _inputs, _targets;
    private readonly Matrix<T> _batchInputs, _batchTargets;
    private readonly Matrix<T>? _weights, _batchWeights;
    private readonly double _count;
    private readonly TrainingOptions _options;
    private readonly Rng _rng;
    private readonly LayerMonitor<T>? _monitor;
    private readonly Workspace<T> _workspace;
    private readonly ChunkedBatch<T>? _chunked; // the data-parallel batch, when it is used
    private readonly MatrixRows<T>? _inMemory, _batchRows; // the rows the chunks gather from: in memory, or the batch's buffers
    private readonly int[]? _selected, _mapped; // a selection's rows of its in-memory source, and the epoch's order mapped to them
    private readonly int[] _order;
    private readonly int _n, _batch, _batches;
    private readonly bool _gather, _mean;

    public MiniBatchStep(Network<T> network, IRowSource<T> data, TrainingOptions options, Rng rng, LayerMonitor<T>? monitor,
        Matrix<T>? weights = null)
    {
        (_network, _data, _options, _rng, _monitor) = (network, data, options, rng, monitor);
        // Samples in memory are used in place when one batch holds them all.
        if (data is MatrixRows<T> m) (_inputs, _targets) = (m.Features, m.Targets);
        _n = data.Count;
        _batch = Math.Min(options.BatchSize ?? _n, _n);
        _batches = (_n + _batch - 1) / _batch;
        _gather = _batch < _n && options.Shuffle;
        _mean = options.Objective.Reduction == Losses.Reduction.Mean;
        _workspace = new Workspace<T>(network, _batch);
        _batchInputs = new Matrix<T>(_batch, data.FeatureCount);
        _batchTargets = new Matrix<T>(_batch, data.TargetCount);
        // Batches of at least two chunks' rows run data-parallel (ChunkedBatch), wherever the rows are kept; the layer monitor
        // reads the whole batch's buffers, so it keeps the whole-batch pass. Rows in memory are gathered by the chunks
        // themselves; others (a disk cache, read by one thread at a time) into the batch's buffers first, then copied by them.
        if (_batch < _n && monitor is null && BatchChunks.For(_batch) > 1)
        {
            _chunked = new ChunkedBatch<T>(network, options.Objective, data.FeatureCount, data.TargetCount, _batch);
            (_inMemory, _selected) = data switch
            {
                MatrixRows<T> rows => (rows, null),
                RowSelection<T> { Source: MatrixRows<T> rows } selection => (rows, selection.Rows.ToArray()),
                _ => (null, null),
            };
            _mapped = _selected is null ? null : new int[_n];
            _batchRows = new MatrixRows<T>(_batchInputs, _batchTargets);
        }
        _order = new int[_n];
        (_weights, _batchWeights) = (weights, weights is null ? null : new Matrix<T>(_batch, 1));
        _count = weights is null ? _n : double.CreateChecked(Losses.WeightedLoss.Count<T>(weights.Span, _n));
    }

    public string Name => _options.Optimizer.Name;

    public EpochOutcome Run(int epoch, double rate, int firstBatch, double lossSum, double squaredErrorSum, CancellationToken cancellationToken)
    {
        for (int i = 0; i < _n; i++) _order[i] = i;
        if (_gather) _rng.Shuffle<int>(_order);
        if (_mapped is not null) for (int i = 0; i < _n; i++) _mapped[i] = _selected![_order[i]];
        int[]? rows = _mapped ?? (_gather ? _order : null); // the in-memory rows a chunked batch gathers, or null to copy
        double loss = lossSum, squaredError = squaredErrorSum;
        for (int b = firstBatch; b < _batches; b++)
        {
            int start = b * _batch;
            int count = Math.Min(_batch, _n - start);
            var pass = ForwardPass.Train(_options.Seed, (long)(epoch - 1) * _batches + b); // dropout's masks: this run and batch
            var (value, weight, squares) = _chunked is null ? Whole(start, count, pass) : Chunked(rows, start, count, pass);
            loss += _mean ? value * weight : value;
            squaredError += squares;
            if (_options.ClipNorm is double clip) Trainer.ClipGradients(_network, clip);
            _options.Optimizer.Step(_network.Parameters, rate);
            _options.OnBatch?.Invoke(epoch, b + 1, _batches);
            // Stop at the end of this batch; the checkpoint continues with the next one.
            if (cancellationToken.IsCancellationRequested && b < _batches - 1)
                return new EpochOutcome(EpochEnd.Interrupted, double.NaN, double.NaN, rate, b + 1, loss, squaredError);
        }
        if (_mean) loss /= _count;
        return new EpochOutcome(EpochEnd.Finished, loss, Math.Sqrt(squaredError / ((double)_n * _data.TargetCount)), rate);
    }

    /// <summary>The gradient of the batch in one pass: E, the batch's weight in the epoch's mean and its summed squared error.</summary>
    private (double Value, double Weight, double SquaredError) Whole(int start, int count, ForwardPass pass)
    {
        Matrix<T> x, t;
        Matrix<T>? w = _batchWeights;
        if (_batch == _n && _inputs is not null) (x, t, w) = (_inputs, _targets!, _weights);
        else
        {
            if (_gather)
            {
                _data.Gather(_order.AsSpan(start, count), _batchInputs, _batchTargets);
                _weights?.GatherRows(_order.AsSpan(start, count), _batchWeights!);
            }
            else
            {
                _data.Copy(start, count, _batchInputs, _batchTargets);
                _weights?.CopyRows(start, count, _batchWeights!);
            }
            (x, t) = (_batchInputs, _batchTargets);
        }
        _workspace.Pass = pass;
        double value = double.CreateChecked(_options.Objective.Evaluate(_network, _workspace, x, t, w, computeGradient: true));
        double squares = Trainer.SumOfSquaredErrors(_workspace.Output(_network.Layers.Count - 1), t);
        _monitor?.AfterBatch(_workspace);
        return (value, Weight(w, count), squares);
    }

    /// <summary>As <see cref="Whole"/>, data-parallel (<see cref="ChunkedBatch{T}"/>): the chunks gather their own rows, the
    /// weights of the batch are gathered here.</summary>
    private (double Value, double Weight, double SquaredError) Chunked(int[]? rows, int start, int count, ForwardPass pass)
    {
        if (_gather) _weights?.GatherRows(_order.AsSpan(start, count), _batchWeights!);
        else _weights?.CopyRows(start, count, _batchWeights!);
        var source = _inMemory;
        if (source is null)
        {
            if (_gather) _data.Gather(_order.AsSpan(start, count), _batchInputs, _batchTargets);
            else _data.Copy(start, count, _batchInputs, _batchTargets);
            (source, rows, start) = (_batchRows!, null, 0);
        }
        var (value, squares) = _chunked!.Run(source, rows, start, count, _batchWeights, pass);
        return (double.CreateChecked(value), Weight(_batchWeights, count), squares);
    }

    /// <summary>How much a batch of <paramref name="count"/> rows counts in the epoch's mean loss: its rows, or their summed weights.</summary>
    private static double Weight(Matrix<T>? weights, int count) =>
        weights is null ? count : double.CreateChecked(Losses.WeightedLoss.Count<T>(weights.Span, count));

    public OptimizerState ExportState() => _options.Optimizer.ExportState();

    public void ImportState(OptimizerState state) => _options.Optimizer.ImportState<T>(state);
}
