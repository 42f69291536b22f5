namespace Backprop.Training.Gradients;

/// <summary>The comparison of one parameter block's analytic gradient with its finite-difference estimate.</summary>
/// <param name="Name">The block, e.g. <c>layers[0].weights</c>.</param>
/// <param name="Layer">0 for the first layer.</param>
/// <param name="IsWeight">True for weights, false for a bias.</param>
/// <param name="RelativeDifference">‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖, 1e-8) over the block's checked values.</param>
/// <param name="MaxAbsoluteDifference">The largest |analytic − numeric| of a single value.</param>
/// <param name="Checked">Values compared.</param>
/// <param name="SkippedAtKinks">Values not compared because even a step of ε/10⁴ moved a ReLU unit across its kink at 0, where no derivative
/// exists.</param>
public sealed record ParameterCheck(string Name, int Layer, bool IsWeight, double RelativeDifference, double MaxAbsoluteDifference, int Checked,
    int SkippedAtKinks);
