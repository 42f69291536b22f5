using System.Globalization;

namespace Backprop.Playground;

/// <summary>
/// A learner's CSV as playground points: a header, then rows; two numeric columns for x and y and one for the label
/// (named, or else the first two columns and the last). A label of exactly two values is a class (the second in sorted
/// order is 1), any other numeric label a number to fit. Coordinates are scaled into the playground's square.
/// </summary>
internal static class UploadedCsv
{
    public const int MaxRows = 5000;

    public static (double X, double Y, double Label)[]? Parse(string text, string file, string? x, string? y, string? label, out string? error)
    {
        error = null;
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (lines.Count < 3) { error = $"{file}: a header and at least two rows are needed"; return null; }
        char separator = lines[0].Count(c => c == ';') > lines[0].Count(c => c == ',') ? ';' : ',';
        var header = lines[0].Split(separator).Select(h => h.Trim().Trim('"')).ToList();
        if (header.Count < 3) { error = $"{file}: the header has {header.Count} columns; give two features and a label"; return null; }
        if (lines.Count - 1 > MaxRows) { error = $"{file}: {lines.Count - 1} rows is more than the {MaxRows} the playground shows"; return null; }
        int Column(string? name, int fallback) => string.IsNullOrEmpty(name) ? fallback : header.IndexOf(name);
        int cx = Column(x, 0), cy = Column(y, 1), cl = Column(label, header.Count - 1);
        foreach (var (name, index) in new[] { (x, cx), (y, cy), (label, cl) })
            if (index < 0) { error = $"{file}: there is no column '{name}' (the columns are: {string.Join(", ", header)})"; return null; }
        var raw = new List<(double, double, string)>();
        for (int n = 1; n < lines.Count; n++)
        {
            var fields = lines[n].Split(separator).Select(f => f.Trim().Trim('"')).ToArray();
            if (fields.Length != header.Count) { error = $"{file}:{n + 1}: this row has {fields.Length} fields but the header has {header.Count}";
                return null; }
            if (!Number(fields[cx], out double vx) || !Number(fields[cy], out double vy))
            {
                error = $"{file}:{n + 1}: '{(Number(fields[cx], out _) ? fields[cy] : fields[cx])}' is not a number (x and y must be numeric)";
                return null;
            }
            raw.Add((vx, vy, fields[cl]));
        }
        var classes = raw.Select(r => r.Item3).Distinct().Order(StringComparer.Ordinal).ToList();
        Func<string, double> labelOf;
        if (classes.Count == 2) labelOf = v => v == classes[1] ? 1 : 0;
        else if (raw.All(r => Number(r.Item3, out _))) labelOf = v => double.Parse(v, CultureInfo.InvariantCulture);
        else { error = $"{file}: the label column '{header[cl]}' has {classes.Count} values; give two classes or numbers"; return null; }
        double Scale(IEnumerable<double> values) { double m = values.Max(Math.Abs); return m > 0 ? 5 / m : 1; }
        double sx = Scale(raw.Select(r => r.Item1)), sy = Scale(raw.Select(r => r.Item2));
        return raw.Select(r => (r.Item1 * sx, r.Item2 * sy, labelOf(r.Item3))).ToArray();
    }

    private static bool Number(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
