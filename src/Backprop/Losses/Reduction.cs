namespace Backprop.Losses;

/// <summary>How the per-sample losses of a batch are combined.</summary>
public enum Reduction
{
    /// <summary>E = Σ over samples (seeds 000 and 001: Mazur's total error, the blog's full-batch sum).</summary>
    Sum,

    /// <summary>E = (1/m) Σ over samples (seeds 003 and 004; the default of scikit-learn and Keras).</summary>
    Mean,
}
