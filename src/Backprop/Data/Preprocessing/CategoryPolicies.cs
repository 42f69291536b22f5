namespace Backprop.Data.Preprocessing;

/// <summary>How a gap (a missing value) in a categorical column is read when gaps are filled (<see cref="MissingValues.Mean"/> or
/// <see cref="MissingValues.Median"/>).</summary>
public enum CategoryGaps
{
    /// <summary>A category of its own: one more input, <c>column=(missing)</c>, when the training rows hold gaps in the column (scikit-learn's
    /// <c>SimpleImputer(strategy='constant')</c> before one-hot encoding); a gap in a column whose training rows had none sets no input.</summary>
    Own,

    /// <summary>The training rows' most frequent category (the first in the column's order on a tie), as
    /// <c>SimpleImputer(strategy='most_frequent')</c>.</summary>
    MostFrequent,
}

/// <summary>What prediction does with a category the training rows never held.</summary>
public enum UnknownCategories
{
    /// <summary>Encode it as none of the known categories (every one-hot input 0), count it and report it once, as scikit-learn's
    /// <c>OneHotEncoder(handle_unknown='ignore')</c>.</summary>
    Ignore,

    /// <summary>Refuse the file, naming the value, its line and column.</summary>
    Error,
}
