using System.Numerics;
using Backprop.Activations;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>
/// A fully connected layer: net = X · Wᵀ + b, out = f(net), for a batch X of samples × inputs.
/// W is units × inputs, so <c>W[j, i]</c> is the weight from input i to unit j (PyTorch's nn.Linear, ONNX Gemm).
/// </summary>
public sealed class DenseLayer<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters;

    /// <summary>A layer of zero weights (and zero bias unless <paramref name="bias"/> is <see cref="BiasMode.None"/>).</summary>
    public DenseLayer(int inputs, int units, Activation activation, BiasMode bias, int index = 0)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        Inputs = inputs;
        Units = units;
        Activation = activation ?? throw new ArgumentNullException(nameof(activation));
        WeightParameter = new Parameter<T>($"layers[{index}].weights", index, checked(units * inputs), trainable: true, isWeight: true);
        Weights = new Matrix<T>(units, inputs, WeightParameter.Values);
        if (bias != BiasMode.None)
            BiasParameter = new Parameter<T>($"layers[{index}].bias", index, units, trainable: bias == BiasMode.Trainable, isWeight: false);
        Index = index;
        _parameters = BiasParameter is null ? [WeightParameter] : [WeightParameter, BiasParameter];
    }

    /// <summary>Which dense layer of its network this is (0 for the first), as its parameters' names say.</summary>
    public int Index { get; }

    /// <inheritdoc />
    public string Kind => "dense";

    int ILayer<T>.Outputs => Units;

    IReadOnlyList<Parameter<T>> ILayer<T>.State => [];

    /// <summary>Inputs per sample (the width of the layer below).</summary>
    public int Inputs { get; }

    /// <summary>Units, i.e. outputs per sample.</summary>
    public int Units { get; }

    /// <summary>The activation f.</summary>
    public Activation Activation { get; }

    /// <summary>W, units × inputs, over <see cref="WeightParameter"/>'s values.</summary>
    public Matrix<T> Weights { get; }

    /// <summary>The weights as a trainable parameter.</summary>
    public Parameter<T> WeightParameter { get; }

    /// <summary>The bias, or null when the layer has none.</summary>
    public Parameter<T>? BiasParameter { get; }

    /// <summary>The bias mode.</summary>
    public BiasMode BiasMode => BiasParameter is null ? BiasMode.None : BiasParameter.Trainable ? BiasMode.Trainable : BiasMode.Frozen;

    /// <summary>The bias values (empty when the layer has none).</summary>
    public Span<T> Bias => BiasParameter is null ? Span<T>.Empty : BiasParameter.Values;

    /// <summary>This layer's parameters: weights, then bias if any.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>Sets W from a units × inputs array: <c>weights[j, i]</c> is the weight from input i to unit j.</summary>
    public DenseLayer<T> SetWeights(double[,] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.GetLength(0) != Units || weights.GetLength(1) != Inputs)
            throw new ArgumentException($"Expected {Units}×{Inputs} weights (units × inputs), got {weights.GetLength(0)}×{weights.GetLength(1)}.",
                nameof(weights));
        for (int j = 0; j < Units; j++)
            for (int i = 0; i < Inputs; i++) Weights[j, i] = T.CreateChecked(weights[j, i]);
        return this;
    }

    /// <summary>Sets the bias, one value per unit (or one value for every unit).</summary>
    public DenseLayer<T> SetBias(params double[] bias)
    {
        ArgumentNullException.ThrowIfNull(bias);
        if (BiasParameter is null) throw new InvalidOperationException("This layer has no bias.");
        if (bias.Length != Units && bias.Length != 1)
            throw new ArgumentException($"Expected {Units} bias values (or one for all), got {bias.Length}.", nameof(bias));
        for (int j = 0; j < Units; j++) BiasParameter.Values[j] = T.CreateChecked(bias[bias.Length == 1 ? 0 : j]);
        return this;
    }

    /// <summary>net = input · Wᵀ + b; output = f(net). The bias and f are applied to each thread's rows of net right after it computes
    /// them.</summary>
    public void Forward(Matrix<T> input, Matrix<T> net, Matrix<T> output, ForwardPass pass)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(output);
        Forward(input, net, output);
    }

    /// <summary>δ = f′(net) ⊙ ∂E/∂out.</summary>
    public void OutputErrorToDelta(Matrix<T> net, Matrix<T> output, Matrix<T> outputError, Matrix<T> delta)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(outputError);
        ArgumentNullException.ThrowIfNull(delta);
        delta.SetRows(outputError.Rows);
        Activation.Backward<T>(net.Span, output.Span, outputError.Span, delta.Span, Units);
    }

    /// <summary>∂E/∂W = δᵀ · input, ∂E/∂b = Σδ, and ∂E/∂input = δ · W unless <paramref name="inputError"/> is null.</summary>
    public void Backward(Matrix<T> input, Matrix<T> net, Matrix<T> delta, Matrix<T>? inputError, bool accumulate)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(delta);
        ComputeGradients(input, delta, accumulate);
        if (inputError is not null) PropagateError(delta, inputError);
    }

    /// <inheritdoc />
    public ILayer<TOther> Convert<TOther>() where TOther : unmanaged, IFloatingPointIeee754<TOther>
    {
        var copy = new DenseLayer<TOther>(Inputs, Units, Activation, BiasMode, Index);
        for (int i = 0; i < WeightParameter.Length; i++) copy.WeightParameter.Values[i] = TOther.CreateChecked(WeightParameter.Values[i]);
        if (BiasParameter is not null)
            for (int i = 0; i < BiasParameter.Length; i++) copy.BiasParameter!.Values[i] = TOther.CreateChecked(BiasParameter.Values[i]);
        return copy;
    }

    /// <summary>net = input · Wᵀ + b; output = f(net), for every pass (a dense layer has no noise).</summary>
    internal void Forward(Matrix<T> input, Matrix<T> net, Matrix<T> output)
    {
        int m = input.Rows;
        net.SetRows(m);
        output.SetRows(m);
        Gemm.MultiplyTransposedB(input.Span, Weights.Span, net.Span, m, Units, Inputs, new BiasAndActivation(this, net.Data, output.Data));
    }

    /// <summary>net += b, output = f(net) on a range of rows.</summary>
    private readonly struct BiasAndActivation(DenseLayer<T> layer, T[] net, T[] output) : Gemm.IRowEpilogue
    {
        public void Run(int first, int last)
        {
            int units = layer.Units;
            var rows = net.AsSpan(first * units, (last - first) * units);
            if (layer.BiasParameter is { } bias) Gemm.AddRowToEachRow<T>(bias.Values, rows, last - first);
            layer.Activation.Forward<T>(rows, output.AsSpan(first * units, (last - first) * units), units);
        }
    }

    /// <summary>
    /// ∂E/∂W = δᵀ · input; ∂E/∂b = Σ over samples of δ. δ is ∂E/∂net, samples × units. With <paramref name="accumulate"/>
    /// the products are added to the gradients already there.
    /// </summary>
    internal void ComputeGradients(Matrix<T> input, Matrix<T> delta, bool accumulate) =>
        ComputeGradients(input, delta, accumulate, WeightParameter.Gradient, BiasParameter is null ? null : BiasParameter.Gradient);

    /// <summary>As <see cref="ComputeGradients(Matrix{T}, Matrix{T}, bool)"/>, into the given buffers instead of the parameters' own
    /// (a chunk of a batch run apart from the others).</summary>
    internal void ComputeGradients(Matrix<T> input, Matrix<T> delta, bool accumulate, T[] weightGradient, T[]? biasGradient)
    {
        if (accumulate) Gemm.AddTransposedAMultiply<T>(delta.Span, input.Span, weightGradient, input.Rows, Units, Inputs);
        else Gemm.MultiplyTransposedA<T>(delta.Span, input.Span, weightGradient, input.Rows, Units, Inputs);
        if (biasGradient is null) return;
        if (!accumulate) Array.Clear(biasGradient);
        Gemm.AddColumnSums<T>(delta.Span, biasGradient, input.Rows);
    }

    /// <summary>∂E/∂input = δ · W: the error handed to the layer below, samples × inputs.</summary>
    internal void PropagateError(Matrix<T> delta, Matrix<T> inputError)
    {
        inputError.SetRows(delta.Rows);
        Gemm.Multiply<T>(delta.Span, Weights.Span, inputError.Span, delta.Rows, Inputs, Units);
    }
}
