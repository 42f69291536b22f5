namespace Backprop.Data.Preprocessing;

/// <summary>What to take from a table and how to prepare it.</summary>
public sealed record PreprocessingOptions
{
    /// <summary>Target column names.</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>Feature column names; null for every column that is not a target.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Columns that are neither features nor targets when <see cref="Features"/> is null (a sample-weight column); naming one as a feature
    /// is refused.</summary>
    public IReadOnlyList<string> Excluded { get; init; } = [];

    /// <summary>Columns to one-hot encode even though they hold numbers (codes such as seed 003's <c>rank</c>). Text columns are one-hot encoded
    /// anyway.</summary>
    public IReadOnlyList<string> OneHot { get; init; } = [];

    /// <summary>Numeric feature columns to standardise; an empty list means every numeric feature column; null, none.</summary>
    public IReadOnlyList<string>? Standardize { get; init; }

    /// <summary>Scale the <see cref="Standardize"/> columns robustly: by the median and interquartile range of the training rows, with outliers
    /// clipped smoothly (<see cref="RobustScaling"/>), instead of by the mean and standard deviation.</summary>
    public bool Robust { get; init; }

    /// <summary>Treat a single numeric target column as class labels (as a classifier would); text targets always are.</summary>
    public bool ClassifyNumericTarget { get; init; }

    /// <summary>
    /// The classes of a single target column and their order, declared rather than found in the data (scikit-learn's
    /// <c>classes=</c>), so that a file holding only some of them — one row of a worked example, a shard — trains; a row
    /// whose class is not declared is refused naming its line. Null: the classes are the column's values.
    /// </summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>The column of sample weights (one of <see cref="Excluded"/>), which weigh the training rows' means and standard deviations as
    /// scikit-learn's <c>StandardScaler(sample_weight=…)</c> does; null for equal weights.</summary>
    public string? SampleWeight { get; init; }

    /// <summary>Standardise a regression target for training (its mean and scale fitted on the training rows, weighted when they are, and
    /// saved in <see cref="TargetEncoding"/>); predictions are turned back into the target's units.</summary>
    public bool ScaleTarget { get; init; }

    /// <summary>What to do with missing values (empty, NA, N/A, NULL, #N/A, ?) in the columns used: refuse them (the default here; a run
    /// fills by default), drop their rows, or fill them.</summary>
    public MissingValues Missing { get; init; } = MissingValues.Error;

    /// <summary>How gaps in categorical feature columns are filled when <see cref="Missing"/> fills gaps.</summary>
    public CategoryGaps CategoryGaps { get; init; }

    /// <summary>With <see cref="Missing"/> filling gaps: one more input per numeric feature column whose training rows hold gaps, 1 where the
    /// value was missing (scikit-learn's <c>add_indicator=True</c>).</summary>
    public bool MissingIndicator { get; init; }

    /// <summary>What prediction does with a category the training rows never held (saved with each categorical column).</summary>
    public UnknownCategories UnknownCategories { get; init; }
}

/// <summary>What to do with a missing value in a column that is used.</summary>
public enum MissingValues
{
    /// <summary>Refuse the file, naming the first missing value's line and column.</summary>
    Error,

    /// <summary>Leave out every row with a missing value in a feature or target column.</summary>
    Drop,

    /// <summary>Fill a numeric feature column's missing values with the mean of its training rows, and a categorical one's as
    /// <see cref="PreprocessingOptions.CategoryGaps"/> says (saved in the model, so prediction fills the same way, also in a column whose training
    /// rows had no gaps); missing target values are still refused.</summary>
    Mean,

    /// <summary>As <see cref="Mean"/>, with the median of the training rows (the mean of the two middle values for an even count).</summary>
    Median,
}
