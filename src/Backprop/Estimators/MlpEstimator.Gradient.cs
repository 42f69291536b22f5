namespace Backprop.Estimators;

/// <summary>The classifier's training objective and its gradient on arrays (<see cref="Model.LossGradient"/>).</summary>
public sealed partial class MlpClassifier
{
    /// <summary>
    /// The fitted model's training objective (loss + L2 penalty) on <paramref name="features"/> and <paramref name="labels"/>,
    /// and its gradient with respect to every trainable parameter, at <paramref name="parameters"/> (the fitted ones when
    /// null), in the order <see cref="Model.LossGradient"/> gives.
    /// </summary>
    /// <exception cref="InvalidOperationException">The classifier is not fitted.</exception>
    public (double Loss, double[] Gradient) LossGradient(double[,] features, IReadOnlyList<int> labels, IReadOnlyList<double>? parameters = null) =>
        Predictor().LossGradient(ArrayTable(features, labels ?? throw new ArgumentNullException(nameof(labels))), null, parameters);
}

/// <summary>The regressor's training objective and its gradient on arrays (<see cref="Model.LossGradient"/>).</summary>
public sealed partial class MlpRegressor
{
    /// <summary>
    /// The fitted model's training objective (loss on the target as training scales it + L2 penalty) on
    /// <paramref name="features"/> and <paramref name="target"/>, and its gradient with respect to every trainable parameter,
    /// at <paramref name="parameters"/> (the fitted ones when null), in the order <see cref="Model.LossGradient"/> gives.
    /// </summary>
    /// <exception cref="InvalidOperationException">The regressor is not fitted.</exception>
    public (double Loss, double[] Gradient) LossGradient(double[,] features, IReadOnlyList<double> target,
        IReadOnlyList<double>? parameters = null) =>
        Predictor().LossGradient(ArrayTable(features, target ?? throw new ArgumentNullException(nameof(target))), null, parameters);
}
