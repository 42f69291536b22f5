using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>
/// One layer of a <see cref="Network{T}"/>: a map from a batch of inputs (samples × <see cref="Inputs"/>) to a batch of
/// outputs (samples × <see cref="Outputs"/>), and its backward step. <see cref="DenseLayer{T}"/> and
/// <see cref="DropoutLayer{T}"/> are the two kinds. Every method works on whole batches held in a
/// <see cref="Workspace{T}"/>'s buffers, so a layer is called once per batch and allocates nothing.
/// </summary>
/// <remarks>
/// For each layer the workspace keeps three buffers of samples × <see cref="Outputs"/>: <c>net</c> (the layer's own
/// scratch, e.g. a dense layer's pre-activation or dropout's mask), <c>output</c>, and <c>delta</c> (the error at
/// <c>net</c>, ∂E/∂net). Backpropagation turns ∂E/∂output into δ with <see cref="OutputErrorToDelta"/>, then
/// <see cref="Backward"/> turns δ into the parameters' gradients and ∂E/∂input for the layer below.
/// </remarks>
public interface ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The layer's kind as the model file names it: <c>dense</c>, <c>dropout</c>.</summary>
    string Kind { get; }

    /// <summary>Inputs per sample (the width of the layer below).</summary>
    int Inputs { get; }

    /// <summary>Outputs per sample.</summary>
    int Outputs { get; }

    /// <summary>The trainable blocks (weights, bias), in the order optimisers and checkpoints see them; empty for dropout.</summary>
    IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Numbers the layer keeps and saves but that training does not descend on (none for dense and dropout).</summary>
    IReadOnlyList<Parameter<T>> State { get; }

    /// <summary>Computes <paramref name="output"/> (and its scratch <paramref name="net"/>) from <paramref name="input"/>, for
    /// <paramref name="pass"/>.</summary>
    void Forward(Matrix<T> input, Matrix<T> net, Matrix<T> output, ForwardPass pass);

    /// <summary>δ = ∂E/∂net from ∂E/∂output (<paramref name="outputError"/>), using the buffers of the last forward pass.</summary>
    void OutputErrorToDelta(Matrix<T> net, Matrix<T> output, Matrix<T> outputError, Matrix<T> delta);

    /// <summary>
    /// From δ: sets (or, with <paramref name="accumulate"/>, adds to) the gradient of every parameter and, unless
    /// <paramref name="inputError"/> is null (the first layer), writes ∂E/∂input into it.
    /// </summary>
    void Backward(Matrix<T> input, Matrix<T> net, Matrix<T> delta, Matrix<T>? inputError, bool accumulate);

    /// <summary>A copy with the same shape and values in precision <typeparamref name="TOther"/>.</summary>
    ILayer<TOther> Convert<TOther>() where TOther : unmanaged, IFloatingPointIeee754<TOther>;
}
