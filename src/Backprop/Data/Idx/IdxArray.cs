namespace Backprop.Data.Idx;

/// <summary>An array read from an IDX file: its dimensions and its values, in file (row-major) order.</summary>
/// <param name="Dimensions">The sizes, outermost first (images × rows × columns for MNIST images).</param>
/// <param name="Values">Every value as a double.</param>
public sealed record IdxArray(int[] Dimensions, double[] Values);
