using Backprop.Metrics;
using Backprop.Plotting.Rendering;
using Backprop.Serialization;

namespace Backprop.Plotting.Report;

/// <summary>One picture of the report with its heading and a sentence saying what to look at.</summary>
/// <param name="Title">The heading.</param>
/// <param name="Caption">What the picture shows and how to read it.</param>
/// <param name="Picture">The picture, put inline in the page.</param>
public sealed record ReportPicture(string Title, string Caption, Picture Picture);

/// <summary>The measures on the rows a model's training held out, found again from its recorded split.</summary>
/// <param name="Rows">How many rows were held out.</param>
/// <param name="How">Which rows they are, in words (e.g. "the last 20% of the rows").</param>
/// <param name="Classification">The measures of a classifier, or null.</param>
/// <param name="Regression">The measures of a regression, or null for a classifier.</param>
public sealed record HeldOutMeasures(int Rows, string How, ClassificationReport? Classification, RegressionReport? Regression);

/// <summary>Everything the report page shows: the model, where it came from, how it measures on the data, and its pictures.</summary>
public sealed record ReportContent
{
    /// <summary>The model.</summary>
    public required ModelDocument Model { get; init; }
    /// <summary>The model file, as given.</summary>
    public required string ModelPath { get; init; }
    /// <summary>The data file the metrics and pictures come from.</summary>
    public required string DataPath { get; init; }
    /// <summary>Rows of that data.</summary>
    public required int Samples { get; init; }
    /// <summary>The measures of a classifier, or null.</summary>
    public ClassificationReport? Classification { get; init; }
    /// <summary>The measures of a regression (RMSE, MAE, R²), or null for a classifier.</summary>
    public RegressionReport? Regression { get; init; }
    /// <summary>The measures on the rows held out in training, when the data is the file the model was trained on; else null.</summary>
    public HeldOutMeasures? HeldOut { get; init; }
    /// <summary>The pictures, in page order.</summary>
    public IReadOnlyList<ReportPicture> Pictures { get; init; } = [];
}
