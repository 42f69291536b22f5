using Backprop.Activations;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Tensors;

namespace Backprop.Training.Gradients;

/// <summary>
/// Proves backpropagation's gradients: every analytic ∂E/∂θ (weights and biases of every layer, frozen biases
/// and the L2 term included) is compared with the five-point central difference
/// (−E(θ+2ε) + 8E(θ+ε) − 8E(θ−ε) + E(θ−2ε)) / 12ε, whose error is O(ε⁴), in double precision.
/// </summary>
public static class GradientCheck
{
    /// <summary>The default step ε.</summary>
    public const double DefaultEpsilon = 1e-4;

    /// <summary>The default pass mark for the relative difference.</summary>
    public const double DefaultTolerance = 1e-7;

    /// <summary>Checks <paramref name="network"/>'s gradient of <paramref name="objective"/> on the batch (<paramref name="inputs"/>,
    /// <paramref name="targets"/>).</summary>
    /// <param name="network">The network, whose parameters are perturbed one at a time and restored.</param>
    /// <param name="inputs">The batch's inputs.</param>
    /// <param name="targets">The batch's targets.</param>
    /// <param name="objective">The objective whose gradient is checked.</param>
    /// <param name="epsilon">The finite-difference step.</param>
    /// <param name="tolerance">The pass mark for the relative difference.</param>
    /// <param name="pass">
    /// The forward pass every evaluation makes: inference by default (dropout passes values through); a training pass
    /// checks the gradient through dropout with the mask that pass fixes, the same mask at every evaluation.
    /// </param>
    public static GradientCheckReport Run(Network<double> network, Matrix<double> inputs, Matrix<double> targets, Objective objective,
        double epsilon = DefaultEpsilon, double tolerance = DefaultTolerance, ForwardPass pass = default) =>
            Run(network, inputs, targets, objective, null, epsilon, tolerance, pass);

