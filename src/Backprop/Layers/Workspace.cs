using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>
/// The buffers of one forward and backward pass (net input, output and δ of every layer) for batches
/// of up to <see cref="Capacity"/> samples, allocated once and reused for every batch; those of the backward pass at its
/// first use, so that a workspace only ever run forward (validation, the final loss, prediction) holds half as much.
/// </summary>
public sealed class Workspace<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Network<T> _network;
    private readonly ILayer<T>[] _stack;
    private readonly int[] _dense; // the stack position of each dense layer
    private readonly int[] _firstParameter; // the index in Network.Parameters of each layer's first parameter
    private readonly Matrix<T>[] _net;
    private readonly Matrix<T>[] _output;
    private Matrix<T>[]? _delta; // made by EnsureBackward
    private Matrix<T>[]? _error; // ∂E/∂input of each layer; all views of one shared buffer
    private Matrix<T>? _input;

    /// <summary>Buffers for <paramref name="network"/> and batches of up to <paramref name="capacity"/> samples.</summary>
    /// <exception cref="Diagnostics.BackpropException">The buffers would not fit in the memory this process may use.</exception>
    public Workspace(Network<T> network, int capacity)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        NetworkSize.EnsureBuffersFit<T>(network.Inputs, network.AllLayers.Select(l => l.Outputs), capacity);
        _network = network;
        _stack = network.AllLayers.ToArray();
        Capacity = capacity;
        int layers = _stack.Length;
        _net = new Matrix<T>[layers];
        _output = new Matrix<T>[layers];
        for (int l = 0; l < layers; l++)
        {
            int units = _stack[l].Outputs;
            _net[l] = new Matrix<T>(capacity, units);
            _output[l] = new Matrix<T>(capacity, units);
        }
        _dense = Enumerable.Range(0, layers).Where(l => _stack[l] is DenseLayer<T>).ToArray();
        _firstParameter = new int[layers];
        for (int l = 1; l < layers; l++) _firstParameter[l] = _firstParameter[l - 1] + _stack[l - 1].Parameters.Count;
    }

    /// <summary>The network the buffers were made for.</summary>
    internal Network<T> Network => _network;

    /// <summary>The largest batch the buffers hold.</summary>
    public int Capacity { get; }

    /// <summary>
    /// What the next forward passes are for: <see cref="ForwardPass.Inference"/> (the default) or a training pass, whose
    /// seed and step fix dropout's masks. The trainer sets it before each batch.
    /// </summary>
    public ForwardPass Pass { get; set; }

    /// <summary>Net input of dense layer <paramref name="layer"/> (an index of <see cref="Network{T}.Layers"/>) from the last forward pass.</summary>
    public Matrix<T> Net(int layer) => _net[_dense[layer]];

    /// <summary>Output of dense layer <paramref name="layer"/> from the last forward pass (before any dropout above it).</summary>
    public Matrix<T> Output(int layer) => _output[_dense[layer]];

    /// <summary>δ = ∂E/∂net of dense layer <paramref name="layer"/> from the last backward pass.</summary>
    public Matrix<T> Delta(int layer) => EnsureBackward()[_dense[layer]];

    /// <summary>The scratch buffer of layer <paramref name="position"/> of <see cref="Network{T}.AllLayers"/> (dropout: its mask).</summary>
    public Matrix<T> LayerNet(int position) => _net[position];

    /// <summary>The output of layer <paramref name="position"/> of <see cref="Network{T}.AllLayers"/>.</summary>
    public Matrix<T> LayerOutput(int position) => _output[position];

    /// <summary>Runs the batch through every layer as <see cref="Pass"/> says; returns the output layer's output (a buffer of this
    /// workspace).</summary>
    public Matrix<T> Forward(Matrix<T> inputs)
    {
        if (inputs.Rows > Capacity)
            throw new ArgumentException($"The batch has {inputs.Rows} samples; the workspace holds {Capacity}.", nameof(inputs));
        _input = inputs;
        var current = inputs;
        var pass = Pass;
        for (int l = 0; l < _stack.Length; l++)
        {
            _stack[l].Forward(current, _net[l], _output[l], pass);
            current = _output[l];
        }
        return current;
    }

    /// <summary>
    /// Backpropagates from the output layer's δ, which the caller has written into <see cref="Delta"/>(last layer):
    /// for each layer from the top, adds its parameters' gradients (a dense layer: δᵀ·input to ∂E/∂W and Σδ to ∂E/∂b),
    /// hands ∂E/∂input to the layer below (δ · W), which turns it into its own δ (f′(net) ⊙ …).
    /// Gradients accumulate: clear them first for a fresh evaluation, or use <see cref="Backward(bool)"/>.
    /// </summary>
    public void Backward() => Backward(accumulate: true);

    /// <summary>
    /// As <see cref="Backward()"/>; without <paramref name="accumulate"/> every parameter's gradient is replaced by this
    /// batch's, with no need to clear it first.
    /// </summary>
    public void Backward(bool accumulate) => Backward(accumulate, null);

    /// <summary>
    /// As <see cref="Backward(bool)"/>, but with <paramref name="gradients"/> (one buffer per parameter of
    /// <see cref="Network{T}.Parameters"/>, in its order) receiving the gradients instead of the parameters' own: a chunk of a
    /// batch run beside the others.
    /// </summary>
    internal void Backward(bool accumulate, T[][]? gradients)
    {
        if (_input is null) throw new InvalidOperationException("Run Forward before Backward.");
        var deltas = EnsureBackward();
        for (int l = _stack.Length - 1; l >= 0; l--)
        {
            var layerInput = l == 0 ? _input : _output[l - 1];
            var error = l == 0 ? null : _error![l];
            if (gradients is not null && _stack[l] is DenseLayer<T> dense)
            {
                int first = _firstParameter[l];
                var bias = dense.BiasParameter is null ? null : gradients[first + 1];
                dense.ComputeGradients(layerInput, deltas[l], accumulate, gradients[first], bias);
                if (error is not null) dense.PropagateError(deltas[l], error);
            }
            else _stack[l].Backward(layerInput, _net[l], deltas[l], error, accumulate);
            if (error is null) break;
            _stack[l - 1].OutputErrorToDelta(_net[l - 1], _output[l - 1], error, deltas[l - 1]);
        }
    }

    /// <summary>The δ of every layer and the shared ∂E/∂input buffer, made at the first call.</summary>
    private Matrix<T>[] EnsureBackward() => _delta ?? MakeBackward();

    /// <summary>The allocation of <see cref="EnsureBackward"/>, apart: its lambdas' closure would otherwise be made at every call.</summary>
    private Matrix<T>[] MakeBackward()
    {
        int widest = _network.Inputs;
        foreach (var layer in _stack) widest = Math.Max(widest, layer.Outputs);
        var shared = new T[checked(Capacity * widest)];
        _error = _stack.Select(layer => new Matrix<T>(Capacity, layer.Inputs, shared)).ToArray();
        return _delta = _stack.Select(layer => new Matrix<T>(Capacity, layer.Outputs)).ToArray();
    }
}
