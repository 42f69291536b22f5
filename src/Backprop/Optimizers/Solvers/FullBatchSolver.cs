using System.Diagnostics;
using System.Numerics;
using Backprop.Layers;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Optimizers.Solvers;

/// <summary>
/// A second-order-style minimiser of the full-batch objective (loss + L2) over every trainable parameter, for small
/// data sets: L-BFGS (scikit-learn's default for small sets) or nonlinear conjugate gradient (the role of fmincg and
/// TNC in seed 004). Each iteration is reported as one epoch.
/// </summary>
public abstract class FullBatchSolver
{
    /// <summary>The name used on the command line.</summary>
    public abstract string Name { get; }

    /// <summary>Stop when the largest gradient component is at most this (scipy's gtol).</summary>
    public double GradientTolerance { get; init; } = 1e-5;

    /// <summary>Stop when the relative fall of E in an iteration is at most this (scipy L-BFGS-B's ftol).</summary>
    public double ValueTolerance { get; init; } = 2.2e-9;

    /// <summary>The solver called <paramref name="name"/>, or null when it names no full-batch solver.</summary>
    public static FullBatchSolver? Find(string name) => name.ToLowerInvariant() switch
    {
        "lbfgs" or "l-bfgs" => new Lbfgs(),
        "cg" => new ConjugateGradient(),
        _ => null,
    };

    /// <summary>Minimises the objective over the whole data set for at most <paramref name="iterations"/> iterations.</summary>
    public TrainingResult Minimize<T>(Network<T> network, Matrix<T> inputs, Matrix<T> targets, Objective objective, int iterations,
        Action<EpochRecord>? onIteration = null, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var clock = Stopwatch.StartNew();
        var f = new FlatObjective<T>(network, inputs, targets, objective);
        var theta = f.Get();
        var gradient = new double[theta.Length];
        double value = f.Evaluate(theta, gradient);
        var history = new List<EpochRecord>();
        var stop = StopReason.MaxEpochs;
        var state = Begin(theta.Length);
        for (int k = 1; k <= iterations; k++)
        {
            if (gradient.Max(Math.Abs) <= GradientTolerance) { stop = StopReason.Converged; break; }
            var direction = Direction(state, gradient, k);
            double step = k == 1 ? Math.Min(1, 1 / Math.Sqrt(LineSearch.Dot(gradient, gradient))) : InitialStep(state);
            var point = LineSearch.Search((x, g) => f.Evaluate(x, g), theta, value, gradient, direction, step, 1e-4, CurvatureConstant)
                ?? (Restart(state) ? LineSearch.Search((x, g) => f.Evaluate(x, g), theta, value, gradient, Negate(gradient), step, 1e-4, CurvatureConstant) : null);
            if (point is not { } p) { stop = StopReason.Converged; break; }
            Accept(state, theta, gradient, p);
            double previous = value;
            (theta, gradient, value) = (p.Theta, p.Gradient, p.Value);
            f.Set(theta);
            var record = new EpochRecord(k, value, Trainer.Measure(network, inputs, targets, objective).Rmse, LearningRate: p.Alpha);
            history.Add(record);
            onIteration?.Invoke(record);
            if ((previous - value) <= ValueTolerance * Math.Max(Math.Max(Math.Abs(previous), Math.Abs(value)), 1)) { stop = StopReason.Converged; break; }
            if (cancellationToken.IsCancellationRequested) { stop = StopReason.Cancelled; break; }
        }
        f.Set(theta);
        var (finalLoss, finalRmse) = Trainer.Measure(network, inputs, targets, objective);
        return new TrainingResult(history.Count, stop, history, finalLoss, finalRmse, clock.Elapsed.TotalSeconds);
    }

    /// <summary>c₂ of the Wolfe conditions: 0.9 for quasi-Newton methods, 0.1 for conjugate gradient.</summary>
    private protected abstract double CurvatureConstant { get; }

    /// <summary>Fresh state for a problem of <paramref name="length"/> unknowns.</summary>
    private protected abstract object Begin(int length);

    /// <summary>The search direction at iteration <paramref name="k"/>.</summary>
    private protected abstract double[] Direction(object state, double[] gradient, int k);

    /// <summary>The first step to try after the first iteration.</summary>
    private protected abstract double InitialStep(object state);

    /// <summary>Takes the accepted step into the state.</summary>
    private protected abstract void Accept(object state, double[] theta, double[] gradient, LineSearch.Point point);

    /// <summary>Forgets curvature information after a failed search; false when there is nothing to forget.</summary>
    private protected abstract bool Restart(object state);

    internal static double[] Negate(double[] v) => v.Select(x => -x).ToArray();
}
