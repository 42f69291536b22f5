using Backprop.Runs;
using System.Text.Json.Nodes;
using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Estimators;

namespace Backprop.ModelSelection;

/// <summary>
/// A search over settings, as scikit-learn's <c>GridSearchCV</c> and <c>RandomizedSearchCV</c>: every combination
/// (<see cref="SearchSpace"/>) is scored by cross-validation or on a held-out split, the combinations are ranked, and
/// the best is fitted again on every row (scikit-learn's <c>refit=True</c>). Deterministic from the seeds; with a
/// progress file it can be cancelled and continued where it stopped.
/// </summary>
public static class ParameterSearch
{
    /// <summary>Runs the combinations not already in the progress file and ranks them all.</summary>
    /// <param name="create">A fresh estimator with the given settings (an <see cref="MlpClassifier"/> or <see cref="MlpRegressor"/>).</param>
    /// <param name="options">The settings every combination starts from.</param>
    /// <param name="combinations">The combinations to try (<see cref="SearchSpace.Grid"/> or <see cref="SearchSpace.Random"/>).</param>
    /// <param name="table">The data.</param>
    /// <param name="target">The column to predict.</param>
    /// <param name="settings">How to score, and the progress file.</param>
    /// <param name="onFinished">Called as each combination is scored (not for those read back).</param>
    /// <param name="cancellation">Stops at the end of a batch; the result is then <see cref="SearchResult.Interrupted"/> and holds what
    /// finished.</param>
    /// <exception cref="BackpropException">No way to score (neither folds nor a held-out share), bad folds, a measure of the other kind, or a
    /// progress file of another search.</exception>
    public static SearchResult Run(Func<MlpOptions, MlpEstimator> create, MlpOptions options, IReadOnlyList<IReadOnlyList<KeyValuePair<string,
        string>>> combinations,
        CsvTable table, string target, SearchSettings settings, Action<SearchEntry>? onFinished = null, CancellationToken cancellation = default)
    {
        if (combinations.Count == 0) throw new BackpropException("the search has no combinations to try");
        bool classifies = create(options) is MlpClassifier;
        string scoring = settings.Scoring is string s ? Scoring.Check(s, classifies) : Scoring.Default(classifies);
        if (settings.Stratify && !classifies)
            throw new BackpropException($"{Setting.SearchStratify} keeps class proportions, but the target column '{target}' holds numbers to " +
                $"predict (regression)", table.Path);
        options = options with { Stratify = settings.Stratify };
        if (settings.Folds is int k) _ = CrossValidation.Folds(table, target, k, false, settings.Seed, Setting.SearchFolds);
            // refuse bad folds before anything runs
        else if (options.ValidationFraction is not > 0)
            throw new BackpropException($"give {Setting.SearchFolds.With("K")} to score each combination by cross-validation, or " +
                $"{Setting.ValidationFraction.With("F")} to score it on held-out rows");
        foreach (var combination in combinations) SearchSpace.Apply(options, combination);

        var progress = settings.ProgressPath is string path
            ? SearchProgress.Open(path, Signature(options, classifies, combinations, table, target, settings, scoring), combinations,
                Scoring.Names(classifies), settings.Folds ?? 1)
            : null;
        try
        {
            var result = Search(create, options, combinations, table, target, settings, scoring, classifies, progress, onFinished, cancellation);
            progress?.Dispose();
            return result;
        }
        catch
        {
            progress?.Discard(); // a refusal or a failure leaves no progress file to block the corrected command
            throw;
        }
    }

