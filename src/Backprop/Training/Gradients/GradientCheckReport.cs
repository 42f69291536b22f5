namespace Backprop.Training.Gradients;

/// <summary>The outcome of a gradient check: one entry per parameter block, the worst per layer, and pass or fail.</summary>
public sealed record GradientCheckReport(IReadOnlyList<ParameterCheck> Parameters, double Epsilon, double Tolerance)
{
    /// <summary>The largest relative difference over every block.</summary>
    public double MaxRelativeDifference => Parameters.Count == 0 ? 0 : Parameters.Max(p => p.RelativeDifference);

    /// <summary>The largest relative difference of each layer (weights and bias together), first layer first.</summary>
    public IReadOnlyList<double> PerLayer => Parameters.GroupBy(p => p.Layer).OrderBy(g => g.Key)
        .Select(g => g.Max(p => p.RelativeDifference)).ToList();

    /// <summary>True when every block agrees within <see cref="Tolerance"/>.</summary>
    public bool Passed => MaxRelativeDifference <= Tolerance;
}
