using Backprop.Data;

namespace Backprop.Parquet;

/// <summary>Parquet as a table format of <see cref="TableFormats"/>: after <see cref="Register"/>, <c>TableFormats.Read</c> reads <c>.parquet</c>
/// files.</summary>
public static class ParquetFormat
{
    private static int _registered;

    /// <summary>Registers <see cref="ParquetTableReader"/> for <c>.parquet</c> files; a second call does nothing.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
            TableFormats.Register(".parquet", (path, csv) => ParquetTableReader.Open(path, csv), (path, csv) => ParquetTableReader.Read(path, csv));
    }
}
