using System.Globalization;
using System.Numerics;
using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>Samples as two matrices, features and targets, with the names of their columns.</summary>
public sealed class Dataset
{
    /// <summary>A data set of the given matrices (same number of rows) and column names.</summary>
    public Dataset(Matrix<double> features, Matrix<double> targets, IReadOnlyList<string> featureNames, IReadOnlyList<string> targetNames, string? source = null)
    {
        if (features.Rows != targets.Rows) throw new ArgumentException("Features and targets differ in rows.", nameof(targets));
        if (featureNames.Count != features.Columns || targetNames.Count != targets.Columns)
            throw new ArgumentException("There must be one name per column.", nameof(featureNames));
        Features = features;
        Targets = targets;
        FeatureNames = featureNames;
        TargetNames = targetNames;
        Source = source;
    }

    /// <summary>Inputs, samples × features.</summary>
    public Matrix<double> Features { get; }

    /// <summary>Targets, samples × outputs (no columns when the data has no targets).</summary>
    public Matrix<double> Targets { get; }

    /// <summary>Feature column names.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Target column names.</summary>
    public IReadOnlyList<string> TargetNames { get; }

    /// <summary>The file the data came from, if any.</summary>
    public string? Source { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Features.Rows;

    /// <summary>The features in precision <typeparamref name="T"/>.</summary>
    public Matrix<T> FeaturesAs<T>() where T : unmanaged, IFloatingPointIeee754<T> => Features.Convert<T>();

    /// <summary>The targets in precision <typeparamref name="T"/>.</summary>
    public Matrix<T> TargetsAs<T>() where T : unmanaged, IFloatingPointIeee754<T> => Targets.Convert<T>();

    /// <summary>
    /// Reads a CSV of numeric columns under a header row. <paramref name="targets"/> are taken as targets;
    /// <paramref name="features"/> (by default every other column) as features, in that order.
    /// </summary>
    /// <exception cref="DataFormatException">The file is unreadable, a column is missing, or a value is not a finite number (named by line and column).</exception>
    public static Dataset FromCsv(string path, IReadOnlyList<string> targets, IReadOnlyList<string>? features = null)
    {
        var table = CsvTable.Read(path);
        var targetIndices = targets.Select(table.ColumnIndex).ToArray();
        if (targetIndices.Distinct().Count() != targetIndices.Length)
            throw new DataFormatException("a target column is named twice", path);
        var featureIndices = features is not null
            ? features.Select(table.ColumnIndex).ToArray()
            : Enumerable.Range(0, table.Header.Count).Where(c => !targetIndices.Contains(c)).ToArray();
        foreach (int c in featureIndices)
            if (targetIndices.Contains(c)) throw new DataFormatException($"column '{table.Header[c]}' cannot be both a feature and a target", path);
        if (featureIndices.Length == 0) throw new DataFormatException("there are no feature columns left once the targets are taken", path);
        return new Dataset(
            Numeric(table, featureIndices), Numeric(table, targetIndices),
            featureIndices.Select(c => table.Header[c]).ToList(), targetIndices.Select(c => table.Header[c]).ToList(), path);
    }

    private static Matrix<double> Numeric(CsvTable table, int[] columns)
    {
        var m = new Matrix<double>(table.Rows.Count, columns.Length);
        for (int r = 0; r < table.Rows.Count; r++)
        {
            for (int k = 0; k < columns.Length; k++)
            {
                int c = columns[k];
                string text = table.Rows[r][c];
                string where = $"{table.Lines[r]}:{c + 1}";
                if (text.Length == 0)
                    throw new DataFormatException($"column '{table.Header[c]}' has no value", table.Path, where);
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                    throw new DataFormatException($"'{text}' in column '{table.Header[c]}' is not a number", table.Path, where);
                if (!double.IsFinite(value))
                    throw new DataFormatException($"{text} in column '{table.Header[c]}' is not a finite number", table.Path, where);
                m[r, k] = value;
            }
        }
        return m;
    }
}
