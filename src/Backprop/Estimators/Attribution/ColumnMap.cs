using Backprop.Data.Preprocessing;
using Backprop.Tensors;

namespace Backprop.Estimators.Attribution;

/// <summary>
/// Which network inputs each raw column became, and the way back: a numeric column's value from its input (undoing the
/// standardisation, or the robust scaling and its clip), and dz/dx, the chain rule's factor from the input to the raw value
/// (1/scale, times the clip's slope). A one-hot column's inputs and a missing indicator's input belong to their source
/// column, whose contributions they add to.
/// </summary>
internal sealed class ColumnMap
{
    private readonly Preprocessor _pre;
    private readonly int[] _offsets;

    public ColumnMap(Preprocessor pre)
    {
        _pre = pre;
        Names = pre.Inputs.Select(c => c.Name).Distinct().ToList();
        _offsets = new int[pre.Inputs.Count];
        for (int i = 1; i < _offsets.Length; i++) _offsets[i] = _offsets[i - 1] + pre.Inputs[i - 1].Width;
        var index = Names.Select((n, k) => (n, k)).ToDictionary(p => p.n, p => p.k, StringComparer.Ordinal);
        Source = pre.Inputs.Select(c => index[c.Name]).ToArray();
    }

    /// <summary>The raw columns, in the order the model reads them.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The source column (an index of <see cref="Names"/>) of each input column of the preprocessing.</summary>
    public int[] Source { get; }

    public IReadOnlyList<InputColumn> Inputs => _pre.Inputs;

    public int Offset(int input) => _offsets[input];

    public int Width => _pre.FeatureCount;

    /// <summary>The raw value of a numeric column from its input z.</summary>
    public static double Raw(NumericColumn column, double z) => column.Mean + column.Scale * (column.Clip ? Unclip(z) : z);

    /// <summary>The input z of a numeric column's raw value x.</summary>
    public static double Encode(NumericColumn column, double x)
    {
        double u = (x - column.Mean) / column.Scale;
        return column.Clip ? RobustScaling.Clip(u) : u;
    }

    /// <summary>dz/dx of a numeric column at input z.</summary>
    public static double Slope(NumericColumn column, double z)
    {
        if (!column.Clip) return 1 / column.Scale;
        double u = Unclip(z), s = 1 + u * u / 9;
        return 1 / (column.Scale * s * Math.Sqrt(s));
    }

    /// <summary>The u whose clip is c: c / √(1 − c²/9).</summary>
    private static double Unclip(double c) => c / Math.Sqrt(1 - c * c / 9);

    /// <summary>
    /// The baseline's inputs: the encoding of each numeric column's mean raw value over <paramref name="x"/> (or of 0), and
    /// the mean of the other inputs (a one-hot column's category frequencies, the share of gaps) or 0.
    /// </summary>
    public double[] Baseline(Matrix<double> x, AttributionBaseline baseline)
    {
        var z0 = new double[Width];
        for (int i = 0; i < Inputs.Count; i++)
        {
            int at = _offsets[i];
            if (Inputs[i] is NumericColumn numeric)
            {
                double raw = 0;
                if (baseline == AttributionBaseline.Mean)
                {
                    for (int r = 0; r < x.Rows; r++) raw += Raw(numeric, x[r, at]);
                    raw /= Math.Max(1, x.Rows);
                }
                z0[at] = Encode(numeric, raw);
            }
            else if (baseline == AttributionBaseline.Mean)
                for (int j = at; j < at + Inputs[i].Width; j++)
                {
                    double sum = 0;
                    for (int r = 0; r < x.Rows; r++) sum += x[r, j];
                    z0[j] = sum / Math.Max(1, x.Rows);
                }
        }
        return z0;
    }

    /// <summary>A raw column's value as shown: the number, the category, or (none) for a row of no known category.</summary>
    public string Shown(ReadOnlySpan<double> z, int column)
    {
        string? shown = null;
        for (int i = 0; i < Inputs.Count; i++)
        {
            if (Source[i] != column) continue;
            int at = _offsets[i];
            switch (Inputs[i])
            {
                case NumericColumn numeric:
                    shown ??= Raw(numeric, z[at]).ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case CategoricalColumn categorical:
                    var names = categorical.FeatureNames.Select(n => n[(categorical.Name.Length + 1)..]).ToList();
                    int active = -1;
                    bool mixed = false;
                    for (int j = 0; j < categorical.Width; j++)
                    {
                        if (z[at + j] == 1) active = j;
                        mixed |= z[at + j] != 0;
                    }
                    shown = active >= 0 ? names[active] : mixed ? "(frequencies)" : "(none)";
                    break;
                default:
                    if (z[at] == 1) shown = CategoricalColumn.MissingName;
                    break;
            }
        }
        return shown ?? "";
    }
}
