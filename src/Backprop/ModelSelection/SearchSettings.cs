using Backprop.Runs;

namespace Backprop.ModelSelection;

/// <summary>How a <see cref="ParameterSearch"/> scores each combination and where it keeps its progress.</summary>
public sealed record SearchSettings
{
    /// <summary>K of the cross-validation that scores each combination; null to score it on the rows its fit holds out
    /// (<see cref="Runs.MlpOptions.ValidationFraction"/>).</summary>
    public int? Folds { get; init; }

    /// <summary>Keep class proportions in the folds or in the held-out rows (classifiers only).</summary>
    public bool Stratify { get; init; }

    /// <summary>The seed of the folds' shuffle.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The measure that ranks the combinations (<see cref="Scoring"/>'s names); null for accuracy or R², as scikit-learn's
    /// <c>score</c>.</summary>
    public string? Scoring { get; init; }

    /// <summary>A JSON Lines file that records each finished combination, so that an interrupted search continues (<see cref="SearchProgress"/>);
    /// null for none.</summary>
    public string? ProgressPath { get; init; }
}
