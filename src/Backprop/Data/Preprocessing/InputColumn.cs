using System.Globalization;
using Backprop.Diagnostics;

namespace Backprop.Data.Preprocessing;

/// <summary>How one column of a table becomes one or more network inputs.</summary>
public abstract record InputColumn(string Name)
{
    /// <summary>How many inputs the column becomes.</summary>
    public abstract int Width { get; }

    /// <summary>The names of those inputs.</summary>
    public abstract IEnumerable<string> FeatureNames { get; }

    /// <summary>Writes the inputs for one field; <paramref name="where"/> names the place for error messages.</summary>
    public abstract void Encode(string text, Span<double> destination, string file, string where);
}

/// <summary>A numeric column, used as it is or standardised: (x − <see cref="Mean"/>) / <see cref="Scale"/>.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Mean">The training rows' mean, 0 when not standardised.</param>
/// <param name="Scale">The training rows' standard deviation (population, as scikit-learn's StandardScaler; 1 when it is 0), 1 when not
/// standardised.</param>
/// <param name="Fill">The value that stands for a missing one (the training rows' mean, with <see cref="MissingValues.Mean"/>); null when a missing
/// value is an error.</param>
public sealed record NumericColumn(string Name, double Mean = 0, double Scale = 1, double? Fill = null) : InputColumn(Name)
{
    /// <summary>True when the column is standardised.</summary>
    public bool Standardized => Mean != 0 || Scale != 1;

    /// <summary>Robust scaling: <see cref="Mean"/> is the median, <see cref="Scale"/> the interquartile range, and the standardised value u is
    /// clipped smoothly to u / √(1 + (u/3)²) (<see cref="PreprocessingOptions.Robust"/>).</summary>
    public bool Clip { get; init; }

    /// <inheritdoc />
    public override int Width => 1;

    /// <inheritdoc />
    public override IEnumerable<string> FeatureNames => [Name];

    /// <inheritdoc />
    public override void Encode(string text, Span<double> destination, string file, string where)
    {
        destination[0] = (ParseNumber(text, Name, file, where) - Mean) / Scale;
        if (Clip) destination[0] = RobustScaling.Clip(destination[0]);
    }

    /// <summary>Parses a finite number or throws a <see cref="DataFormatException"/> naming the place.</summary>
    public static double ParseNumber(string text, string column, string file, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(where);
        if (text.Length == 0)
            throw new DataFormatException($"column '{column}' has no value (missing values are not supported: fill or drop the row)", file, where);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new DataFormatException($"'{Shown.Value(text)}' in column '{column}' is not a number", file, where);
        if (!double.IsFinite(value)) throw new DataFormatException($"{Shown.Value(text)} in column '{column}' is not a finite number", file, where);
        return value;
    }
}

/// <summary>A categorical column, one-hot encoded: one input per category, 1 for the row's category and 0 for the others.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Categories">The categories, in the order of the inputs.</param>
public sealed record CategoricalColumn(string Name, IReadOnlyList<string> Categories) : InputColumn(Name)
{
    /// <inheritdoc />
    public override int Width => Categories.Count;

    /// <inheritdoc />
    public override IEnumerable<string> FeatureNames => Categories.Select(c => $"{Name}={c}");

    /// <inheritdoc />
    public override void Encode(string text, Span<double> destination, string file, string where)
    {
        int index = IndexOf(Categories, text);
        if (index < 0)
        {
            string known = Shown.Value(string.Join(", ", Categories));
            throw new DataFormatException($"'{Shown.Value(text)}' in column '{Name}' is a category the model was not trained with (known: {known})",
                file, where);
        }
        destination[..Width].Clear();
        destination[index] = 1;
    }

    internal static int IndexOf(IReadOnlyList<string> values, string text)
    {
        for (int i = 0; i < values.Count; i++) if (values[i] == text) return i;
        // Numeric codes match by value, so "1" and "1.0" are the same category.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            for (int i = 0; i < values.Count; i++)
                if (double.TryParse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double w) && v == w) return i;
        return -1;
    }
}
