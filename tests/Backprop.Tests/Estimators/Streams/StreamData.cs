using Backprop.Serialization;

namespace Backprop.Tests.Estimators.Streams;

/// <summary>
/// Small tables made by formulas (no file): four features, three classes a, b, c by the sign pattern of two sums, and a
/// numeric target that is a fixed linear mix of the features.
/// </summary>
internal static class StreamData
{
    /// <summary>Row <paramref name="i"/>'s four features.</summary>
    public static double[] Row(int i) =>
        [Math.Sin(i * 0.37), Math.Cos(i * 0.91), (i * 7 % 13) / 13.0, (i * 5 % 11) / 11.0 - 0.5];

    /// <summary>Rows <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/> − 1 as a matrix.</summary>
    public static double[,] X(int from, int count)
    {
        var x = new double[count, 4];
        for (int r = 0; r < count; r++)
        {
            var row = Row(from + r);
            for (int c = 0; c < 4; c++) x[r, c] = row[c];
        }
        return x;
    }

    /// <summary>The class of row <paramref name="i"/>.</summary>
    public static string Label(int i)
    {
        var x = Row(i);
        return x[0] + x[1] > 0.3 ? "a" : x[2] - x[3] > 0.4 ? "b" : "c";
    }

    public static string[] Labels(int from, int count) => Enumerable.Range(from, count).Select(Label).ToArray();

    /// <summary>y = 2·x1 − x2 + 0.5·x3 + 3·x4 for rows from <paramref name="from"/>.</summary>
    public static double[] Y(int from, int count) => Enumerable.Range(from, count).Select(i => Row(i) is var x
        ? 2 * x[0] - x[1] + 0.5 * x[2] + 3 * x[3] : 0).ToArray();

    /// <summary>Every weight and bias of a model, layer by layer, as the file holds them.</summary>
    public static double[] Weights(ModelDocument model) =>
        model.Layers.SelectMany(l => l.Weights.SelectMany(r => r).Concat(l.Bias ?? [])).ToArray();
}
