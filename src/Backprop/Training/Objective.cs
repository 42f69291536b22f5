using System.Numerics;
using System.Numerics.Tensors;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>
/// What training minimises on a batch of m samples:
/// E = r · Σᵢ ℓ(yᵢ, tᵢ) + λ/(2m) · Σ w² + λ₁/m · Σ |w|, with r = 1 for <see cref="Reduction.Sum"/> and 1/m for
/// <see cref="Reduction.Mean"/>; the penalties cover weights but not biases (seed 004 and scikit-learn). The L1 term is scaled
/// as the L2 term is, so its gradient is (λ₁/m)·sign(w), 0 at w = 0.
/// </summary>
/// <param name="Loss">The per-sample loss.</param>
/// <param name="Reduction">How per-sample losses are combined.</param>
/// <param name="L2">λ, the weight-decay coefficient.</param>
/// <param name="L1">λ₁, the coefficient of the L1 penalty.</param>
public sealed record Objective(Loss Loss, Reduction Reduction = Reduction.Mean, double L2 = 0, double L1 = 0)
{
    /// <summary>This objective without its penalties: the loss alone, as held-out data and the playground's chart measure it.</summary>
    public Objective WithoutPenalties => this with { L2 = 0, L1 = 0 };

    /// <summary>The loss per sample.</summary>
    public Loss Loss { get; init; } = Loss ?? throw new ArgumentNullException(nameof(Loss));