    /// <summary>
    /// Checks the gradient of <paramref name="objective"/> weighted per row by <paramref name="weights"/> (one column of
    /// class and sample weights, as training uses; null for none).
    /// </summary>
    /// <param name="network">The network, whose parameters are perturbed one at a time and restored.</param>
    /// <param name="inputs">The batch's inputs.</param>
    /// <param name="targets">The batch's targets.</param>
    /// <param name="objective">The objective whose gradient is checked.</param>
    /// <param name="weights">One weight per row (a column), or null for none.</param>
    /// <param name="epsilon">The finite-difference step.</param>
    /// <param name="tolerance">The pass mark for the relative difference.</param>
    /// <param name="pass">The forward pass every evaluation makes (see the other overload).</param>
    /// <param name="valuesPerBlock">
    /// At most this many values of each parameter block (a layer's weights, its biases) are compared, chosen from
    /// <paramref name="sampleSeed"/>, so that a model of millions of weights is checked in bounded time; null compares every one.
    /// </param>
    /// <param name="sampleSeed">The seed of the sample.</param>
    /// <param name="progress">Called after each value compared with (values done, values to do).</param>
    public static GradientCheckReport Run(Network<double> network, Matrix<double> inputs, Matrix<double> targets, Objective objective,
        Matrix<double>? weights, double epsilon = DefaultEpsilon, double tolerance = DefaultTolerance, ForwardPass pass = default,
        int? valuesPerBlock = null, ulong sampleSeed = 1, Action<long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(objective);
        if (valuesPerBlock is < 1) throw new ArgumentOutOfRangeException(nameof(valuesPerBlock), valuesPerBlock, "At least one value per block.");
        if (weights is not null && (weights.Rows != inputs.Rows || weights.Columns != 1))
            throw new BackpropException($"the weights ({weights.Rows}×{weights.Columns}) are not one column of a weight per row of the " +
                $"{inputs.Rows} rows");
        if (!(epsilon > 0) || !double.IsFinite(epsilon))
            throw new BackpropException($"the finite-difference step must be a positive number, not {epsilon}");
        objective.EnsureTrainable(network);
        if (inputs.Columns != network.Inputs || targets.Columns != network.Outputs || inputs.Rows != targets.Rows || inputs.Rows == 0)
            throw new BackpropException($"the data ({inputs.Rows}×{inputs.Columns} inputs, {targets.Rows}×{targets.Columns} targets) does not fit " +
                $"the {network} network");

        var workspace = new Workspace<double>(network, inputs.Rows) { Pass = pass };
        objective.Evaluate(network, workspace, inputs, targets, weights, computeGradient: true);
        var analytic = network.Parameters.Select(p => (double[])p.Gradient.Clone()).ToArray();
        var kinked = Enumerable.Range(0, network.Layers.Count).Where(l => network.Layers[l].Activation is Relu or LeakyRelu).ToArray();
        var signs = kinked.Select(l => workspace.Net(l).Span.ToArray().Select(v => v > 0).ToArray()).ToArray();

        bool CrossedKink()
        {
            for (int k = 0; k < kinked.Length; k++)
            {
                var net = workspace.Net(kinked[k]).Span;
                for (int i = 0; i < net.Length; i++) if (net[i] > 0 != signs[k][i]) return true;
            }
            return false;
        }

        var results = new List<ParameterCheck>();
        var rng = new Initialization.Rng(sampleSeed, Initialization.Rng.Streams.GradientSample);
        var chosen = network.Parameters.Select(p => Sample(p.Values.Length, valuesPerBlock, rng)).ToArray();
        long total = chosen.Sum(c => (long)c.Length), done = 0;
        for (int p = 0; p < network.Parameters.Count; p++)
        {
            var parameter = network.Parameters[p];
            var values = parameter.Values;
            double squaredDifference = 0, squaredAnalytic = 0, squaredNumeric = 0, maxAbsolute = 0;
            int checkedCount = 0, skipped = 0;
            foreach (int k in chosen[p])
            {
                progress?.Invoke(done++, total);
                double original = values[k];
                bool kink = false;
                double Evaluate(double offset)
                {
                    values[k] = original + offset;
                    double e = objective.Evaluate(network, workspace, inputs, targets, weights, computeGradient: false);
                    kink |= CrossedKink();
                    return e;
                }
                double FivePoint(double h) => (-Evaluate(2 * h) + 8 * Evaluate(h) - 8 * Evaluate(-h) + Evaluate(-2 * h)) / (12 * h);
                // Near a ReLU kink the step is shrunk (ε, ε/100, ε/10⁴) so that it stays on one side of it.
                double numeric = 0;
                for (double h = epsilon; h >= epsilon * 1e-4; h *= 1e-2)
                {
                    kink = false;
                    numeric = FivePoint(h);
                    if (!kink) break;
                }
                values[k] = original;
                if (kink) { skipped++; continue; }
                double a = analytic[p][k];
                squaredDifference += (a - numeric) * (a - numeric);
                squaredAnalytic += a * a;
                squaredNumeric += numeric * numeric;
                maxAbsolute = Math.Max(maxAbsolute, Math.Abs(a - numeric));
                checkedCount++;
            }
            double scale = Math.Max(Math.Max(Math.Sqrt(squaredAnalytic), Math.Sqrt(squaredNumeric)), 1e-8);
            double relative = double.IsFinite(squaredDifference) ? Math.Sqrt(squaredDifference) / scale : double.PositiveInfinity;
            results.Add(new ParameterCheck(parameter.Name, parameter.Layer, parameter.IsWeight, relative, maxAbsolute, checkedCount, skipped));
        }
        progress?.Invoke(total, total);
        objective.Evaluate(network, workspace, inputs, targets, weights, computeGradient: true); // leave the gradients as the caller would expect
        return new GradientCheckReport(results, epsilon, tolerance);
    }

    /// <summary>
    /// The indices of a block of <paramref name="count"/> values to compare, ascending: every one, or <paramref name="most"/>
    /// of them drawn without replacement (Floyd's algorithm) when there are more.
    /// </summary>
    private static int[] Sample(int count, int? most, Initialization.Rng rng)
    {
        if (most is not int m || count <= m) return Enumerable.Range(0, count).ToArray();
        var picked = new HashSet<int>();
        for (int j = count - m; j < count; j++)
        {
            int t = rng.NextInt(j + 1);
            picked.Add(picked.Contains(t) ? j : t);
        }
        return [.. picked.Order()];
    }
}
