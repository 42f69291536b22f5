using System.Globalization;
using Backprop.Data;

namespace Backprop.Tests.Estimators.SklearnChecks;

/// <summary>
/// The data sets of scikit-learn's checks, written by Data/generate.py with scikit-learn's own generators and seeds
/// (see Data/README.md): features x1…xn and the target column(s) y (or y1…yk) of one CSV file.
/// </summary>
internal sealed class SklearnData
{
    private SklearnData(string path, double[,] x, double[,] y) => (Path, X, Y) = (path, x, y);

    public static string Folder { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "Estimators", "SklearnChecks", "Data");

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The features, a row per sample.</summary>
    public double[,] X { get; }

    /// <summary>The targets, a column per target.</summary>
    public double[,] Y { get; }

    public int Rows => X.GetLength(0);

    /// <summary>The first target as numbers.</summary>
    public double[] Target => Enumerable.Range(0, Rows).Select(r => Y[r, 0]).ToArray();

    /// <summary>The first target as integer class labels.</summary>
    public int[] Labels => Target.Select(v => (int)v).ToArray();

    /// <summary>The file as a table (its columns x1…xn, y).</summary>
    public CsvTable Table() => CsvTable.Read(Path);

    public static SklearnData Load(string name)
    {
        string path = System.IO.Path.Combine(Folder, name);
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int features = header.Count(h => h.StartsWith('x')), targets = header.Length - features;
        var x = new double[lines.Length - 1, features];
        var y = new double[lines.Length - 1, targets];
        for (int r = 1; r < lines.Length; r++)
        {
            var cells = lines[r].Split(',');
            for (int c = 0; c < cells.Length; c++)
            {
                double v = Number(cells[c]);
                if (c < features) x[r - 1, c] = v;
                else y[r - 1, c - features] = v;
            }
        }
        return new SklearnData(path, x, y);
    }

    /// <summary>Rows <paramref name="from"/> to <paramref name="to"/> (exclusive) of <paramref name="m"/>, as numpy's <c>m[from:to]</c>.</summary>
    public static double[,] Slice(double[,] m, int from, int to)
    {
        var s = new double[to - from, m.GetLength(1)];
        for (int r = from; r < to; r++)
            for (int c = 0; c < m.GetLength(1); c++) s[r - from, c] = m[r, c];
        return s;
    }

    /// <summary>Rows <paramref name="rows"/> of <paramref name="m"/>, in that order.</summary>
    public static double[,] Take(double[,] m, IReadOnlyList<int> rows)
    {
        var s = new double[rows.Count, m.GetLength(1)];
        for (int i = 0; i < rows.Count; i++)
            for (int c = 0; c < m.GetLength(1); c++) s[i, c] = m[rows[i], c];
        return s;
    }

    /// <summary>scikit-learn's <c>MinMaxScaler().fit_transform</c>: each column to [0, 1], a constant column's range taken as 1.</summary>
    public static double[,] MinMax(double[,] m)
    {
        var s = new double[m.GetLength(0), m.GetLength(1)];
        for (int c = 0; c < m.GetLength(1); c++)
        {
            double min = double.MaxValue, max = double.MinValue;
            for (int r = 0; r < m.GetLength(0); r++) (min, max) = (Math.Min(min, m[r, c]), Math.Max(max, m[r, c]));
            double range = max - min == 0 ? 1 : max - min;
            for (int r = 0; r < m.GetLength(0); r++) s[r, c] = (m[r, c] - min) / range;
        }
        return s;
    }

    /// <summary>A CSV file in <paramref name="folder"/> of features <paramref name="x"/>, target <paramref name="y"/> and weights
    /// <paramref name="w"/> (columns x1…xn, y, w), read back as a table.</summary>
    public static CsvTable WeightedTable(string folder, string name, double[,] x, IReadOnlyList<double> y, IReadOnlyList<double>? w)
    {
        var lines = new List<string> { string.Join(",", Enumerable.Range(1, x.GetLength(1)).Select(k => $"x{k}")) + ",y" + (w is null ? "" : ",w") };
        for (int r = 0; r < x.GetLength(0); r++)
            lines.Add(string.Join(",", Enumerable.Range(0, x.GetLength(1)).Select(c => Text(x[r, c]))) + "," + Text(y[r])
                + (w is null ? "" : "," + Text(w[r])));
        string path = System.IO.Path.Combine(folder, name);
        File.WriteAllLines(path, lines);
        return CsvTable.Read(path);
    }

    private static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static double Number(string text) => text switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };
}
