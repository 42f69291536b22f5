using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>
/// The buffers of one forward and backward pass (net input, output and δ of every layer) for batches
/// of up to <see cref="Capacity"/> samples, allocated once and reused for every batch.
/// </summary>
public sealed class Workspace<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Network<T> _network;
    private readonly Matrix<T>[] _net;
    private readonly Matrix<T>[] _output;
    private readonly Matrix<T>[] _delta;
    private readonly Matrix<T>[] _error; // ∂E/∂input of each layer; all views of one shared buffer
    private Matrix<T>? _input;

    /// <summary>Buffers for <paramref name="network"/> and batches of up to <paramref name="capacity"/> samples.</summary>
    /// <exception cref="Diagnostics.BackpropException">The buffers would not fit in the memory this process may use.</exception>
    public Workspace(Network<T> network, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        NetworkSize.EnsureBuffersFit<T>(network.Inputs, network.Layers.Select(l => l.Units), capacity);
        _network = network;
        Capacity = capacity;
        int layers = network.Layers.Count;
        _net = new Matrix<T>[layers];
        _output = new Matrix<T>[layers];
        _delta = new Matrix<T>[layers];
        int widest = network.Inputs;
        for (int l = 0; l < layers; l++)
        {
            int units = network.Layers[l].Units;
            _net[l] = new Matrix<T>(capacity, units);
            _output[l] = new Matrix<T>(capacity, units);
            _delta[l] = new Matrix<T>(capacity, units);
            widest = Math.Max(widest, units);
        }
        var shared = new T[checked(capacity * widest)];
        _error = network.Layers.Select(layer => new Matrix<T>(capacity, layer.Inputs, shared)).ToArray();
    }

    /// <summary>The largest batch the buffers hold.</summary>
    public int Capacity { get; }

    /// <summary>Net input of layer <paramref name="layer"/> from the last forward pass.</summary>
    public Matrix<T> Net(int layer) => _net[layer];

    /// <summary>Output of layer <paramref name="layer"/> from the last forward pass.</summary>
    public Matrix<T> Output(int layer) => _output[layer];

    /// <summary>δ = ∂E/∂net of layer <paramref name="layer"/> from the last backward pass.</summary>
    public Matrix<T> Delta(int layer) => _delta[layer];

    /// <summary>Runs the batch through every layer; returns the output layer's output (a buffer of this workspace).</summary>
    public Matrix<T> Forward(Matrix<T> inputs)
    {
        if (inputs.Rows > Capacity)
            throw new ArgumentException($"The batch has {inputs.Rows} samples; the workspace holds {Capacity}.", nameof(inputs));
        _input = inputs;
        var current = inputs;
        for (int l = 0; l < _network.Layers.Count; l++)
        {
            _network.Layers[l].Forward(current, _net[l], _output[l]);
            current = _output[l];
        }
        return current;
    }

    /// <summary>
    /// Backpropagates from the output layer's δ, which the caller has written into <see cref="Delta"/>(last layer):
    /// for each layer from the top, adds δᵀ·input to ∂E/∂W and Σδ to ∂E/∂b, then δ_below = f′(net_below) ⊙ (δ · W).
    /// Gradients accumulate: clear them first for a fresh evaluation, or use <see cref="Backward(bool)"/>.
    /// </summary>
    public void Backward() => Backward(accumulate: true);

    /// <summary>
    /// As <see cref="Backward()"/>; without <paramref name="accumulate"/> every parameter's gradient is replaced by this
    /// batch's, with no need to clear it first.
    /// </summary>
    public void Backward(bool accumulate)
    {
        if (_input is null) throw new InvalidOperationException("Run Forward before Backward.");
        var layers = _network.Layers;
        for (int l = layers.Count - 1; l >= 0; l--)
        {
            var layerInput = l == 0 ? _input : _output[l - 1];
            layers[l].ComputeGradients(layerInput, _delta[l], accumulate);
            if (l == 0) break;
            var error = _error[l];
            layers[l].PropagateError(_delta[l], error);
            _delta[l - 1].SetRows(_delta[l].Rows);
            layers[l - 1].Activation.Backward<T>(_net[l - 1].Span, _output[l - 1].Span, error.Span, _delta[l - 1].Span, layers[l - 1].Units);
        }
    }
}
