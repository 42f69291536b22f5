using System.Globalization;

namespace Backprop.Interop.Tests;

/// <summary>Compares ONNX Runtime's outputs with what <c>backprop predict</c> printed, row by row.</summary>
internal static class Agreement
{
    /// <summary>
    /// Asserts that every row's label is the one predict printed and every number is within <paramref name="tolerance"/>
    /// of predict's; returns the largest difference seen.
    /// </summary>
    public static double AssertSame(RawTable predicted, OrtOutputs onnx, double tolerance, bool classifier)
    {
        Assert.Equal(predicted.Rows.Count, onnx.Numbers.Length);
        int first = classifier ? 1 : 0;
        Assert.Equal(predicted.Header.Length - first, onnx.Numbers[0].Length);
        double largest = 0;
        for (int r = 0; r < predicted.Rows.Count; r++)
        {
            if (classifier) Assert.True(predicted.Rows[r][0] == onnx.Labels![r],
                $"row {r + 1}: predict says {predicted.Rows[r][0]}, ONNX {onnx.Labels![r]}");
            for (int k = first; k < predicted.Header.Length; k++)
            {
                double expected = double.Parse(predicted.Rows[r][k], CultureInfo.InvariantCulture);
                double difference = Math.Abs(expected - onnx.Numbers[r][k - first]);
                largest = Math.Max(largest, difference);
                Assert.True(difference <= tolerance,
                    $"row {r + 1}, {predicted.Header[k]}: predict {expected:R}, ONNX {onnx.Numbers[r][k - first]:R}");
            }
        }
        return largest;
    }
}
