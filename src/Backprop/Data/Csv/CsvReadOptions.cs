using Backprop.Diagnostics;

namespace Backprop.Data.Csv;

/// <summary>How to read a CSV file.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The default limit of <see cref="MaxCategories"/>.</summary>
    public const int DefaultMaxCategories = 1000;

    /// <summary>The field separator; null to choose from the header line the one of ',', ';' and tab that occurs most.</summary>
    public char? Delimiter { get; init; }

    /// <summary>
    /// The decimal separator of numbers: '.' (the default) or ','. With ',' in a file whose fields are separated by ','
    /// too, a number is quoted (<c>"-0,6518"</c>), as spreadsheets write it: a comma outside quotes separates fields.
    /// </summary>
    public char DecimalSeparator { get; init; } = '.';

    /// <summary>
    /// The most distinct values a column may hold and still become categories (one network input each); a text column
    /// with more is refused when it is used. Numeric columns are not limited.
    /// </summary>
    public int MaxCategories { get; init; } = DefaultMaxCategories;

    /// <summary>Columns whose distinct values are kept whatever their number (the categorical columns of a trained model).</summary>
    public IReadOnlyCollection<string> CategoricalColumns { get; init; } = [];

    /// <summary>Throws a <see cref="BackpropException"/> naming the setting (<see cref="Setting"/>) when it is out of range.</summary>
    public void Validate()
    {
        if (Delimiter is char d && (d is '"' or '\n' or '\r' or ' ' || d > 127))
            throw new BackpropException($"{Setting.Delimiter} must be one ASCII character other than a quote, a space or a line break, not '{d}'");
        if (DecimalSeparator is not ('.' or ','))
            throw new BackpropException($"{Setting.DecimalSeparator} must be . or , not '{DecimalSeparator}'");
        if (MaxCategories < 2) throw new BackpropException($"{Setting.MaxCategories} must be at least 2, not {MaxCategories}");
    }
}
