using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Solvers;

namespace Backprop.Tests.Optimizers;

public class FullBatchSolverTests
{
    private const double Lambda = 0.5;

    /// <summary>60 samples of two features with noisy 0/1 labels from a logistic model.</summary>
    private static (Matrix<double> X, Matrix<double> T) Data()
    {
        var rng = new Backprop.Initialization.Rng(17, 3);
        var x = new Matrix<double>(60, 2);
        var t = new Matrix<double>(60, 1);
        for (int r = 0; r < 60; r++)
        {
            x[r, 0] = rng.NextGaussian();
            x[r, 1] = rng.NextGaussian();
            double p = 1 / (1 + Math.Exp(-(1.5 * x[r, 0] - 2 * x[r, 1] + 0.3)));
            t[r, 0] = rng.NextDouble() < p ? 1 : 0;
        }
        return (x, t);
    }

    /// <summary>
    /// The optimum by Newton's method, written here independently of the library: θ = (w1, w2, b),
    /// J = (1/m)Σ CE + λ/(2m)(w1² + w2²), ∇J = (1/m)Σ (y − t)x̃ + (λ/m)(w1, w2, 0),
    /// H = (1/m)Σ y(1 − y) x̃x̃ᵀ + (λ/m)·diag(1, 1, 0), with x̃ = (x1, x2, 1).
    /// </summary>
    private static double[] Newton(Matrix<double> x, Matrix<double> t)
    {
        var theta = new double[3];
        int m = x.Rows;
        for (int iteration = 0; iteration < 50; iteration++)
        {
            var g = new double[3];
            var h = new double[3, 3];
            for (int r = 0; r < m; r++)
            {
                double[] xt = [x[r, 0], x[r, 1], 1];
                double y = 1 / (1 + Math.Exp(-(theta[0] * xt[0] + theta[1] * xt[1] + theta[2])));
                for (int i = 0; i < 3; i++)
                {
                    g[i] += (y - t[r, 0]) * xt[i] / m;
                    for (int j = 0; j < 3; j++) h[i, j] += y * (1 - y) * xt[i] * xt[j] / m;
                }
            }
            for (int i = 0; i < 2; i++) { g[i] += Lambda / m * theta[i]; h[i, i] += Lambda / m; }
            var step = Solve(h, g);
            for (int i = 0; i < 3; i++) theta[i] -= step[i];
        }
        return theta;
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var v = (double[])b.Clone();
        for (int c = 0; c < n; c++)
        {
            int pivot = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(m[r, c]));
            for (int k = 0; k < n; k++) (m[c, k], m[pivot, k]) = (m[pivot, k], m[c, k]);
            (v[c], v[pivot]) = (v[pivot], v[c]);
            for (int r = c + 1; r < n; r++)
            {
                double f = m[r, c] / m[c, c];
                for (int k = c; k < n; k++) m[r, k] -= f * m[c, k];
                v[r] -= f * v[c];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = v[r];
            for (int k = r + 1; k < n; k++) s -= m[r, k] * x[k];
            x[r] = s / m[r, r];
        }
        return x;
    }

    [Theory]
    [InlineData("lbfgs")]
    [InlineData("cg")]
    public void Solver_reaches_the_optimum_of_l2_regularised_logistic_regression(string name)
    {
        var (x, t) = Data();
        var expected = Newton(x, t);
        var network = Network<double>.Create(2, [new LayerSpec(1, "sigmoid")], seed: 1);
        var tight = name == "lbfgs" ? (FullBatchSolver)new Lbfgs { GradientTolerance = 1e-11, ValueTolerance = 0 }
            : new ConjugateGradient { GradientTolerance = 1e-11, ValueTolerance = 0 };
        var result = Trainer.Train(network, x, t, new TrainingOptions
        {
            Objective = new Objective(new CrossEntropy(), Reduction.Mean, Lambda),
            Solver = tight,
            Epochs = 500,
        });
        Assert.Equal(StopReason.Converged, result.StopReason);
        var layer = network.Layers[0];
        Assert.Equal(expected[0], layer.Weights[0, 0], 7); // to 5e-8: near the optimum the line search meets rounding noise in E
        Assert.Equal(expected[1], layer.Weights[0, 1], 7);
        Assert.Equal(expected[2], layer.Bias[0], 7);
        Assert.True(result.History.Zip(result.History.Skip(1)).All(p => p.Second.Loss <= p.First.Loss), "every iteration lowers the objective");
    }

    [Fact]
    public void Solvers_keep_frozen_biases()
    {
        var (x, t) = Data();
        var network = Network<double>.Create(2, [new LayerSpec(3, "tanh", BiasMode.Frozen), new LayerSpec(1, "sigmoid")], seed: 4);
        network.Layers[0].SetBias(0.25);
        Trainer.Train(network, x, t, new TrainingOptions { Objective = new Objective(new CrossEntropy()), Solver = new Lbfgs(), Epochs = 30 });
        Assert.Equal([0.25, 0.25, 0.25], network.Layers[0].Bias.ToArray());
    }
}
