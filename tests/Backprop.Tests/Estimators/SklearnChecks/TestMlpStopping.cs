using Backprop.Estimators;
using Backprop.Training;

namespace Backprop.Tests.Estimators.SklearnChecks;

/// <summary>
/// test_mlp.py's tests of <c>tol</c> and <c>n_iter_no_change</c> (with no rows held out they watch the training loss):
/// <see cref="MlpOptions.NoChangeEpochs"/> and <see cref="MlpOptions.LossTolerance"/>. scikit-learn's private
/// <c>_no_improvement_count</c> is recounted here from the history's losses by its own rule.
/// </summary>
public class TestMlpStopping
{
    private static readonly MlpOptions Sgd = new() { Optimizer = "nesterov", Momentum = 0.9, ValidationFraction = 0, Epochs = 3000 };

    /// <summary>scikit-learn's <c>_update_no_improvement_count</c>: an epoch whose loss is above best − tol counts one more,
    /// else the count restarts; the best is the least loss so far.</summary>
    private static int NoImprovementCount(IEnumerable<EpochRecord> history, double tol)
    {
        double best = double.PositiveInfinity;
        int count = 0;
        foreach (var epoch in history)
        {
            count = epoch.Loss > best - tol ? count + 1 : 0;
            best = Math.Min(best, epoch.Loss);
        }
        return count;
    }

    // X_digits_binary[:100]: the first 200 rows of load_digits(n_class=2), min-max scaled, then the first 100.
    private static (double[,] X, int[] Y) Digits100()
    {
        var data = SklearnData.Load("digits2.csv");
        return (SklearnData.Slice(SklearnData.MinMax(SklearnData.Slice(data.X, 0, 200)), 0, 100), data.Labels[..100]);
    }

    [Fact]
    public void test_tolerance()
    {
        // MLPClassifier(tol=0.5, max_iter=3000, solver="sgd") on [[3, 2], [1, 6]] → [1, 0] stops before 3000 epochs
        // (n_iter_no_change's default, 10).
        var clf = new MlpClassifier(Sgd with { NoChangeEpochs = 10, LossTolerance = 0.5 }).Fit(new double[,] { { 3, 2 }, { 1, 6 } }, [1, 0]);
        Assert.True(clf.History.Count < 3000, $"{clf.History.Count} epochs");
        Assert.Equal(nameof(StopReason.NoImprovement), clf.Model!.Training!.StopReason);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(100)]
    public void test_n_iter_no_change(int n)
    {
        // tol=0.01, max_iter=3000, sgd: the no-improvement count is n + 1 when it stops, before 3000 epochs.
        var (x, y) = Digits100();
        var clf = new MlpClassifier(Sgd with { NoChangeEpochs = n, LossTolerance = 0.01, BatchSize = 100 }).Fit(x, y);
        Assert.Equal(n + 1, NoImprovementCount(clf.History, 0.01));
        Assert.True(clf.History.Count < 3000, $"{clf.History.Count} epochs");
    }

    [Fact]
    public void test_n_iter_no_change_inf()
    {
        // n_iter_no_change=inf (int.MaxValue), tol=1e9: every epoch but the first counts as no improvement, and all 3000 run.
        var (x, y) = Digits100();
        var clf = new MlpClassifier(Sgd with { NoChangeEpochs = int.MaxValue, LossTolerance = 1e9, BatchSize = 100 }).Fit(x, y);
        Assert.Equal(3000, clf.History.Count);
        Assert.Equal(clf.History.Count - 1, NoImprovementCount(clf.History, 1e9));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void test_early_stopping(bool classifier)
    {
        // tol=0.2, max_iter=3000, solver="sgd", early_stopping=True (validation_fraction 0.1, stratified for the classifier,
        // n_iter_no_change 10: scikit-learn stops on the 11th epoch without a lead of tol, Patience counts those epochs).
        var (x, y) = Digits100();
        var options = Sgd with
        {
            L2 = 1e-4, BatchSize = 200, ValidationFraction = 0.1, Stratify = classifier, Patience = 11, MinDelta = 0.2,
            Monitor = EarlyStoppingMonitor.Score, ScaleTarget = classifier ? null : false,
        };
        IReadOnlyList<EpochRecord> Fit(MlpOptions o) => classifier ? new MlpClassifier(o).Fit(x, y).History
            : new MlpRegressor(o).Fit(x, y.Select(v => (double)v).ToArray()).History;
        var history = Fit(options);
        Assert.True(history.Count < 3000, $"{history.Count} epochs");

        // validation_scores_: accuracy or R² every epoch; best_validation_score_ is their largest, and beats the last two by
        // less than tol.
        var scores = history.Select(h => h.Validation!.Score!.Value).ToList();
        double best = scores.Max();
        Assert.True(best + 0.2 > scores[^2] && best + 0.2 > scores[^1]);
        if (classifier) Assert.All(scores, s => Assert.Equal(0, s * 10 % 1, 9)); // accuracies of 10 held-out rows
        Assert.Equal(11, Patience(scores, 0.2));

        // The weights kept are the first highest epoch's: the same fit stopped there by its epoch count predicts the same bits.
        int bestEpoch = scores.IndexOf(best) + 1;
        var stopped = options with { Epochs = bestEpoch, Patience = null, Monitor = EarlyStoppingMonitor.Loss };
        double[] Predict(MlpOptions o) => classifier ? new MlpClassifier(o).Fit(x, y).PredictProbabilities(x).Cast<double>().ToArray()
            : new MlpRegressor(o).Fit(x, y.Select(v => (double)v).ToArray()).Predict(x);
        Assert.Equal(Predict(stopped), Predict(options));

        // early_stopping=False: nothing held out, no scores (50 epochs show it as well as 3000).
        Assert.All(Fit(Sgd with { L2 = 1e-4, BatchSize = 200, Epochs = 50 }), h => Assert.Null(h.Validation));
    }

    /// <summary>scikit-learn's no-improvement count when watching the held-out score: an epoch whose score is below best + tol
    /// counts one more, else the count restarts; the best is the highest score so far.</summary>
    private static int Patience(IEnumerable<double> scores, double tol)
    {
        double best = double.NegativeInfinity;
        int count = 0;
        foreach (double s in scores)
        {
            count = s < best + tol ? count + 1 : 0;
            best = Math.Max(best, s);
        }
        return count;
    }
}
