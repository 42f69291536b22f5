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
        destination[0] = ((Fill is double fill && Gaps.IsMissing(text) ? fill : ParseNumber(text, Name, file, where)) - Mean) / Scale;
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
    /// <summary>The name of the input a gap sets when <see cref="MissingSlot"/>: <c>column=(missing)</c>.</summary>
    public const string MissingName = "(missing)";

    /// <summary>True to refuse a category the training rows never held; false (the default, and in model files written before the choice) to
    /// encode it as none of the known ones.</summary>
    public bool RefuseUnknown { get; init; }

    /// <summary>True when a gap is read (as <see cref="MissingSlot"/> or <see cref="MostFrequent"/> say, or as no category); false when it is
    /// refused.</summary>
    public bool FillsGaps { get; init; }

    /// <summary>True when gaps have an input of their own, after the categories'.</summary>
    public bool MissingSlot { get; init; }

    /// <summary>The category a gap is read as (the training rows' most frequent), or null.</summary>
    public string? MostFrequent { get; init; }

    /// <inheritdoc />
    public override int Width => Categories.Count + (MissingSlot ? 1 : 0);

    /// <inheritdoc />
    public override IEnumerable<string> FeatureNames =>
        Categories.Select(c => $"{Name}={c}").Concat(MissingSlot ? [$"{Name}={MissingName}"] : []);

    /// <summary>The input a gap sets: the missing slot, the most frequent category's, or −1 for none.</summary>
    public int GapIndex => MissingSlot ? Categories.Count : MostFrequent is string m ? IndexOf(Categories, m) : -1;

    /// <inheritdoc />
    public override void Encode(string text, Span<double> destination, string file, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        destination[..Width].Clear();
        int index = FillsGaps && Gaps.IsMissing(text) ? GapIndex : IndexOf(Categories, text);
        if (index < 0 && !(FillsGaps && Gaps.IsMissing(text)))
        {
            if (!RefuseUnknown) return;
            string known = Shown.Value(string.Join(", ", Categories));
            throw new DataFormatException($"'{Shown.Value(text)}' in column '{Name}' is a category the model was not trained with (known: {known})",
                file, where);
        }
        if (index >= 0) destination[index] = 1;
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

/// <summary>
/// A missing indicator of a numeric column (<c>--missing-indicator</c>, scikit-learn's <c>add_indicator=True</c>): one
/// input, 1 where the column's value is missing and 0 where it is given; it follows the column's own input.
/// </summary>
/// <param name="Name">The numeric column it watches.</param>
internal sealed record MissingIndicatorColumn(string Name) : InputColumn(Name)
{
    /// <inheritdoc />
    public override int Width => 1;

    /// <inheritdoc />
    public override IEnumerable<string> FeatureNames => [$"{Name}={CategoricalColumn.MissingName}"];

    /// <inheritdoc />
    public override void Encode(string text, Span<double> destination, string file, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        destination[0] = Gaps.IsMissing(text) ? 1 : 0;
    }
}
