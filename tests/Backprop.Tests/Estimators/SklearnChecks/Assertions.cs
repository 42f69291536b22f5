namespace Backprop.Tests.Estimators.SklearnChecks;

/// <summary>numpy's assertions as scikit-learn's checks call them.</summary>
internal static class Assertions
{
    /// <summary><c>assert_allclose(actual, expected, rtol, atol)</c>: |actual − expected| ≤ atol + rtol·|expected|, element by element.</summary>
    public static void AllClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double rtol = 1e-7, double atol = 0)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= atol + rtol * Math.Abs(expected[i]), $"[{i}]: {actual[i]:R} vs {expected[i]:R}");
    }

    /// <summary>A matrix's elements row by row.</summary>
    public static double[] Flat(double[,] m) => m.Cast<double>().ToArray();

    /// <summary>The index of each row's largest value (numpy's <c>argmax(axis=1)</c>: the first on a tie).</summary>
    public static int[] ArgMax(double[,] m) => Enumerable.Range(0, m.GetLength(0)).Select(r =>
    {
        int best = 0;
        for (int c = 1; c < m.GetLength(1); c++) if (m[r, c] > m[r, best]) best = c;
        return best;
    }).ToArray();
}
