using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>
/// The derivative of one network output with respect to every network input, for a batch of samples: the backward pass
/// of training run from a unit error at that output, down through every layer to the inputs (∂yₖ/∂x = δ₀ · W₀ with
/// δ the layers' errors), and nothing written to the parameters' gradients. One forward pass serves every output.
/// </summary>
/// <remarks>Each instance holds buffers for batches of up to <see cref="Capacity"/> samples; it is not thread-safe.</remarks>
internal sealed class InputJacobian<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Workspace<T> _workspace;
    private readonly ILayer<T>[] _stack;
    private readonly Matrix<T>[] _delta;
    private readonly Matrix<T>[] _error; // ∂yₖ/∂(input of layer l), samples × the layer's inputs
    private readonly Matrix<T> _top;
    private Matrix<T>? _input;

    /// <summary>Buffers for <paramref name="network"/> and batches of up to <paramref name="capacity"/> samples.</summary>
    public InputJacobian(Network<T> network, int capacity)
    {
        ArgumentNullException.ThrowIfNull(network);
        _workspace = new Workspace<T>(network, capacity);
        _stack = network.AllLayers.ToArray();
        _delta = _stack.Select(l => new Matrix<T>(capacity, l.Outputs)).ToArray();
        _error = _stack.Select(l => new Matrix<T>(capacity, l.Inputs)).ToArray();
        _top = new Matrix<T>(capacity, network.Outputs);
        Capacity = capacity;
    }

    /// <summary>The largest batch.</summary>
    public int Capacity { get; }

    /// <summary>Runs the batch forward at inference; returns the network's outputs (a buffer, valid until the next call).</summary>
    public Matrix<T> Forward(Matrix<T> inputs)
    {
        _input = inputs;
        return _workspace.Forward(inputs);
    }

    /// <summary>∂y_<paramref name="output"/>/∂x for every sample of the last <see cref="Forward"/>: samples × inputs (a buffer, valid until
    /// the next call).</summary>
    public Matrix<T> Gradient(int output)
    {
        var input = _input ?? throw new InvalidOperationException("Run Forward before Gradient.");
        int rows = input.Rows;
        _top.SetRows(rows);
        var top = _top.Span;
        top.Clear();
        for (int r = 0; r < rows; r++) top[r * _top.Columns + output] = T.One;
        var error = _top;
        for (int l = _stack.Length - 1; l >= 0; l--)
        {
            var layer = _stack[l];
            layer.OutputErrorToDelta(_workspace.LayerNet(l), _workspace.LayerOutput(l), error, _delta[l]);
            var below = _error[l];
            if (layer is DenseLayer<T> dense) dense.PropagateError(_delta[l], below);
            else layer.Backward(l == 0 ? input : _workspace.LayerOutput(l - 1), _workspace.LayerNet(l), _delta[l], below, accumulate: false);
            error = below;
        }
        return error;
    }
}
