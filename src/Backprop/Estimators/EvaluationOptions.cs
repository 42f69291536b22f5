using Backprop.Data;
using Backprop.Data.Csv;
using Backprop.Losses;
using Backprop.Training.Weights;

namespace Backprop.Estimators;

/// <summary>How <see cref="ModelEvaluation.Of"/> reads and measures a labelled file; every setting defaults to the model's own.</summary>
public sealed record EvaluationOptions
{
    /// <summary>The target columns; null for those the model was trained to predict.</summary>
    public IReadOnlyList<string>? Targets { get; init; }

    /// <summary>The loss to measure; null for the one the model was trained with (squared error when it records none).</summary>
    public Loss? Loss { get; init; }

    /// <summary>Sum or mean over the rows; null for the model's (mean when it records none).</summary>
    public Reduction? Reduction { get; init; }

    /// <summary>A column holding each row's weight in the loss (Σ wℓ over Σ w); null for none.</summary>
    public string? SampleWeightColumn { get; init; }

    /// <summary>How much each class counts in the loss (balanced: n/(K·nₖ) from the evaluated rows); null for 1 each.</summary>
    public ClassWeighting? ClassWeight { get; init; }

    /// <summary>How to read a CSV.</summary>
    public CsvReadOptions Csv { get; init; } = new();

    /// <summary>Opens a table file of another format (Parquet, say); null for CSV.</summary>
    public Func<string, CsvReadOptions, ITableReader>? OpenTable { get; init; }
}
