using Backprop.Data;
using Backprop.Data.Csv;
using Backprop.Data.Preprocessing;

namespace Backprop.Estimators.Preparation;

/// <summary>
/// How <see cref="PreparedData.Load{T}(string, PreparationOptions)"/> reads, splits and encodes a training file: the
/// columns to prepare, the held-out share, the shuffle, the test file, sample weights and where rows too many for
/// memory go.
/// </summary>
internal sealed record PreparationOptions
{
    /// <summary>Which columns are the target and the features, and how they are encoded (ignored for images and MAT-files).</summary>
    public required PreprocessingOptions Preprocessing { get; init; }

    /// <summary>How the table file is read (delimiter, decimal separator, missing values).</summary>
    public CsvReadOptions Csv { get; init; } = new();

    /// <summary>The last share of the rows held out for validation, as Keras's <c>validation_split</c>: at least 0 and below 1.</summary>
    public double ValidationSplit { get; init; }

    /// <summary>Hold rows out as a run that names no split does (<see cref="DefaultSplit"/>) instead of <see cref="ValidationSplit"/>.</summary>
    public bool DefaultSplit { get; init; }

    /// <summary>Shuffle the rows (from <see cref="Seed"/>) before splitting.</summary>
    public bool Shuffle { get; init; }

    /// <summary>The seed of the shuffle.</summary>
    public ulong Seed { get; init; }

    /// <summary>Keep each class's proportion in the held-out rows (each class gives its last share of rows).</summary>
    public bool Stratify { get; init; }

    /// <summary>A file to encode with the training rows' preprocessing as the test rows; null for none.</summary>
    public string? TestPath { get; init; }

    /// <summary>A preprocessing already fitted (a start model's) to use instead of fitting one on the training rows; null to fit.</summary>
    public Preprocessor? Fitted { get; init; }

    /// <summary>The inputs' variable in a MAT-file.</summary>
    public string XName { get; init; } = "X";

    /// <summary>The labels' variable in a MAT-file.</summary>
    public string YName { get; init; } = "y";

    /// <summary>The column of per-row sample weights (excluded from the features by the caller); null for none.</summary>
    public string? WeightColumn { get; init; }

    /// <summary>Where the encoded rows go when they exceed a memory budget; null to keep them in memory whatever their size.</summary>
    public RowStorage? Storage { get; init; }

    /// <summary>
    /// Stops a preparation for disk: honoured before every block read or written to the row cache, which is then deleted
    /// (<see cref="OperationCanceledException"/>); a table read whole into memory is read to its end first.
    /// </summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Keep the table read so that ensemble members can draw their own held-out rows (<see cref="PreparedData.Redraw"/>).</summary>
    internal bool Redraws { get; init; }

    /// <summary>The setting a refusal of <see cref="ValidationSplit"/> names: the one the caller's caller set.</summary>
    internal Diagnostics.Setting? SplitSetting { get; init; }

    /// <summary>The setting a refusal of <see cref="WeightColumn"/>'s values names.</summary>
    internal Diagnostics.Setting WeightSetting { get; init; } = Diagnostics.Setting.SampleWeight;

    /// <summary>Reads a whole table file (default: CSV); give another to read other formats, such as Parquet.</summary>
    public Func<string, CsvReadOptions, CsvTable> ReadTable { get; init; } = (path, csv) => TableFormats.Read(path, csv);

    /// <summary>Opens a table file to read a block of rows at a time (default: <see cref="TableFormats.Open"/>), for tables streamed to a row
    /// cache.</summary>
    public Func<string, CsvReadOptions, ITableReader> OpenTable { get; init; } = (path, csv) => TableFormats.Open(path, csv);
}