    /// <summary>Throws <see cref="TrainingException"/> when this objective cannot train <paramref name="network"/>.</summary>
    public void EnsureTrainable<T>(Network<T> network) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var activation = network.Layers[l].Activation;
            if (!activation.IsDifferentiable)
                throw new TrainingException($"layer {l + 1} uses the {activation.Name} activation, which has no gradient to backpropagate; use " +
                    $"sigmoid, tanh or relu to train, and step only to run a trained perceptron");
            if (activation is Activations.Softmax && l != network.Layers.Count - 1)
                throw new TrainingException($"layer {l + 1} uses softmax, which belongs on the output layer only");
        }
        var output = network.Layers[^1];
        if (Loss.Incompatibility(output.Activation, output.Units) is string problem)
            throw new TrainingException(problem);
        if (L2 < 0 || !double.IsFinite(L2)) throw new TrainingException($"the L2 coefficient must be a finite number ≥ 0, not {L2}");
        if (L1 < 0 || !double.IsFinite(L1)) throw new TrainingException($"the L1 coefficient must be a finite number ≥ 0, not {L1}");
    }

    /// <summary>
    /// E on the batch (<paramref name="inputs"/>, <paramref name="targets"/>); with <paramref name="computeGradient"/>,
    /// also sets every parameter's <see cref="Parameter{T}.Gradient"/> to ∂E/∂θ from this one forward pass.
    /// </summary>
    public T Evaluate<T>(Network<T> network, Workspace<T> workspace, Matrix<T> inputs, Matrix<T> targets, bool computeGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return Evaluate(network, workspace, inputs, targets, null, computeGradient);
    }

    /// <summary>
    /// E on the batch with a weight per row (<paramref name="weights"/>, one column; null for none): the loss
    /// Σᵢ wᵢ ℓᵢ, divided by Σᵢ wᵢ for mean reduction, and the penalty λ/(2Σᵢ wᵢ)·Σ w², as scikit-learn weights samples
    /// (see <see cref="WeightedLoss"/>); with <paramref name="computeGradient"/>, also ∂E/∂θ.
    /// </summary>
    public T Evaluate<T>(Network<T> network, Workspace<T> workspace, Matrix<T> inputs, Matrix<T> targets, Matrix<T>? weights, bool computeGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(workspace);
        int m = inputs.Rows;
        int last = network.Layers.Count - 1;
        var outputLayer = network.Layers[last];
        var output = workspace.Forward(inputs);
        var net = workspace.Net(last);

        T count = weights is null ? T.CreateChecked(m) : WeightedLoss.Count<T>(weights.Span, m);
        T scale = Reduction == Reduction.Mean ? T.One / count : T.One;
        T value = scale * (weights is null ? Loss.Sum<T>(net.Span, output.Span, targets.Span, outputLayer.Units, outputLayer.Activation)
            : WeightedLoss.Sum<T>(Loss, net.Span, output.Span, targets.Span, weights.Span, outputLayer.Units, outputLayer.Activation));
        if (L2 > 0 || L1 > 0) value += Penalty(network, count);
        if (!computeGradient) return value;

        var parameters = network.Parameters;
        var delta = workspace.Delta(last);
        delta.SetRows(m);
        Loss.OutputDelta<T>(net.Span, output.Span, targets.Span, delta.Span, outputLayer.Units, outputLayer.Activation);
        if (weights is not null) WeightedLoss.ScaleRows<T>(delta.Span, weights.Span, outputLayer.Units);
        if (scale != T.One) TensorPrimitives.Multiply<T>(delta.Span, scale, delta.Span);
        workspace.Backward(accumulate: false);
        AddPenaltyGradients(parameters, count);
        return value;
    }

    /// <summary>Adds the penalties' gradients, (λ/m)·w and (λ₁/m)·sign(w), to every weight's gradient for a batch that counts as
    /// <paramref name="count"/> samples.</summary>
    internal void AddPenaltyGradients<T>(IReadOnlyList<Parameter<T>> parameters, T count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T lambdaOverM = T.CreateChecked(L2) / count;
        if (L2 > 0)
            for (int i = 0; i < parameters.Count; i++)
                if (parameters[i].IsWeight) TensorPrimitives.MultiplyAdd<T>(parameters[i].Values, lambdaOverM, parameters[i].Gradient,
                    parameters[i].Gradient);
        if (L1 > 0) AddL1Gradient(parameters, T.CreateChecked(L1) / count);
    }

    /// <summary>Adds (λ₁/m)·sign(w) to the gradient of every weight (not bias); sign(0) = 0.</summary>
    private static void AddL1Gradient<T>(IReadOnlyList<Parameter<T>> parameters, T lambdaOverM) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            if (!parameters[i].IsWeight) continue;
            var values = parameters[i].Values;
            var gradient = parameters[i].Gradient;
            for (int k = 0; k < values.Length; k++)
                if (values[k] > T.Zero) gradient[k] += lambdaOverM;
                else if (values[k] < T.Zero) gradient[k] -= lambdaOverM;
        }
    }

    /// <summary>The penalties λ/(2m) · Σ w² + λ₁/m · Σ |w| for a batch of <paramref name="samples"/> samples.</summary>
    public T Penalty<T>(Network<T> network, int samples) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(network);
        return Penalty(network, T.CreateChecked(samples));
    }

    /// <summary>
    /// The penalties λ/(2m) · Σ w² + λ₁/m · Σ |w| for a batch that counts as <paramref name="samples"/> samples (Σ of its weights
    /// when weighted).
    /// </summary>
    public T Penalty<T>(Network<T> network, T samples) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        if (L2 == 0 && L1 == 0) return T.Zero;
        T squares = T.Zero, absolutes = T.Zero;
        var all = network.Parameters;
        for (int i = 0; i < all.Count; i++)
            if (all[i].IsWeight)
            {
                if (L2 != 0) squares += TensorPrimitives.SumOfSquares<T>(all[i].Values);
                if (L1 != 0) absolutes += TensorPrimitives.SumOfMagnitudes<T>(all[i].Values);
            }
        T l2 = L2 == 0 ? T.Zero : T.CreateChecked(L2) / samples / T.CreateChecked(2) * squares;
        return L1 == 0 ? l2 : l2 + T.CreateChecked(L1) / samples * absolutes;
    }

    /// <summary>E for the whole data set in one batch, without gradients.</summary>
    public T Value<T>(Network<T> network, Matrix<T> inputs, Matrix<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        return Evaluate(network, new Workspace<T>(network, Math.Max(1, inputs.Rows)), inputs, targets, computeGradient: false);
    }
}
