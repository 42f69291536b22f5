using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Gradients;
using Backprop.Training.Solvers;
using Backprop.Training.Weights;

namespace Backprop.Tests.Training;

/// <summary>
/// Class and sample weights in the loss. The reference is independent of the weighted code: a row of integer weight k
/// counts as k copies of the row (scikit-learn's meaning of sample_weight), so the weighted loss and gradient must equal
/// the unweighted ones of the data with each row repeated k times, and a row of weight 0 must count as absent.
/// </summary>
public class WeightedLossTests
{
    private static readonly double[,] X = { { 0.2, -1.0 }, { 1.5, 0.3 }, { -0.7, 0.8 }, { 0.1, 0.1 }, { 2.0, -0.5 } };
    private static readonly int[] Copies = [2, 1, 0, 3, 1];

    private static (Matrix<double> X, Matrix<double> T) Data(int outputs)
    {
        var x = Matrix<double>.FromArray(X);
        var t = new Matrix<double>(x.Rows, outputs);
        for (int r = 0; r < x.Rows; r++)
        {
            if (outputs == 1) t[r, 0] = r % 2;
            else t[r, r % outputs] = 1;
        }
        return (x, t);
    }

    private static (Matrix<double> X, Matrix<double> T) Repeated(Matrix<double> x, Matrix<double> t, int[] copies)
    {
        var rows = Enumerable.Range(0, x.Rows).SelectMany(r => Enumerable.Repeat(r, copies[r])).ToArray();
        var rx = new Matrix<double>(rows.Length, x.Columns);
        var rt = new Matrix<double>(rows.Length, t.Columns);
        x.GatherRows(rows, rx);
        t.GatherRows(rows, rt);
        return (rx, rt);
    }

    private static Matrix<double> Column(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var m = new Matrix<double>(v.Length, 1);
        for (int i = 0; i < v.Length; i++) m[i, 0] = v[i];
        return m;
    }

