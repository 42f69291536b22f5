using Backprop.Runs;
using Backprop.Diagnostics;
using Backprop.Serialization;

namespace Backprop.Estimators;

/// <summary>
/// A fit whose loss stopped being finite: the message says where and why and what
/// to change; <see cref="Estimator"/> holds the last good model (its network, preprocessing and history), as the
/// estimator that threw does.
/// </summary>
public sealed class FitDivergedException : TrainingException
{
    internal FitDivergedException(string problem, MlpEstimator estimator) : base(problem) => Estimator = estimator;

    /// <summary>The estimator, holding the last good weights (those from before the epoch whose loss was not finite).</summary>
    public MlpEstimator Estimator { get; }

    /// <summary>The last good model as a file holds it.</summary>
    public ModelDocument Model => Estimator.Model!;
}
