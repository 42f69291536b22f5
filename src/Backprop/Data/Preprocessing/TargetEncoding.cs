using Backprop.Diagnostics;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// How the target columns become network outputs: numeric columns as they are (regression), or one column of
/// class labels (classification) as one output for two classes (1 for the second class) or one-hot outputs for more.
/// </summary>
/// <param name="Columns">The target column names.</param>
/// <param name="Classes">The class labels in output order, or null for numeric targets.</param>
public sealed record TargetEncoding(IReadOnlyList<string> Columns, IReadOnlyList<string>? Classes = null)
{
    /// <summary>
    /// The training rows' mean of each numeric target (weighted when rows are weighted), when the target was standardised
    /// for training (scikit-learn's <c>TransformedTargetRegressor</c> with a <c>StandardScaler</c>): the network learns
    /// (y − <see cref="Mean"/>) / <see cref="Scale"/> and its outputs are turned back into y. Null: not standardised.
    /// </summary>
    public IReadOnlyList<double>? Mean { get; init; }

    /// <summary>The training rows' standard deviation of each numeric target (population; 1 where it is 0), with <see cref="Mean"/>.</summary>
    public IReadOnlyList<double>? Scale { get; init; }

    /// <summary>True for a classification target.</summary>
    public bool IsClassification => Classes is not null;

    /// <summary>Network outputs: one per numeric column, 1 for two classes, one per class for more.</summary>
    public int Width => Classes switch { null => Columns.Count, { Count: 2 } => 1, var c => c.Count };

    /// <summary>The names of the outputs (the positive class alone for two classes).</summary>
    public IReadOnlyList<string> OutputNames => Classes switch { null => Columns, { Count: 2 } c => [c[1]], var c => c };

    /// <summary>Writes the outputs for one row's target fields.</summary>
    public void Encode(IReadOnlyList<string> fields, Span<double> destination, string file, Func<int, string> where)
    {
        if (Classes is null)
        {
            for (int k = 0; k < Columns.Count; k++) destination[k] = NumericColumn.ParseNumber(fields[k], Columns[k], file, where(k));
            return;
        }
        int index = CategoricalColumn.IndexOf(Classes, fields[0]);
        if (index < 0)
            throw new DataFormatException($"'{fields[0]}' in column '{Columns[0]}' is a class the model was not trained with (known: " +
                $"{string.Join(", ", Classes)})", file, where(0));
        if (Classes.Count == 2) { destination[0] = index; return; }
        destination[..Classes.Count].Clear();
        destination[index] = 1;
    }

    /// <summary>The class of a row of outputs: the largest output, or for one output the second class when it is at least 0.5.</summary>
    public int ClassOf(ReadOnlySpan<double> outputs)
    {
        if (Classes is { Count: 2 }) return outputs[0] >= 0.5 ? 1 : 0;
        int best = 0;
        for (int i = 1; i < outputs.Length; i++) if (outputs[i] > outputs[best]) best = i;
        return best;
    }

    /// <summary>The probability of every class from a row of outputs (for two classes, 1 − y and y).</summary>
    public double[] Probabilities(ReadOnlySpan<double> outputs) => Classes is { Count: 2 } ? [1 - outputs[0], outputs[0]] : outputs.ToArray();
}
