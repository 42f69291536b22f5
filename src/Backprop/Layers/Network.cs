using System.Numerics;
using Backprop.Activations;
using Backprop.Initialization;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>
/// A multilayer perceptron: a stack of layers (<see cref="ILayer{T}"/>), each feeding the next — dense layers, with
/// dropout layers between them — whose last layer is dense.
/// </summary>
public sealed class Network<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T>[] _stack;
    private readonly DenseLayer<T>[] _layers;
    private readonly Parameter<T>[] _parameters;

    /// <summary>
    /// A network of the given layers, first to last; each layer's inputs must equal the outputs of the one below, and the
    /// last layer (the output layer, whose activation the loss sees) must be a <see cref="DenseLayer{T}"/>.
    /// </summary>
    public Network(int inputs, IEnumerable<ILayer<T>> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        _stack = layers.ToArray();
        if (_stack.Length == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        if (_stack[^1] is not DenseLayer<T>) throw new ArgumentException($"The output layer must be dense, not {_stack[^1].Kind}.", nameof(layers));
        int width = inputs;
        for (int l = 0; l < _stack.Length; l++)
        {
            if (_stack[l].Inputs != width)
                throw new ArgumentException($"Layer {l} takes {_stack[l].Inputs} inputs but the layer below gives {width}.", nameof(layers));
            width = _stack[l].Outputs;
        }
        Inputs = inputs;
        _layers = _stack.OfType<DenseLayer<T>>().ToArray();
        _parameters = _stack.SelectMany(layer => layer.Parameters).ToArray();
    }

    /// <summary>Builds a network with weights drawn from <paramref name="seed"/> and zero biases.</summary>
    /// <exception cref="Diagnostics.BackpropException">The parameters would not fit in the memory this process may use.</exception>
    public static Network<T> Create(int inputs, IReadOnlyList<LayerSpec> layers, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(layers);
        NetworkSize.EnsureFits<T>(inputs, layers);
        var rng = new Rng(seed, Rng.Streams.Initialization);
        var built = new List<ILayer<T>>();
        int width = inputs;
        for (int l = 0; l < layers.Count; l++)
        {
            var spec = layers[l];
            var layer = new DenseLayer<T>(width, spec.Units, ActivationRegistry.Get(spec.Activation), spec.Bias, l);
            var initializer = spec.Initializer ?? Initializer.DefaultFor(layer.Activation.Name);
            var w = layer.WeightParameter.Values;
            for (int i = 0; i < w.Length; i++) w[i] = T.CreateChecked(initializer.Draw(rng, width, spec.Units));
            built.Add(layer);
            width = spec.Units;
            if (spec.Dropout > 0) built.Add(new DropoutLayer<T>(width, spec.Dropout, built.Count));
        }
        return new Network<T>(inputs, built);
    }

    /// <summary>Inputs per sample.</summary>
    public int Inputs { get; }

    /// <summary>Outputs per sample (the units of the last layer).</summary>
    public int Outputs => _stack[^1].Outputs;

    /// <summary>
    /// The dense layers — those with weights — from the first hidden layer to the output layer. Dropout and any other
    /// layer are in <see cref="AllLayers"/>; at inference they pass values through, so the dense layers alone say what the
    /// network computes.
    /// </summary>
    public IReadOnlyList<DenseLayer<T>> Layers => _layers;

    /// <summary>Every layer in order, dense and dropout, as the model file lists them.</summary>
    public IReadOnlyList<ILayer<T>> AllLayers => _stack;

    /// <summary>True when some layer draws noise in training (dropout).</summary>
    public bool IsStochastic => _stack.Any(l => l is DropoutLayer<T> { Rate: > 0 });

    /// <summary>Every parameter, layer by layer: weights, then bias.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>How many numbers the network holds.</summary>
    public int ParameterCount => _parameters.Sum(p => p.Length);

    /// <summary>The network's outputs for a batch (samples × inputs) as a new samples × outputs matrix.</summary>
    /// <remarks>
    /// Thread-safe: any number of threads may predict with one network at once, each getting the bits one thread alone
    /// gets (every call has its own workspace, and nothing is written to the network). Training or changing the weights
    /// while another thread predicts is not safe.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> does not have one column per input.</exception>
    public Matrix<T> Predict(Matrix<T> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Columns != Inputs)
            throw new ArgumentException($"The network takes {Inputs} inputs per sample; the batch has {inputs.Columns}.", nameof(inputs));
        var workspace = new Workspace<T>(this, Math.Max(1, inputs.Rows));
        return workspace.Forward(inputs).Clone();
    }

    /// <summary>A deep copy: same shapes, values and bias modes.</summary>
    public Network<T> Clone() => Convert<T>();

    /// <summary>A copy in another precision.</summary>
    public Network<TOther> Convert<TOther>() where TOther : unmanaged, IFloatingPointIeee754<TOther>
    {
        return new Network<TOther>(Inputs, _stack.Select(layer => layer.Convert<TOther>()).ToList());
    }

    /// <summary>Copies every parameter value from <paramref name="other"/>, which must have the same shape.</summary>
    public void CopyParametersFrom(Network<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._parameters.Length != _parameters.Length) throw new ArgumentException("The networks differ in shape.", nameof(other));
        for (int p = 0; p < _parameters.Length; p++) other._parameters[p].Values.AsSpan().CopyTo(_parameters[p].Values);
    }

    /// <summary>e.g. <c>2-2-2 (sigmoid, sigmoid)</c>.</summary>
    public override string ToString() =>
        $"{Inputs}-{string.Join("-", _layers.Select(l => l.Units))} ({string.Join(", ", _layers.Select(l => l.Activation.Name))})";
}
