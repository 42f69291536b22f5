using Backprop.Runs;
using System.Diagnostics;
using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Estimators;

namespace Backprop.ModelSelection;

/// <summary>
/// K-fold cross-validation of an estimator, as scikit-learn's <c>cross_validate</c>: K fresh estimators, each fitted on
/// the other folds' rows and scored on its own; deterministic from the seed (the folds' shuffle, and every fit's own
/// seed in its <see cref="MlpOptions"/>).
/// </summary>
public static class CrossValidation
{
    /// <summary>The folds of <paramref name="table"/>'s rows: stratified by <paramref name="target"/>'s classes when
    /// <paramref name="stratify"/>.</summary>
    /// <param name="table">The data.</param>
    /// <param name="target">The column whose classes a stratified split keeps.</param>
    /// <param name="folds">K, from 2 to the number of rows.</param>
    /// <param name="stratify">Keep the class proportions in every fold.</param>
    /// <param name="seed">The seed of the folds' shuffle.</param>
    /// <param name="setting">The setting a refusal names (default <see cref="Setting.Folds"/>): the one the caller's caller set.</param>
    /// <exception cref="BackpropException">Too few or too many folds.</exception>
    public static IReadOnlyList<Fold> Folds(CsvTable table, string target, int folds, bool stratify, ulong seed, Setting? setting = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(target);
        return stratify
        ? KFold.Stratified(ClassLabels.Of(table, target, Enumerable.Range(0, table.RowCount).ToArray()), folds, seed, setting)
        : KFold.Split(table.RowCount, folds, seed, setting);
    }

    /// <summary>
    /// Fits <paramref name="create"/>() on each fold's training rows and scores it on the fold's test rows.
    /// </summary>
    /// <param name="create">A fresh, unfitted estimator (an <see cref="MlpClassifier"/> or <see cref="MlpRegressor"/>) on each call.</param>
    /// <param name="table">The data.</param>
    /// <param name="target">The column to predict.</param>
    /// <param name="folds">K, from 2 to the number of rows.</param>
    /// <param name="stratify">Keep the class proportions in every fold (classifiers only).</param>
    /// <param name="seed">The seed of the folds' shuffle.</param>
    /// <param name="cancellation">Stops at the end of a batch; then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <exception cref="BackpropException">Bad folds, stratifying a regressor, or a fit refused.</exception>
    public static CrossValidationResult Run(Func<MlpEstimator> create, CsvTable table, string target, int folds, bool stratify = false,
        ulong seed = 1,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(target);
        bool classifies = create() is MlpClassifier;
        if (stratify && !classifies)
            throw new BackpropException($"{Setting.CrossValidationStratify} keeps class proportions, but the target column '{target}' holds " +
                $"numbers to predict (regression)", table.Path);
        var results = new List<FoldResult>();
        foreach (var fold in Folds(table, target, folds, stratify, seed))
        {
            var estimator = create();
            var clock = Stopwatch.StartNew();
            Scoring.FitKeepingDivergence(() => estimator.Fit(table, target, fold.Train, cancellation));
            cancellation.ThrowIfCancellationRequested();
            double seconds = clock.Elapsed.TotalSeconds;
            var scores = Scoring.Of(estimator, table, fold.Test);
            results.Add(new FoldResult(fold.Index, fold.Train.Length, fold.Test.Length, scores, estimator.History.Count, seconds)
                { Diverged = Scoring.Diverged(estimator) });
        }
        return new CrossValidationResult(results, Scoring.Names(classifies));
    }
}
