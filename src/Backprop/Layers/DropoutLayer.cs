using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>
/// Inverted dropout of rate p: in a training pass each value is kept with probability 1 − p and scaled by 1/(1 − p), or
/// set to 0; at inference the layer passes its input through unchanged, so a trained network needs no rescaling.
/// The mask of a training pass is a function of the pass's seed and step, this layer's position and the value's index
/// in its batch alone (a counter-based generator), so training is the same bits at any thread count and after a resume, and a
/// gradient check that repeats a pass sees the same mask every time.
/// </summary>
public sealed class DropoutLayer<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _scale;

    /// <summary>Dropout of <paramref name="rate"/> over <paramref name="units"/> values per sample.</summary>
    /// <param name="units">Values per sample (the width of the layer below).</param>
    /// <param name="rate">p, the probability that a value is dropped: 0 ≤ p &lt; 1.</param>
    /// <param name="position">The layer's place in its network (0 for the first layer), which keeps two dropout layers' masks apart.</param>
    public DropoutLayer(int units, double rate, int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        if (!(rate >= 0 && rate < 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be at least 0 and below 1.");
        Units = units;
        Rate = rate;
        Position = position;
        _scale = T.CreateChecked(1 / (1 - rate));
    }

    /// <summary>p, the probability that a value is dropped.</summary>
    public double Rate { get; }

    /// <summary>Values per sample, in and out.</summary>
    public int Units { get; }

    /// <summary>The layer's place in its network.</summary>
    public int Position { get; }

    /// <inheritdoc />
    public string Kind => "dropout";

    /// <inheritdoc />
    public int Inputs => Units;

    /// <inheritdoc />
    public int Outputs => Units;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> State => [];

    /// <summary>
    /// Training: <paramref name="net"/> becomes the mask (1/(1 − p) where a value is kept, 0 where it is dropped) and
    /// output = input ⊙ mask. Inference: the mask is all ones and output = input.
    /// </summary>
    public void Forward(Matrix<T> input, Matrix<T> net, Matrix<T> output, ForwardPass pass)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(output);
        int m = input.Rows;
        net.SetRows(m);
        output.SetRows(m);
        var x = input.Span;
        var mask = net.Span;
        var y = output.Span;
        if (!pass.Training || Rate == 0)
        {
            mask.Fill(T.One);
            x.CopyTo(y);
            return;
        }
        ulong key = Mix(pass.Seed ^ Mix((ulong)pass.Step ^ Mix(0x64726F706F7574UL + (ulong)Position))); // "dropout"
        // A value is kept when its 53 random bits, as a fraction of 2^53, are at least p.
        ulong threshold = (ulong)(Rate * (1UL << 53));
        long first = (long)pass.FirstRow * Units; // the index of this pass's first value in its whole batch
        for (int i = 0; i < mask.Length; i++)
        {
            bool keep = Mix(key + (ulong)(first + i + 1) * 0x9E3779B97F4A7C15UL) >> 11 >= threshold;
            mask[i] = keep ? _scale : T.Zero;
            y[i] = keep ? x[i] * _scale : T.Zero;
        }
    }

    /// <summary>δ = ∂E/∂output: the mask is applied on the way down, in <see cref="Backward"/>.</summary>
    public void OutputErrorToDelta(Matrix<T> net, Matrix<T> output, Matrix<T> outputError, Matrix<T> delta)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(outputError);
        ArgumentNullException.ThrowIfNull(delta);
        delta.SetRows(outputError.Rows);
        outputError.Span.CopyTo(delta.Span);
    }

    /// <summary>∂E/∂input = δ ⊙ mask; no parameters.</summary>
    public void Backward(Matrix<T> input, Matrix<T> net, Matrix<T> delta, Matrix<T>? inputError, bool accumulate)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(delta);
        if (inputError is null) return;
        inputError.SetRows(delta.Rows);
        System.Numerics.Tensors.TensorPrimitives.Multiply<T>(delta.Span, net.Span, inputError.Span);
    }

    /// <inheritdoc />
    public ILayer<TOther> Convert<TOther>() where TOther : unmanaged, IFloatingPointIeee754<TOther> =>
        new DropoutLayer<TOther>(Units, Rate, Position);

    /// <summary>The SplitMix64 finaliser: a bijection of 64-bit words whose outputs pass as independent for consecutive inputs.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