    public static TheoryData<string, string, int, Reduction, double> Cases => new()
    {
        { "squared", "identity", 2, Reduction.Mean, 0 },
        { "squared", "sigmoid", 1, Reduction.Sum, 0.3 },
        { "cross-entropy", "sigmoid", 1, Reduction.Mean, 0.3 },
        { "cross-entropy", "softmax", 3, Reduction.Mean, 0.1 },
        { "cross-entropy", "softmax", 3, Reduction.Sum, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Integer_weights_count_as_copies_of_the_row(string loss, string output, int outputs, Reduction reduction, double l2)
    {
        var (x, t) = Data(outputs);
        var objective = new Objective(Loss.Get(loss), reduction, l2);
        var weighted = Network<double>.Create(2, [new LayerSpec(4, "tanh"), new LayerSpec(outputs, output)], seed: 5);
        var copied = weighted.Clone();
        double a = weighted.Value(x, t, objective, Column(Copies.Select(c => (double)c)), out var ga);
        var (rx, rt) = Repeated(x, t, Copies);
        double b = copied.Value(rx, rt, objective, null, out var gb);
        Assert.Equal(b, a, 1e-12);
        for (int p = 0; p < ga.Length; p++)
            for (int i = 0; i < ga[p].Length; i++) Assert.Equal(gb[p][i], ga[p][i], 1e-12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_weighted_gradient_matches_finite_differences(string loss, string output, int outputs, Reduction reduction, double l2)
    {
        var (x, t) = Data(outputs);
        var network = Network<double>.Create(2, [new LayerSpec(4, "tanh"), new LayerSpec(outputs, output)], seed: 7);
        var report = GradientCheck.Run(network, x, t, new Objective(Loss.Get(loss), reduction, l2), Column([0.5, 2.25, 0, 1.75, 0.1]));
        Assert.True(report.Passed, string.Join("; ", report.Parameters.Select(p => $"{p.Name} {p.RelativeDifference:E2}")));
    }

    [Fact]
    public void Balanced_class_weights_are_n_over_k_times_the_count()
    {
        // 10 rows: 6 of a, 3 of b, 1 of c. By hand: 10/(3·6) = 0.5556, 10/(3·3) = 1.1111, 10/(3·1) = 3.3333.
        var t = new Matrix<double>(10, 3);
        int[] classes = [0, 0, 1, 0, 2, 0, 1, 0, 1, 0];
        for (int r = 0; r < 10; r++) t[r, classes[r]] = 1;
        var w = ClassWeighting.Balanced.Resolve(["a", "b", "c"], t);
        Assert.Equal([10.0 / 18, 10.0 / 9, 10.0 / 3], w);
        // One 0/1 output: class 1 where the target reaches 0.5.
        var binary = Column([1, 0, 0, 0]);
        Assert.Equal([4.0 / 6, 4.0 / 2], ClassWeighting.Balanced.Resolve(["no", "yes"], binary));
        Assert.Equal([1.0, 3.0], ClassWeighting.Of(new Dictionary<string, double> { ["yes"] = 3 }).Resolve(["no", "yes"], binary));
    }

    [Fact]
    public void A_class_weight_for_another_class_or_a_class_without_rows_is_refused()
    {
        var binary = Column([1, 1, 1]);
        var e = Assert.Throws<BackpropException>(() => ClassWeighting.Of(new Dictionary<string, double> { ["maybe"] = 2 })
            .Resolve(["no", "yes"], binary));
        Assert.Contains("'maybe' is not a class of the target (its classes: no, yes)", e.Message);
        e = Assert.Throws<BackpropException>(() => ClassWeighting.Balanced.Resolve(["no", "yes"], binary));
        Assert.Contains("class 'no' has no training row", e.Message);
    }

    [Fact]
    public void Full_batch_training_with_weights_equals_training_on_the_repeated_rows()
    {
        // Gradient descent on the whole batch: each step's gradient is the same either way, so the runs agree to rounding.
        var (x, t) = Data(3);
        var weighted = Network<double>.Create(2, [new LayerSpec(5, "relu"), new LayerSpec(3, "softmax")], seed: 2);
        var copied = weighted.Clone();
        var options = new TrainingOptions { Objective = new Objective(new CrossEntropy(), Reduction.Mean, 0.01), LearningRate = 0.5, Epochs = 50 };
        var a = Trainer.Train(weighted, x, t, options with { SampleWeights = Copies.Select(c => (double)c).ToArray() });
        var (rx, rt) = Repeated(x, t, Copies);
        var b = Trainer.Train(copied, rx, rt, options);
        Assert.Equal(b.FinalLoss, a.FinalLoss, 1e-10);
        for (int p = 0; p < weighted.Parameters.Count; p++)
            for (int i = 0; i < weighted.Parameters[p].Length; i++) Assert.Equal(copied.Parameters[p].Values[i],
                weighted.Parameters[p].Values[i], 1e-10);
        // Class weights are per-row weights too: 2 for class 0, 1 for class 1, 0.5 for class 2.
        var byClass = Trainer.Train(Network<double>.Create(2, [new LayerSpec(5, "relu"), new LayerSpec(3, "softmax")], seed: 2), x, t,
            options with { ClassWeights = [2, 1, 0.5] }).FinalLoss;
        var perRow = Trainer.Train(Network<double>.Create(2, [new LayerSpec(5, "relu"), new LayerSpec(3, "softmax")], seed: 2), x, t,
            options with { SampleWeights = [2, 1, 0.5, 2, 1] }).FinalLoss;
        Assert.Equal(perRow, byClass);
    }

    [Fact]
    public void Bad_weights_are_refused()
    {
        var (x, t) = Data(1);
        var network = Network<double>.Create(2, [new LayerSpec(1, "sigmoid")], seed: 1);
        var options = new TrainingOptions { Objective = new Objective(new CrossEntropy()), Epochs = 1 };
        Assert.Contains("3 training sample weights for 5 rows",
            Assert.Throws<TrainingException>(() => Trainer.Train(network, x, t, options with { SampleWeights = [1, 1, 1] })).Message);
        Assert.Contains("row 2 is -1", Assert.Throws<TrainingException>(() =>
            Trainer.Train(network, x, t, options with { SampleWeights = [1, -1, 1, 1, 1] })).Message);
        Assert.Contains("sum to 0", Assert.Throws<TrainingException>(() =>
            Trainer.Train(network, x, t, options with { SampleWeights = [0, 0, 0, 0, 0] })).Message);
    }

    [Fact]
    public void Balanced_weights_lift_the_minority_recall_to_where_the_theory_puts_it()
    {
        // One input; 180 rows of class 0 at the quantiles of N(0, 1) and 20 of class 1 at those of N(1.5, 1): the classes
        // overlap. For two normal classes of equal variance the posterior is exactly logistic, so logistic regression finds
        // the boundary where p₁·N(x; 1.5, 1) = p₀·N(x; 0, 1): x* = 0.75 + ln(p₀/p₁)/1.5.
        // Unweighted, p₀/p₁ = 9: x* = 0.75 + ln 9 / 1.5 = 2.21, and the share of class 1 beyond it is P(z > 0.71) = 0.24.
        // Balanced, each class weighs as much in all (p₀/p₁ = 1): x* = 0.75, and P(z > −0.75) = 0.77.
        var x = new Matrix<double>(200, 1);
        var t = new Matrix<double>(200, 1);
        for (int i = 0; i < 180; i++) x[i, 0] = NormalQuantile((i + 0.5) / 180);
        for (int i = 0; i < 20; i++) { x[180 + i, 0] = 1.5 + NormalQuantile((i + 0.5) / 20); t[180 + i, 0] = 1; }
        double Recall(TrainingOptions options)
        {
            var network = Network<double>.Create(1, [new LayerSpec(1, "sigmoid")], seed: 1);
            Trainer.Train(network, x, t, options);
            var y = network.Predict(x);
            return Enumerable.Range(180, 20).Count(r => y[r, 0] >= 0.5) / 20.0;
        }
        var lbfgs = new TrainingOptions { Objective = new Objective(new CrossEntropy()), Solver = FullBatchSolver.Find("lbfgs"), Epochs = 200 };
        double plain = Recall(lbfgs);
        double balanced = Recall(lbfgs with { ClassWeights = ClassWeighting.Balanced.Resolve(["0", "1"], t) });
        Assert.InRange(plain, 0.1, 0.4);     // theory: 0.24
        Assert.InRange(balanced, 0.65, 0.9); // theory: 0.77
    }

    /// <summary>Φ⁻¹ by bisection on Φ(x) = ½ erfc(−x/√2), erfc from Abramowitz and Stegun 7.1.26 (error below 1.5e-7).</summary>
    private static double NormalQuantile(double p)
    {
        static double Erfc(double z)
        {
            double a = Math.Abs(z), k = 1 / (1 + 0.3275911 * a);
            double e = k * (0.254829592 + k * (-0.284496736 + k * (1.421413741 + k * (-1.453152027 + k * 1.061405429)))) * Math.Exp(-a * a);
            return z >= 0 ? e : 2 - e;
        }
        double lo = -10, hi = 10;
        for (int i = 0; i < 100; i++)
        {
            double mid = (lo + hi) / 2;
            if (0.5 * Erfc(-mid / Math.Sqrt(2)) < p) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }
}

internal static class WeightedValue
{
    /// <summary>E and ∂E/∂θ of the network on the batch with the given weights.</summary>
    public static double Value(this Network<double> network, Matrix<double> x, Matrix<double> t, Objective objective, Matrix<double>? weights,
        out double[][] gradient)
    {
        double e = objective.Evaluate(network, new Workspace<double>(network, x.Rows), x, t, weights, computeGradient: true);
        gradient = network.Parameters.Select(p => (double[])p.Gradient.Clone()).ToArray();
        return e;
    }
}
