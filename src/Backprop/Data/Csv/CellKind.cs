namespace Backprop.Data.Csv;

/// <summary>What a field of a table holds.</summary>
internal enum CellKind : byte
{
    /// <summary>A finite number.</summary>
    Number,

    /// <summary>A number that is not finite: NaN, an infinity, or beyond the range of a double (1e999).</summary>
    NonFinite,

    /// <summary>Text that is not a number.</summary>
    Text,

    /// <summary>A missing value: an empty field, NA, N/A, NULL, #N/A or ?.</summary>
    Missing,
}
