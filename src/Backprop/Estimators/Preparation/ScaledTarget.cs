using System.Numerics;
using Backprop.Data.Preprocessing;

namespace Backprop.Estimators.Preparation;

/// <summary>
/// The target standardisation of prepared data (<see cref="PreprocessingOptions.ScaleTarget"/>): fitted on the training
/// rows, weighted by their sample weights, when the target is numbers and no fitted preprocessing was given (a start or
/// resumed model keeps its own, whether it has one or not).
/// </summary>
internal static class ScaledTarget
{
    /// <summary><paramref name="data"/> with its target's mean and scale, when <paramref name="options"/> ask for them.</summary>
    public static PreparedData Fit<T>(PreparedData data, PreparationOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var pre = data.Preprocessor;
        if (options.Fitted is not null || !options.Preprocessing.ScaleTarget || pre.Target.IsClassification || pre.Target.Mean is not null)
            return data;
        var target = TargetScaling.Fit(pre.Target, data.TrainRows<T>(), data.TrainWeights);
        return data with { Preprocessor = pre with { Target = target } };
    }
}
