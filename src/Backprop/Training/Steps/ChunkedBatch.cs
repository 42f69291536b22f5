using System.Numerics;
using System.Numerics.Tensors;
using Backprop.Data.Rows;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;

namespace Backprop.Training.Steps;

/// <summary>
/// A batch's gradient computed data-parallel: the batch is cut into a fixed number of chunks of rows, decided by the batch
/// size alone (<see cref="BatchChunks.For"/>); each chunk's gather, forward pass, loss and backward pass run on one thread into that
/// chunk's own gradient buffers, with one hand-over to the workers and one join per batch instead of one per product; then the
/// calling thread adds the chunks' gradients in chunk order. Which thread runs a chunk never changes what it computes, so the
/// bits are the same at any thread count (and the products inside a chunk run on its thread alone: the pool is busy).
/// </summary>
/// <remarks>
/// Against one pass over the whole batch only the order of the sums over rows changes (each chunk's, then the chunks'), so a
/// run's bits differ from the whole-batch path's, not between thread counts. Dropout's masks are drawn per row of the batch
/// (<see cref="ForwardPass.FirstRow"/>), the same as the whole batch would draw. Chunk 0 writes into the parameters' own
/// gradients; the others into buffers made once.
/// </remarks>
internal static class BatchChunks
{
    /// <summary>The fewest rows a chunk gets: a batch of fewer than twice as many runs whole, its products split by rows.</summary>
    internal static int MinRows { get; set; } = 128;

    /// <summary>The most chunks a batch is cut into.</summary>
    internal const int MaxChunks = 4;

    /// <summary>How many chunks a batch of <paramref name="batch"/> rows is cut into: 1 (run it whole) below twice the smallest
    /// chunk. The thread count plays no part.</summary>
    public static int For(int batch) => Math.Clamp(batch / MinRows, 1, MaxChunks);
}

