using System.Numerics;
using Backprop.Activations;
using Backprop.Initialization;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A multilayer perceptron: dense layers, each feeding the next.</summary>
public sealed class Network<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly DenseLayer<T>[] _layers;
    private readonly Parameter<T>[] _parameters;

    /// <summary>A network of the given layers; each layer's inputs must equal the units of the one below.</summary>
    public Network(int inputs, IEnumerable<DenseLayer<T>> layers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        _layers = layers.ToArray();
        if (_layers.Length == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        int width = inputs;
        for (int l = 0; l < _layers.Length; l++)
        {
            if (_layers[l].Inputs != width)
                throw new ArgumentException($"Layer {l} takes {_layers[l].Inputs} inputs but the layer below gives {width}.", nameof(layers));
            width = _layers[l].Units;
        }
        Inputs = inputs;
        _parameters = _layers.SelectMany(layer => layer.Parameters).ToArray();
    }

    /// <summary>Builds a network with weights drawn from <paramref name="seed"/> and zero biases.</summary>
    /// <exception cref="Diagnostics.BackpropException">The parameters would not fit in the memory this process may use.</exception>
    public static Network<T> Create(int inputs, IReadOnlyList<LayerSpec> layers, ulong seed)
    {
        NetworkSize.EnsureFits<T>(inputs, layers);
        var rng = new Rng(seed, Rng.Streams.Initialization);
        var built = new List<DenseLayer<T>>();
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
        }
        return new Network<T>(inputs, built);
    }

    /// <summary>Inputs per sample.</summary>
    public int Inputs { get; }

    /// <summary>Outputs per sample (the units of the last layer).</summary>
    public int Outputs => _layers[^1].Units;

    /// <summary>The layers, from the first hidden layer to the output layer.</summary>
    public IReadOnlyList<DenseLayer<T>> Layers => _layers;

    /// <summary>Every parameter, layer by layer: weights, then bias.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>How many numbers the network holds.</summary>
    public int ParameterCount => _parameters.Sum(p => p.Length);

    /// <summary>The network's outputs for a batch (samples × inputs) as a new samples × outputs matrix.</summary>
    public Matrix<T> Predict(Matrix<T> inputs)
    {
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
        var layers = new List<DenseLayer<TOther>>();
        for (int l = 0; l < _layers.Length; l++)
        {
            var source = _layers[l];
            var copy = new DenseLayer<TOther>(source.Inputs, source.Units, source.Activation, source.BiasMode, l);
            CopyConverted(source.WeightParameter.Values, copy.WeightParameter.Values);
            if (source.BiasParameter is not null) CopyConverted(source.BiasParameter.Values, copy.BiasParameter!.Values);
            layers.Add(copy);
        }
        return new Network<TOther>(Inputs, layers);
    }

    /// <summary>Copies every parameter value from <paramref name="other"/>, which must have the same shape.</summary>
    public void CopyParametersFrom(Network<T> other)
    {
        if (other._parameters.Length != _parameters.Length) throw new ArgumentException("The networks differ in shape.", nameof(other));
        for (int p = 0; p < _parameters.Length; p++) other._parameters[p].Values.AsSpan().CopyTo(_parameters[p].Values);
    }

    private static void CopyConverted<TOther>(T[] source, TOther[] target) where TOther : unmanaged, IFloatingPointIeee754<TOther>
    {
        for (int i = 0; i < source.Length; i++) target[i] = TOther.CreateChecked(source[i]);
    }

    /// <summary>e.g. <c>2-2-2 (sigmoid, sigmoid)</c>.</summary>
    public override string ToString() =>
        $"{Inputs}-{string.Join("-", _layers.Select(l => l.Units))} ({string.Join(", ", _layers.Select(l => l.Activation.Name))})";
}
