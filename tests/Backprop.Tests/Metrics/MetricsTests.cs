using Backprop.Metrics;
using Backprop.Tensors;

namespace Backprop.Tests.Metrics;

public class MetricsTests
{
    private static Matrix<double> OneHot(params int[] classes)
    {
        var m = new Matrix<double>(classes.Length, 3);
        for (int r = 0; r < classes.Length; r++) m[r, classes[r]] = 1;
        return m;
    }

    [Fact]
    public void Classification_report_matches_a_hand_count()
    {
        // true  a a b b c c;  predicted a b b b c a.
        var targets = OneHot(0, 0, 1, 1, 2, 2);
        var outputs = OneHot(0, 1, 1, 1, 2, 0);
        var report = ClassificationReport.Compute(outputs, targets, ["a", "b", "c"]);
        Assert.Equal(4.0 / 6, report.Accuracy, 12);
        Assert.Equal(new[,] { { 1, 1, 0 }, { 0, 2, 0 }, { 1, 0, 1 } }, report.Confusion);
        Assert.Equal([0.5, 2.0 / 3, 1.0], report.Precision);
        Assert.Equal([0.5, 1.0, 0.5], report.Recall);
        Assert.Equal(0.5, report.F1[0], 12);
        Assert.Equal(0.8, report.F1[1], 12);                 // 2·(2/3)·1 / (2/3 + 1)
        Assert.Equal(2.0 / 3, report.F1[2], 12);             // 2·1·0.5 / 1.5
        Assert.Equal((0.5 + 0.8 + 2.0 / 3) / 3, report.MacroF1, 12);
        Assert.Equal([2, 2, 2], report.Support);
    }

    [Fact]
    public void Binary_log_loss_and_accuracy_use_one_output_column()
    {
        // p(second class) = 0.8 for a positive sample and 0.4 for a negative one: log-loss −(ln 0.8 + ln 0.6)/2 = 0.366984588 (Python math.log).
        var outputs = Matrix<double>.FromArray(new[,] { { 0.8 }, { 0.4 } });
        var targets = Matrix<double>.FromArray(new[,] { { 1.0 }, { 0.0 } });
        var report = ClassificationReport.Compute(outputs, targets, ["no", "yes"]);
        Assert.Equal(0.366984588, report.LogLoss, 9);
        Assert.Equal(1.0, report.Accuracy);
        Assert.Equal(new[,] { { 1, 0 }, { 0, 1 } }, report.Confusion);
    }

    [Fact]
    public void A_class_never_predicted_has_precision_zero_not_nan()
    {
        var report = ClassificationReport.Compute(OneHot(0, 0), OneHot(0, 1), ["a", "b", "c"]);
        Assert.Equal(0, report.Precision[1]);
        Assert.Equal(0, report.Recall[2]);
        Assert.All(report.F1, f => Assert.False(double.IsNaN(f)));
    }

    [Fact]
    public void Log_loss_of_a_certain_wrong_answer_is_clipped()
    {
        var report = ClassificationReport.Compute(Matrix<double>.FromArray(new[,] { { 0.0 } }), Matrix<double>.FromArray(new[,] { { 1.0 } }),
            ["0", "1"]);
        Assert.Equal(-Math.Log(1e-15), report.LogLoss, 9);
    }

    [Fact]
    public void Regression_report_matches_a_hand_computation()
    {
        // outputs 1, 2, 3 for targets 1, 2, 4: RMSE √(1/3), MAE 1/3, R² = 1 − 1/(42/9) = 0.785714…
        var report = RegressionReport.Compute(Matrix<double>.FromArray(new[,] { { 1.0 }, { 2.0 }, { 3.0 } }),
            Matrix<double>.FromArray(new[,] { { 1.0 }, { 2.0 }, { 4.0 } }));
        Assert.Equal(Math.Sqrt(1.0 / 3), report.Rmse, 12);
        Assert.Equal(1.0 / 3, report.Mae, 12);
        Assert.Equal(1 - 9.0 / 42, report.R2, 12);
    }

    [Fact]
    public void R2_of_a_constant_target_follows_scikit_learn()
    {
        var exact = RegressionReport.Compute(Matrix<double>.FromArray(new[,] { { 2.0 }, { 2.0 } }),
            Matrix<double>.FromArray(new[,] { { 2.0 }, { 2.0 } }));
        var off = RegressionReport.Compute(Matrix<double>.FromArray(new[,] { { 1.0 }, { 2.0 } }),
            Matrix<double>.FromArray(new[,] { { 2.0 }, { 2.0 } }));
        Assert.Equal(1, exact.R2);
        Assert.Equal(0, off.R2);
    }
}
