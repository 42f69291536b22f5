namespace Backprop.Estimators.Attribution;

/// <summary>How integrated gradients average ∂y/∂x along the path from the baseline (α = 0) to the row (α = 1) in K steps.</summary>
public enum IntegrationRule
{
    /// <summary>The trapezoid rule: K + 1 points α = k/K, the two ends weighed ½.</summary>
    Trapezoid,

    /// <summary>The midpoint Riemann sum: K points α = (k + ½)/K, weighed equally.</summary>
    Midpoint,
}
