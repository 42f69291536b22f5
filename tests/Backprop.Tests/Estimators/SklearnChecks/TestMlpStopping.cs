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
}