/// <summary>The data-parallel gradient of a batch (see the remarks of <see cref="BatchChunks"/>'s file).</summary>
internal sealed class ChunkedBatch<T> : PoolJob where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Network<T> _network;
    private readonly Objective _objective;
    private readonly int _chunks, _chunkRows, _last;
    private readonly Workspace<T>[] _workspaces;
    private readonly Matrix<T>[] _inputs, _targets;
    private readonly T[][][] _gradients; // [chunk][parameter]
    private readonly T[] _loss;
    private readonly double[] _squaredError;
    private readonly int[] _rows;

    // The batch in hand, set by Run before the hand-over.
    private MatrixRows<T>? _data;
    private ReadOnlyMemory<int> _order;
    private int _start, _parts;
    private bool _gather;
    private Matrix<T>? _weights;
    private ForwardPass _pass;
    private T _scale;

    /// <summary>Chunks for batches of up to <paramref name="batch"/> rows of <paramref name="features"/> inputs and
    /// <paramref name="targets"/> targets.</summary>
    public ChunkedBatch(Network<T> network, Objective objective, int features, int targets, int batch)
    {
        (_network, _objective) = (network, objective);
        _chunks = BatchChunks.For(batch);
        _chunkRows = (batch + _chunks - 1) / _chunks;
        _last = network.Layers.Count - 1;
        _workspaces = new Workspace<T>[_chunks];
        _inputs = new Matrix<T>[_chunks];
        _targets = new Matrix<T>[_chunks];
        _gradients = new T[_chunks][][];
        var parameters = network.Parameters;
        for (int c = 0; c < _chunks; c++)
        {
            _workspaces[c] = new Workspace<T>(network, _chunkRows);
            _inputs[c] = new Matrix<T>(_chunkRows, features);
            _targets[c] = new Matrix<T>(_chunkRows, targets);
            _gradients[c] = c == 0 ? parameters.Select(p => p.Gradient).ToArray() : parameters.Select(p => new T[p.Length]).ToArray();
        }
        _loss = new T[_chunks];
        _squaredError = new double[_chunks];
        _rows = new int[_chunks];
    }

    /// <summary>
    /// Sets every parameter's gradient to ∂E/∂θ on the rows <paramref name="order"/>[start, start + count) of
    /// <paramref name="data"/> (gathered: rows in memory, which every thread may read at once), or
    /// rows [start, start + count) when <paramref name="order"/> is null (copied), weighted by <paramref name="weights"/> (this
    /// batch's, or null), and returns E and the summed squared error of the outputs, as
    /// <see cref="Objective.Evaluate{T}(Network{T}, Workspace{T}, Matrix{T}, Matrix{T}, Matrix{T}, bool)"/> does for the whole batch.
    /// </summary>
    public (T Value, double SquaredError) Run(MatrixRows<T> data, int[]? order, int start, int count, Matrix<T>? weights, ForwardPass pass)
    {
        (_data, _order, _gather, _start, _weights, _pass) = (data, order, order is not null, start, weights, pass);
        for (int c = 0; c < _chunks; c++) _rows[c] = Math.Clamp(count - c * _chunkRows, 0, _chunkRows);
        T total = weights is null ? T.CreateChecked(count) : WeightedLoss.Count<T>(weights.Span, count);
        _scale = _objective.Reduction == Reduction.Mean ? T.One / total : T.One;
        _parts = Math.Min(Gemm.MaxThreads, _chunks);
        try { WorkerPool.Run(this, _parts); }
        finally { (_data, _order, _weights) = (null, default, null); }

        var parameters = _network.Parameters;
        for (int c = 1; c < _chunks; c++)
        {
            if (_rows[c] == 0) continue;
            for (int p = 0; p < parameters.Count; p++) TensorPrimitives.Add<T>(parameters[p].Gradient, _gradients[c][p], parameters[p].Gradient);
        }
        T loss = _loss[0];
        double squaredError = _squaredError[0];
        for (int c = 1; c < _chunks; c++) (loss, squaredError) = (loss + _loss[c], squaredError + _squaredError[c]);
        T value = _scale * loss;
        if (_objective.L2 > 0 || _objective.L1 > 0)
        {
            value += _objective.Penalty(_network, total);
            _objective.AddPenaltyGradients(parameters, total);
        }
        return (value, squaredError);
    }

    /// <summary>Part <paramref name="part"/> runs chunks part, part + parts, … one after another.</summary>
    public override void Run(int part)
    {
        for (int c = part; c < _chunks; c += _parts)
            if (_rows[c] > 0) RunChunk(c);
    }

    private void RunChunk(int c)
    {
        int first = c * _chunkRows, rows = _rows[c];
        var (x, t) = (_inputs[c], _targets[c]);
        if (_gather) _data!.Gather(_order.Span.Slice(_start + first, rows), x, t);
        else _data!.Copy(_start + first, rows, x, t);
        var workspace = _workspaces[c];
        workspace.Pass = _pass with { FirstRow = first };
        var output = workspace.Forward(x);
        var layer = _network.Layers[_last];
        var net = workspace.Net(_last);
        var weights = _weights is null ? default : _weights.Span.Slice(first, rows);
        _loss[c] = _weights is null ? _objective.Loss.Sum<T>(net.Span, output.Span, t.Span, layer.Units, layer.Activation)
            : WeightedLoss.Sum<T>(_objective.Loss, net.Span, output.Span, t.Span, weights, layer.Units, layer.Activation);
        _squaredError[c] = Trainer.SumOfSquaredErrors(output, t);
        var delta = workspace.Delta(_last);
        delta.SetRows(rows);
        _objective.Loss.OutputDelta<T>(net.Span, output.Span, t.Span, delta.Span, layer.Units, layer.Activation);
        if (_weights is not null) WeightedLoss.ScaleRows<T>(delta.Span, weights, layer.Units);
        if (_scale != T.One) TensorPrimitives.Multiply<T>(delta.Span, _scale, delta.Span);
        workspace.Backward(accumulate: false, _gradients[c]);
    }
}
