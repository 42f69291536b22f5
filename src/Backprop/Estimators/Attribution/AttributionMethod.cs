namespace Backprop.Estimators.Attribution;

/// <summary>How a column's contribution to an output is measured (every one from the network's backward pass).</summary>
public enum AttributionMethod
{
    /// <summary>
    /// ∂y/∂x: how fast the output moves with the column's raw value, at the row (a one-hot column: along its row's own
    /// category input; a missing indicator has no derivative and adds nothing).
    /// </summary>
    Gradient,

    /// <summary>(x − x₀) · ∂y/∂x at the row, x₀ the baseline: the first-order share of y(x) − y(x₀).</summary>
    GradientTimesInput,

    /// <summary>
    /// (x − x₀) · the mean of ∂y/∂x along the straight line from the baseline to the row (Sundararajan, Taly and Yan, 2017):
    /// the columns' shares add up to y(x) − y(x₀), up to the error of the numerical integral.
    /// </summary>
    IntegratedGradients,
}
