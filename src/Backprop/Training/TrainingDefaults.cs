using Backprop.Data.Preprocessing;
using Backprop.Losses;

namespace Backprop.Training;

/// <summary>
/// The loss and output activation a target gets when none is given: what <c>backprop train</c> and the estimators
/// choose, so that the two train the same network on the same data.
/// </summary>
public static class TrainingDefaults
{
    /// <summary>Cross-entropy for class labels, squared error for numbers.</summary>
    public static Loss Loss(TargetEncoding target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsClassification ? new CrossEntropy() : new SquaredError();
    }

    /// <summary>
    /// Softmax for more than two classes (or several 0/1 columns under cross-entropy), sigmoid for two classes or one
    /// 0/1 column under cross-entropy, identity for numbers.
    /// </summary>
    /// <param name="target">The target's encoding.</param>
    /// <param name="loss">The run's loss.</param>
    public static string OutputActivation(TargetEncoding target, Loss loss)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(loss);
        return target.Classes is { Count: > 2 } || (loss is CrossEntropy && target.Width > 1) ? "softmax"
        : target.IsClassification || loss is CrossEntropy ? "sigmoid" : "identity";
    }
}
