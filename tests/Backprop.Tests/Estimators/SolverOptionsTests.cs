using Backprop.Estimators;
using Backprop.Training;

namespace Backprop.Tests.Estimators;

/// <summary>
/// The full-batch solvers and the stopping rule on the training loss through <see cref="MlpOptions"/>, as scikit-learn's
/// <c>solver='lbfgs'</c>, <c>tol</c> and <c>n_iter_no_change</c>: the same code path as <c>backprop train --optimizer lbfgs</c>.
/// </summary>
public sealed class SolverOptionsTests
{
    /// <summary>20 rows of two features and y = 2 + 3·x1 − 1.5·x2 + a fixed wobble (so the fit is not exact).</summary>
    private static (double[,] X, double[] Y) Line()
    {
        var x = new double[20, 2];
        var y = new double[20];
        for (int i = 0; i < 20; i++)
        {
            x[i, 0] = i / 5.0 - 2;
            x[i, 1] = Math.Cos(i * 1.3);
            y[i] = 2 + 3 * x[i, 0] - 1.5 * x[i, 1] + 0.2 * Math.Sin(i * 2.7);
        }
        return (x, y);
    }

    /// <summary>Ordinary least squares with an intercept by the normal equations (XᵀX)β = Xᵀy, solved by Cramer's rule.</summary>
    private static double[] LeastSquares(double[,] x, double[] y)
    {
        var a = new double[3, 3];
        var b = new double[3];
        for (int i = 0; i < y.Length; i++)
        {
            double[] row = [1, x[i, 0], x[i, 1]];
            for (int j = 0; j < 3; j++)
            {
                b[j] += row[j] * y[i];
                for (int k = 0; k < 3; k++) a[j, k] += row[j] * row[k];
            }
        }
        static double Det(double[,] m) =>
            m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
            + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
        double d = Det(a);
        var beta = new double[3];
        for (int c = 0; c < 3; c++)
        {
            var m = (double[,])a.Clone();
            for (int r = 0; r < 3; r++) m[r, c] = b[r];
            beta[c] = Det(m) / d;
        }
        return beta;
    }

    [Theory]
    [InlineData("lbfgs")]
    [InlineData("cg")]
    public void A_full_batch_solver_reaches_the_least_squares_line(string solver)
    {
        var (x, y) = Line();
        var beta = LeastSquares(x, y);
        var model = new MlpRegressor(new MlpOptions
        {
            Optimizer = solver, HiddenLayers = [], Epochs = 500, ValidationFraction = 0, Standardize = false, ScaleTarget = false,
        }).Fit(x, y);
        Assert.Equal(solver, model.Model!.Training!.Optimizer);
        foreach (double[] row in new[] { new[] { 0.0, 0.0 }, [1.0, -1.0], [-2.0, 0.5] })
            Assert.Equal(beta[0] + beta[1] * row[0] + beta[2] * row[1], model.Predict(row), 5);
    }

    [Fact]
    public void The_estimator_stops_when_the_training_loss_stops_improving()
    {
        var (x, y) = Line();
        var options = new MlpOptions
        {
            Optimizer = "gd", LearningRate = 0.01, HiddenLayers = [], Epochs = 400, ValidationFraction = 0, BatchSize = null,
        };
        var free = new MlpRegressor(options).Fit(x, y);
        var curve = free.History.Select(r => r.Loss).ToArray();
        // scikit-learn's rule on the uninterrupted run's losses (n = 3, tol = 1e-3).
        int expected = 0, count = 0;
        double best = double.PositiveInfinity;
        for (int e = 0; e < curve.Length && expected == 0; e++)
        {
            count = curve[e] > best - 1e-3 ? count + 1 : 0;
            best = Math.Min(best, curve[e]);
            if (count > 3) expected = e + 1;
        }
        Assert.InRange(expected, 5, 399);

        var stopped = new MlpRegressor(options with { NoChangeEpochs = 3, LossTolerance = 1e-3 }).Fit(x, y);
        Assert.Equal(expected, stopped.History.Count);
        Assert.Equal(nameof(StopReason.NoImprovement), stopped.Model!.Training!.StopReason);
        Assert.Equal("training loss stopped improving by the tolerance; the last epoch's weights are kept", StopReason.NoImprovement.Describe());
    }

    [Fact]
    public void The_schedule_and_shuffle_false_reach_the_estimator()
    {
        var (x, y) = Line();
        var options = new MlpOptions
        {
            Optimizer = "gd", LearningRate = 0.1, Schedule = "step", ScheduleGamma = 0.5, ScheduleStep = 2, Epochs = 5, HiddenLayers = [],
            ValidationFraction = 0, BatchSize = 4, Shuffle = false, ShuffleEachEpoch = false,
        };
        var model = new MlpRegressor(options).Fit(x, y);
        // η·γ^⌊(epoch − 1)/step⌋: 0.1, 0.1, 0.05, 0.05, 0.025.
        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.025], model.History.Select(r => r.LearningRate).ToArray());
        Assert.False(model.Model!.Options!.ShuffleEachEpoch); // ShuffleEachEpochTests checks what it does to the batches
    }

    [Fact]
    public void The_tolerance_without_the_epochs_is_refused_by_name()
    {
        var e = Assert.Throws<Backprop.Diagnostics.BackpropException>(() => new MlpOptions { LossTolerance = 0.01 }.Validate());
        Assert.Equal("MlpOptions.LossTolerance: is the improvement MlpOptions.NoChangeEpochs waits for, but it is not given", e.Message);
        e = Assert.Throws<Backprop.Diagnostics.BackpropException>(() => new MlpOptions { NoChangeEpochs = 0 }.Validate());
        Assert.StartsWith("MlpOptions.NoChangeEpochs: ", e.Message);
    }
}
