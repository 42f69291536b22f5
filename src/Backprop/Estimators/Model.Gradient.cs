using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Training;
using Backprop.Training.Solvers;

namespace Backprop.Estimators;

/// <summary>The training objective of a fitted model and its gradient, as training computes them.</summary>
public sealed partial class Model
{
    /// <summary>
    /// The objective the model was trained on — its loss (mean or sum, as its options say) on <paramref name="rows"/> of
    /// <paramref name="table"/> (every row when null), encoded by its preprocessing (a standardised regression target too),
    /// plus the L2 penalty λ/(2m)·Σw² (and L1) over its weights — and the gradient of that objective with respect to every
    /// trainable parameter, from one forward and one backward pass: the function L-BFGS minimises (scikit-learn's
    /// <c>_loss_grad_lbfgs</c>). Rows are not weighted. Computed in double whatever the model's precision; the model is not changed.
    /// </summary>
    /// <param name="table">The rows, with the feature and target columns the model reads.</param>
    /// <param name="rows">The rows of <paramref name="table"/> to take (every row when null).</param>
    /// <param name="parameters">
    /// θ, the parameters to evaluate at, in the gradient's order: the trainable parameters of <see cref="Network"/>'s
    /// <c>Parameters</c> in their order — layer by layer, its weights as <c>Parameter.Values</c> holds them (row-major), then its
    /// bias — as <c>Network.Parameters.Where(p =&gt; p.Trainable).SelectMany(p =&gt; p.Values)</c> lists the model's own. Null for
    /// the model's own.
    /// </param>
    /// <returns>The objective and ∂objective/∂θ, one value per entry of θ.</returns>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> does not hold one value per trainable parameter.</exception>
    /// <exception cref="InvalidOperationException">The model has no preprocessing or options (imported), or uses dropout.</exception>
    /// <exception cref="Diagnostics.DataFormatException">The table lacks a column the model reads, or holds a value it cannot encode.</exception>
    public (double Loss, double[] Gradient) LossGradient(CsvTable table, IReadOnlyList<int>? rows = null, IReadOnlyList<double>? parameters = null)
    {
        Data.Rows.RowArguments.Check(table, rows);
        if (Preprocessing is not { } pre || Options is not { } options)
            throw new InvalidOperationException("The model has no preprocessing or options (it was imported): its objective is not known.");
        var network = Network.Clone();
        if (network.IsStochastic) throw new InvalidOperationException("The model uses dropout: each evaluation would draw another mask.");
        var inputs = pre.EncodeFeatures<double>(table, rows);
        var targets = pre.EncodeTargets<double>(table, rows);
        TargetScaling.Standardize(pre.Target, targets);
        var loss = options.Loss is string name ? Losses.Loss.Get(name) : TrainingDefaults.Loss(pre.Target);
        var objective = new FlatObjective<double>(network, inputs, targets, new Objective(loss, options.Reduction, options.L2, options.L1));
        var theta = parameters?.ToArray() ?? objective.Get();
        if (theta.Length != objective.Length)
            throw new ArgumentException($"θ holds {theta.Length} values; the model has {objective.Length} trainable parameters.", nameof(parameters));
        var gradient = new double[theta.Length];
        return (objective.Evaluate(theta, gradient), gradient);
    }
}
