using System.Globalization;
using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Estimators;

/// <summary>Predictions in memory: one row, or rows of a table, as the network's outputs and as classes.</summary>
public sealed partial class Model
{
    /// <summary>The network's outputs for one row of raw values given in the order of <see cref="FeatureNames"/>.</summary>
    /// <exception cref="ArgumentException">The row has another number of values than the model reads.</exception>
    public double[] PredictOutputs(IReadOnlyList<double> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var pre = Encoder(null);
        var columns = pre.Inputs.Select(c => c.Name).Distinct().ToList(); // a missing indicator reads its column a second time
        if (row.Count != columns.Count)
            throw new ArgumentException($"The row has {row.Count} values; the model reads {columns.Count} columns ({Names(pre)}).", nameof(row));
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        for (int i = 0; i < row.Count; i++) values[columns[i]] = row[i];
        return PredictOutputs(values);
    }

    /// <summary>The network's outputs for one row given as column name → value (numbers, or text for a text column).</summary>
    /// <exception cref="ArgumentException">A column the model reads has no value.</exception>
    /// <exception cref="DataFormatException">A value is not a number, or not a category the model knows.</exception>
    public double[] PredictOutputs(IReadOnlyDictionary<string, object> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var pre = Encoder(null);
        var x = new Matrix<double>(1, pre.FeatureCount);
        int offset = 0;
        foreach (var column in pre.Inputs)
        {
            if (!row.TryGetValue(column.Name, out var value))
                throw new ArgumentException($"The row has no value for column '{column.Name}'.", nameof(row));
            // NaN (or null) is a gap, as in a table.
            string text = value is double.NaN or float.NaN ? "" : value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture)
                : value?.ToString() ?? "";
            column.Encode(text, x.Row(0)[offset..], "the row", column.Name);
            offset += column.Width;
        }
        return [.. Run(x).Row(0)];
    }

    /// <summary>The network's outputs for <paramref name="rows"/> of <paramref name="table"/> (every row when null): a row per table row.</summary>
    /// <exception cref="DataFormatException">The table lacks a column the model reads, or holds a value it cannot encode.</exception>
    public Matrix<double> PredictOutputs(CsvTable table, IReadOnlyList<int>? rows = null)
    {
        Data.Rows.RowArguments.Check(table, rows);
        var pre = Encoder(table);
        return IsFloat ? ToDouble(Run(pre.EncodeFeatures<float>(table, rows))) : Run(pre.EncodeFeatures<double>(table, rows));
    }

    /// <summary>The most probable class of one row (as <see cref="PredictOutputs(IReadOnlyDictionary{string, object})"/> takes it).</summary>
    /// <exception cref="InvalidOperationException">The model predicts numbers, not classes.</exception>
    public string PredictClass(IReadOnlyDictionary<string, object> row) => ClassOf(PredictOutputs(row));

    /// <summary>The most probable class of one row of raw values in the order of <see cref="FeatureNames"/>.</summary>
    public string PredictClass(IReadOnlyList<double> row) => ClassOf(PredictOutputs(row));

    /// <summary>The most probable class of each of <paramref name="rows"/> of <paramref name="table"/> (every row when null).</summary>
    public string[] PredictClasses(CsvTable table, IReadOnlyList<int>? rows = null)
    {
        var outputs = PredictOutputs(table, rows);
        return Enumerable.Range(0, outputs.Rows).Select(r => ClassOf(outputs.Row(r))).ToArray();
    }

    /// <summary>The probability of each class (<see cref="Classes"/>' order) given the network's <paramref name="outputs"/> for a row.</summary>
    public double[] Probabilities(ReadOnlySpan<double> outputs) => ClassTarget().Probabilities(outputs);

    /// <summary>The class that the network's <paramref name="outputs"/> for a row pick.</summary>
    public string ClassOf(ReadOnlySpan<double> outputs)
    {
        var target = ClassTarget();
        return target.Classes![target.ClassOf(outputs)];
    }

    private TargetEncoding ClassTarget() => Preprocessing?.Target is { IsClassification: true } target ? target
        : throw new InvalidOperationException("The model predicts numbers, not classes.");

    /// <summary>
    /// How raw columns become inputs: the model's preprocessing, or, for a model without one, its named columns taken as
    /// numbers (every column of <paramref name="table"/> in order when it names none).
    /// </summary>
    private Preprocessor Encoder(CsvTable? table)
    {
        if (Preprocessing is { } pre) return pre;
        var names = Document.Features ?? table?.Header ?? Enumerable.Range(1, Document.Inputs).Select(k => $"x{k}").ToArray();
        if (names.Count != Document.Inputs)
            throw new DataFormatException(
                $"the model takes {Document.Inputs} inputs but the table has {names.Count} columns ({string.Join(", ", names)})", table?.Path);
        return Preprocessor.Numeric(names, []);
    }

    private static string Names(Preprocessor pre) => string.Join(", ", pre.Inputs.Select(c => c.Name).Distinct());
}
