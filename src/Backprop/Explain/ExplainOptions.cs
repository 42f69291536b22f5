using Backprop.Training;

namespace Backprop.Explain;

/// <summary>What to explain and how.</summary>
public sealed record ExplainOptions
{
    /// <summary>Loss, reduction and L2 penalty of the step.</summary>
    public required Objective Objective { get; init; }

    /// <summary>η.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Train this many full-batch steps and explain the last one.</summary>
    public int Steps { get; init; } = 1;

    /// <summary>The optimiser of every step: gd, momentum, nesterov, rmsprop, adam or adamw (the update shows its state: velocities, moments
    /// and bias corrections, and adamw's weight decay).</summary>
    public string Optimizer { get; init; } = "gd";

    /// <summary>μ of momentum and nesterov.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>β₁ of adam, the decay of the mean gradient.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>β₂ of adam, the decay of the mean squared gradient.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>ρ of rmsprop, the decay of the mean squared gradient.</summary>
    public double Rho { get; init; } = 0.9;

    /// <summary>ε of rmsprop and adam, added to the root of the mean square.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>λ of adamw's decoupled weight decay: each weight (not bias) also shrinks by η·λ·w each step.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Samples per step, taken in order (batch k of step k, round the data again after the last); null for the whole data.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Explain only this layer (1 for the first hidden layer); null for all.</summary>
    public int? Layer { get; init; }

    /// <summary>Explain the step on this one sample of the batch (1 for the first row); null for the whole batch.</summary>
    public int? Sample { get; init; }

    /// <summary>The title line.</summary>
    public string Title { get; init; } = "One step of backpropagation";

    /// <summary>Figures a document printed, by quantity key (<c>E_total</c>, <c>out_h1</c>, <c>w5+</c>, …), shown beside the correct
    /// values.</summary>
    public IReadOnlyDictionary<string, DocumentNote>? Document { get; init; }

    /// <summary>Mistakes of the document's text and code, shown beside the equation each names (or after the step).</summary>
    internal IReadOnlyList<Erratum> Errata { get; init; } = [];

    /// <summary>Names of the network's inputs (a table's feature columns), shown beside the input units in drawings.</summary>
    public IReadOnlyList<string>? InputNames { get; init; }

    /// <summary>What the targets are, when they are not the data's values as they stand (a model that trained on standardised
    /// targets), shown after the error.</summary>
    public string? TargetRemark { get; init; }

    /// <summary>The most weights shown at once.</summary>
    public int MaxWeights { get; init; } = 100;

    /// <summary>The most samples in the explained batch.</summary>
    public int MaxSamples { get; init; } = 8;
}