    private static SearchResult Search(Func<MlpOptions, MlpEstimator> create, MlpOptions options,
        IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> combinations,
        CsvTable table, string target, SearchSettings settings, string scoring, bool classifies, SearchProgress? progress,
        Action<SearchEntry>? onFinished, CancellationToken cancellation)
    {
        var entries = new Dictionary<int, SearchEntry>();
        foreach (var entry in progress?.Done ?? []) entries[entry.Index] = entry;
        int resumed = entries.Count;
        (int Index, MlpEstimator Model)? bestFit = null;
        bool interrupted = false;
        for (int i = 0; i < combinations.Count && !interrupted; i++)
        {
            if (entries.ContainsKey(i)) continue;
            var candidate = SearchSpace.Apply(options, combinations[i]);
            Dictionary<string, double[]> scores;
            if (settings.Folds is int folds)
            {
                CrossValidationResult cv;
                try { cv = CrossValidation.Run(() => create(candidate), table, target, folds, settings.Stratify, settings.Seed, cancellation); }
                catch (OperationCanceledException) { interrupted = true; break; }
                scores = Diverged(cv.Metrics.ToDictionary(m => m, m => cv.Folds.Select(f => f.Scores[m]).ToArray()), cv.Folds.Any(f => f.Diverged));
            }
            else
            {
                var model = create(candidate);
                Scoring.FitKeepingDivergence(() => model.Fit(table, target, null, cancellation));
                if (cancellation.IsCancellationRequested) { interrupted = true; break; }
                var measured = Scoring.Of(model, table, model.ValidationRows).ToDictionary(p => p.Key, p => new[] { p.Value });
                scores = Diverged(measured, Scoring.Diverged(model));
                bool better = bestFit is null || Better(scores[scoring].Average(), entries[bestFit.Value.Index].Summary(scoring).Mean, scoring);
                if (!double.IsNaN(scores[scoring][0]) && better) bestFit = (i, model);
            }
            var finished = new SearchEntry(i, combinations[i], scores);
            entries[i] = finished;
            progress?.Add(finished);
            onFinished?.Invoke(finished);
        }
        var ranked = Rank(entries.Values, scoring, TieBreak(classifies, scoring));
        MlpEstimator? best = null;
        if (!interrupted)
        {
            var top = ranked[0];
            if (top.Diverged)
                throw new BackpropException("every combination diverged (its loss stopped being finite), so there is no model to keep: "
                    + "lower the learning rates "
                    + $"or standardise the data ({Setting.Standardize})");
            if (bestFit is { } fit && fit.Index == top.Index) best = fit.Model;
            else
            {
                best = create(SearchSpace.Apply(options, top.Combination));
                Scoring.FitKeepingDivergence(() => best.Fit(table, target, null, cancellation));
                if (cancellation.IsCancellationRequested) best = null;
                else if (Scoring.Diverged(best))
                    throw new BackpropException($"the best combination ({SearchSpace.Describe(top.Combination)}) diverged "
                        + $"when fitted again on all {table.RowCount} rows, "
                        + "so there is no model to keep: search lower learning rates");
            }
        }
        return new SearchResult(ranked, scoring, Scoring.Names(classifies), combinations.Count, resumed, best);
    }

    /// <summary>
    /// <paramref name="entries"/> best first by the mean of <paramref name="scoring"/> (a mean that is not a number
    /// last); ties are broken by the mean of <paramref name="tieBreak"/> when given, then by order (the earlier first).
    /// </summary>
    public static IReadOnlyList<SearchEntry> Rank(IEnumerable<SearchEntry> entries, string scoring, string? tieBreak = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        static double Key(SearchEntry e, string metric) =>
            e.Summary(metric).Mean is var m && double.IsNaN(m) ? double.NegativeInfinity : Scoring.HigherIsBetter(metric) ? m : -m;
        return entries.OrderByDescending(e => Key(e, scoring)).ThenByDescending(e => tieBreak is null ? 0 : Key(e, tieBreak))
            .ThenBy(e => e.Index).ToList();
    }

    /// <summary>What breaks a tie of <paramref name="scoring"/>: log-loss for a classifier (accuracy when ranking by log-loss), RMSE for a regressor
    /// (R² when ranking by RMSE).</summary>
    public static string TieBreak(bool classifies, string scoring)
    {
        ArgumentNullException.ThrowIfNull(scoring);
        return classifies ? (scoring == "log_loss" ? "accuracy" : "log_loss") : (scoring == "rmse" ? "r2" : "rmse");
    }

    /// <summary>
    /// The scores of a combination, every one not a number (ranked last, recorded as <c>null</c>) when a fit diverged or a score is not finite.
    /// </summary>
    private static Dictionary<string, double[]> Diverged(Dictionary<string, double[]> scores, bool diverged) =>
        diverged || scores.Values.Any(v => v.Any(s => !double.IsFinite(s)))
            ? scores.ToDictionary(p => p.Key, p => p.Value.Select(_ => double.NaN).ToArray())
            : scores;

    private static bool Better(double score, double than, string scoring) =>
        !double.IsNaN(score) && (double.IsNaN(than) || (Scoring.HigherIsBetter(scoring) ? score > than : score < than));

    /// <summary>What makes a search this search: the data, the target, every setting, the scoring and the combinations.</summary>
    private static string Signature(MlpOptions options, bool classifies, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> combinations,
        CsvTable table, string target, SearchSettings settings, string scoring) => new JsonObject
    {
        ["data"] = table.Path == "-" ? "-" : Path.GetFullPath(table.Path),
        ["rows"] = table.RowCount,
        ["fingerprint"] = DataFingerprint.Of(table.Path),
        ["target"] = target,
        ["estimator"] = classifies ? "classifier" : "regressor",
        ["options"] = string.Join(" ", SearchParameters.Names.Select(n => $"{n}={SearchParameters.Describe(options, n)}"))
            + $" standardize={options.Standardize} validation={SearchParameters.Format(options.ValidationFraction ?? 0)}"
            + $" patience={options.Patience} " +
                $"seed={options.Seed} stratify={options.Stratify}"
            + (options.Classes is { } classes ? $" classes={string.Join(",", classes)}" : ""),
        ["folds"] = settings.Folds,
        ["foldSeed"] = settings.Seed,
        ["scoring"] = scoring,
        ["combinations"] = new JsonArray(combinations.Select(c => (JsonNode?)JsonValue.Create(SearchSpace.Describe(c))).ToArray()),
    }.ToJsonString();
}
