namespace Backprop.Data.Idx;

/// <summary>An array read from an IDX file: its dimensions, how the file stored it, and its values in file (row-major) order.</summary>
/// <param name="Dimensions">The sizes, outermost first (images × rows × columns for MNIST images).</param>
/// <param name="Values">Every value as a double, as stored (unsigned bytes stay 0–255).</param>
/// <param name="Type">How the file stored the values.</param>
internal sealed record IdxArray(int[] Dimensions, double[] Values, IdxType Type);
