using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Estimators;

namespace Backprop.ModelSelection;

/// <summary>
/// The measures cross-validation and search report, with scikit-learn's names: accuracy, f1_macro and log_loss for a
/// classifier; r2, rmse and mae for a regressor.
/// </summary>
public static class Scoring
{
    /// <summary>A classifier's measures, in the order printed.</summary>
    public static readonly IReadOnlyList<string> Classification = ["accuracy", "f1_macro", "log_loss"];

    /// <summary>A regressor's measures, in the order printed.</summary>
    public static readonly IReadOnlyList<string> Regression = ["r2", "rmse", "mae"];

    /// <summary>The measures of <paramref name="estimator"/> on <paramref name="rows"/> of <paramref name="table"/>.</summary>
    public static IReadOnlyDictionary<string, double> Of(MlpEstimator estimator, CsvTable table, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(rows);
        return estimator switch
    {
        MlpClassifier c when c.Report(table, rows) is var r => new Dictionary<string,
            double> { ["accuracy"] = r.Accuracy, ["f1_macro"] = r.MacroF1, ["log_loss"] = r.LogLoss },
        MlpRegressor g when g.Report(table, rows) is var r => new Dictionary<string, double> { ["r2"] = r.R2, ["rmse"] = r.Rmse, ["mae"] = r.Mae },
        _ => throw new ArgumentException($"Unknown estimator {estimator.GetType().Name}.", nameof(estimator)),
    };
    }

    /// <summary>
    /// Runs a fit whose divergence is a score, not a failure: the estimator then holds its last good model, which
    /// <see cref="Diverged"/> recognises (ranked last, its scores null).
    /// </summary>
    internal static void FitKeepingDivergence(Action fit)
    {
        try { fit(); }
        catch (FitDivergedException) { }
    }

    /// <summary>Whether <paramref name="estimator"/>'s last fit diverged: it stopped on a loss that is not finite, or recorded one.</summary>
    public static bool Diverged(MlpEstimator estimator)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return estimator.Model?.Training?.StopReason == nameof(Training.StopReason.Diverged)
        || estimator.History.Any(h => !double.IsFinite(h.Loss) || !double.IsFinite(h.Rmse));
    }

    /// <summary>The measures of a classifier (<paramref name="classifies"/>) or of a regressor.</summary>
    public static IReadOnlyList<string> Names(bool classifies) => classifies ? Classification : Regression;

    /// <summary>What <c>score</c> is in scikit-learn: accuracy for a classifier, R² for a regressor.</summary>
    public static string Default(bool classifies) => classifies ? "accuracy" : "r2";

    /// <summary>True for accuracy, F1 and R²; false for the losses and errors (log_loss, rmse, mae).</summary>
    public static bool HigherIsBetter(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric is "accuracy" or "f1_macro" or "r2";
    }

    /// <summary>Refuses a measure that is not one of <paramref name="classifies"/>' kind, naming the choices.</summary>
    /// <exception cref="BackpropException">Not a measure of this kind of estimator.</exception>
    public static string Check(string metric, bool classifies)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var names = Names(classifies);
        if (!names.Contains(metric))
            throw new BackpropException($"{Setting.Scoring}: '{metric}' is not a measure of a {(classifies ? "classifier" : "regressor")} " +
                $"(expected one of: {string.Join(", ", names)})");
        return metric;
    }
}
