using System.Runtime.CompilerServices;
using System.Numerics;
using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>
/// Samples as two matrices, features and targets, with the names of their columns. The matrices are kept in the
/// precision they were made in (double or float), so that float training holds one float copy of its data, not a
/// double one beside it; <see cref="FeaturesAs{T}"/> in that precision returns them without copying.
/// </summary>
public sealed class Dataset
{
    private readonly object _features, _targets;
    private readonly int _rows;

    /// <summary>A data set of the given matrices (same number of rows) and column names.</summary>
    public Dataset(Matrix<double> features, Matrix<double> targets, IReadOnlyList<string> featureNames, IReadOnlyList<string> targetNames,
        string? source = null)
        : this(Checked(features), Checked(targets), features.Rows, features.Columns, targets.Rows, targets.Columns, featureNames, targetNames,
            source) { }

    /// <summary>The matrix, refused when null (before the constructor reads its shape).</summary>
    private static Matrix<double> Checked(Matrix<double> matrix, [CallerArgumentExpression(nameof(matrix))] string? name = null) =>
        matrix ?? throw new ArgumentNullException(name);

    private Dataset(object features, object targets, int rows, int columns, int targetRows, int targetColumns,
        IReadOnlyList<string> featureNames, IReadOnlyList<string> targetNames, string? source)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(targetNames);
        if (rows != targetRows) throw new ArgumentException("Features and targets differ in rows.", nameof(targets));
        if (featureNames.Count != columns || targetNames.Count != targetColumns)
            throw new ArgumentException("There must be one name per column.", nameof(featureNames));
        _features = features;
        _targets = targets;
        _rows = rows;
        FeatureNames = featureNames;
        TargetNames = targetNames;
        Source = source;
    }

    /// <summary>A data set that keeps <paramref name="features"/> and <paramref name="targets"/> in their precision
    /// <typeparamref name="T"/>.</summary>
    public static Dataset Of<T>(Matrix<T> features, Matrix<T> targets, IReadOnlyList<string> featureNames, IReadOnlyList<string> targetNames,
        string? source = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(targetNames);
        return new(features, targets, features.Rows, features.Columns, targets.Rows, targets.Columns, featureNames, targetNames, source);
    }

    /// <summary>Inputs, samples × features, in double (a converted copy when the data set is kept in float).</summary>
    public Matrix<double> Features => FeaturesAs<double>();

    /// <summary>Targets, samples × outputs (no columns when the data has no targets), in double.</summary>
    public Matrix<double> Targets => TargetsAs<double>();

    /// <summary>Feature column names.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Target column names.</summary>
    public IReadOnlyList<string> TargetNames { get; }

    /// <summary>The file the data came from, if any.</summary>
    public string? Source { get; }

    /// <summary>Number of samples.</summary>
    public int Count => _rows;

    /// <summary>The features in precision <typeparamref name="T"/>: the stored matrix itself when it is kept in that precision, else a converted
    /// copy.</summary>
    public Matrix<T> FeaturesAs<T>() where T : unmanaged, IFloatingPointIeee754<T> => As<T>(_features);

    /// <summary>The targets in precision <typeparamref name="T"/>: the stored matrix itself when it is kept in that precision, else a converted
    /// copy.</summary>
    public Matrix<T> TargetsAs<T>() where T : unmanaged, IFloatingPointIeee754<T> => As<T>(_targets);

    private static Matrix<T> As<T>(object stored) where T : unmanaged, IFloatingPointIeee754<T> => stored switch
    {
        Matrix<T> same => same,
        Matrix<double> d => d.Convert<T>(),
        Matrix<float> f => f.Convert<T>(),
        _ => throw new InvalidOperationException("A data set holds double or float matrices."),
    };

    /// <summary>
    /// Reads a CSV of numeric columns under a header row. <paramref name="targets"/> are taken as targets;
    /// <paramref name="features"/> (by default every other column) as features, in that order.
    /// </summary>
    /// <exception cref="DataFormatException">The file is unreadable, a column is missing, or a value is not a finite number (named by line and
    /// column).</exception>
    public static Dataset FromCsv(
        string path, IReadOnlyList<string> targets, IReadOnlyList<string>? features = null, Csv.CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(targets);
        return FromTable(CsvTable.Read(path, options), targets, features);
    }

    /// <summary>The numeric columns of <paramref name="table"/>: <paramref name="targets"/> as targets, <paramref name="features"/> (by default every
    /// other column) as features.</summary>
    public static Dataset FromTable(CsvTable table, IReadOnlyList<string> targets, IReadOnlyList<string>? features = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(targets);
        string path = table.Path;
        var targetIndices = targets.Select(table.ColumnIndex).ToArray();
        if (targetIndices.Distinct().Count() != targetIndices.Length)
            throw new DataFormatException("a target column is named twice", path);
        var featureIndices = features is not null
            ? features.Select(table.ColumnIndex).ToArray()
            : Enumerable.Range(0, table.Header.Count).Where(c => !targetIndices.Contains(c)).ToArray();
        foreach (int c in featureIndices)
            if (targetIndices.Contains(c)) throw new DataFormatException($"column '{table.Header[c]}' cannot be both a feature and a target", path);
        if (featureIndices.Length == 0) throw new DataFormatException("there are no feature columns left once the targets are taken", path);
        var pre = new Preprocessing.Preprocessor(
            featureIndices.Select(c => (Preprocessing.InputColumn)new Preprocessing.NumericColumn(table.Header[c])).ToList(),
            new Preprocessing.TargetEncoding(targetIndices.Select(c => table.Header[c]).ToList()));
        var x = pre.EncodeFeatures(table);
        var t = targetIndices.Length > 0 ? pre.EncodeTargets(table) : new Matrix<double>(table.RowCount, 0);
        return new Dataset(x, t, featureIndices.Select(c => table.Header[c]).ToList(), targetIndices.Select(c => table.Header[c]).ToList(), path);
    }
}
