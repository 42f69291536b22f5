namespace Backprop.ModelSelection;

/// <summary>What one fold of a cross-validation measured.</summary>
/// <param name="Fold">The fold's number, from 0.</param>
/// <param name="TrainRows">Rows fitted on.</param>
/// <param name="TestRows">Rows scored.</param>
/// <param name="Scores">Each measure on the fold's test rows (see <see cref="Scoring"/>).</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="FitSeconds">Seconds the fit took (scikit-learn's <c>fit_time</c>).</param>
public sealed record FoldResult(int Fold, int TrainRows, int TestRows, IReadOnlyDictionary<string, double> Scores, int Epochs, double FitSeconds)
{
    /// <summary>Whether the fit diverged (its loss stopped being finite): its scores measure weights out of range.</summary>
    public bool Diverged { get; init; }
}
