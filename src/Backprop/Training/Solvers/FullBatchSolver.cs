using System.Numerics;
using Backprop.Layers;
using Backprop.Tensors;

namespace Backprop.Training.Solvers;

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

    /// <summary>The full-batch solvers' names, as <c>--optimizer</c> and the model file give them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["lbfgs", "cg"];

    /// <summary>The solver called <paramref name="name"/>, or null when it names no full-batch solver.</summary>
    public static FullBatchSolver? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
    {
        "lbfgs" or "l-bfgs" => new Lbfgs(),
        "cg" => new ConjugateGradient(),
        _ => null,
    };
    }

    /// <summary>
    /// Minimises the objective over the whole data set for at most <paramref name="iterations"/> iterations: the same as
    /// <see cref="Trainer">Trainer.Train</see> with this solver and no other option.
    /// </summary>
    public TrainingResult Minimize<T>(Network<T> network, Matrix<T> inputs, Matrix<T> targets, Objective objective, int iterations,
        Action<EpochRecord>? onIteration = null, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Trainer.Train(network, inputs, targets, new TrainingOptions { Objective = objective, Solver = this, Epochs = iterations }, onIteration,
            cancellationToken);

    /// <summary>c₂ of the Wolfe conditions: 0.9 for quasi-Newton methods, 0.1 for conjugate gradient.</summary>
    internal abstract double CurvatureConstant { get; }

    /// <summary>Fresh state for a problem of <paramref name="length"/> unknowns.</summary>
    internal abstract object Begin(int length);

    /// <summary>The search direction at iteration <paramref name="k"/>.</summary>
    internal abstract double[] Direction(object state, double[] gradient, int k);

    /// <summary>The first step to try after the first iteration.</summary>
    internal abstract double InitialStep(object state);

    /// <summary>Takes the accepted step into the state.</summary>
    internal abstract void Accept(object state, double[] theta, double[] gradient, LineSearch.Point point);

    /// <summary>Forgets curvature information after a failed search; false when there is nothing to forget.</summary>
    internal abstract bool Restart(object state);

    /// <summary>The state's vectors (each as long as θ) and its numbers, for a checkpoint.</summary>
    internal abstract (IReadOnlyList<(string Name, double[] Vector)> Vectors, double[] Scalars) Save(object state);

    /// <summary>The state <see cref="Save"/> described; null when the saved parts do not make one.</summary>
    internal abstract object? Load(IReadOnlyDictionary<string, double[]> vectors, IReadOnlyList<double> scalars);

    internal static double[] Negate(double[] v) => v.Select(x => -x).ToArray();
}
