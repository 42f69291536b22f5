using System.Numerics;
using Backprop.Layers;
using Backprop.Tensors;

namespace Backprop.Training.Solvers;

/// <summary>
/// The training objective as a function of one flat vector θ of every trainable parameter (frozen biases are
/// left out), with its gradient from backpropagation, for full-batch solvers.
/// </summary>
internal sealed class FlatObjective<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Network<T> _network;
    private readonly Matrix<T> _inputs, _targets;
    private readonly Matrix<T>? _weights;
    private readonly Objective _objective;
    private readonly Workspace<T> _workspace;
    private readonly Parameter<T>[] _trainable;

    public FlatObjective(Network<T> network, Matrix<T> inputs, Matrix<T> targets, Objective objective, Matrix<T>? weights = null)
    {
        _weights = weights;
        _network = network;
        _inputs = inputs;
        _targets = targets;
        _objective = objective;
        _workspace = new Workspace<T>(network, inputs.Rows);
        _trainable = network.Parameters.Where(p => p.Trainable).ToArray();
        Length = _trainable.Sum(p => p.Length);
    }

    /// <summary>The number of trainable values.</summary>
    public int Length { get; }

    /// <summary>The evaluations of E made so far (the solver's: a diagnostic evaluation sets the count back).</summary>
    public int Evaluations { get; set; }

    /// <summary>The buffers of the last evaluation (its outputs and deltas), for per-layer diagnostics.</summary>
    public Workspace<T> Workspace => _workspace;

    /// <summary>The indices in <c>Network.Parameters</c> of the trainable blocks, in the order θ holds them.</summary>
    public int[] Blocks => _network.Parameters.Select((p, i) => (p, i)).Where(b => b.p.Trainable).Select(b => b.i).ToArray();

    /// <summary>The network's current θ.</summary>
    public double[] Get()
    {
        var theta = new double[Length];
        int offset = 0;
        foreach (var p in _trainable)
            for (int i = 0; i < p.Length; i++) theta[offset++] = double.CreateChecked(p.Values[i]);
        return theta;
    }

    /// <summary>Sets θ in the network.</summary>
    public void Set(ReadOnlySpan<double> theta)
    {
        int offset = 0;
        foreach (var p in _trainable)
            for (int i = 0; i < p.Length; i++) p.Values[i] = T.CreateChecked(theta[offset++]);
    }

    /// <summary>E(θ), writing ∂E/∂θ into <paramref name="gradient"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Evaluations++;
        Set(theta);
        double value = double.CreateChecked(_objective.Evaluate(_network, _workspace, _inputs, _targets, _weights, computeGradient: true));
        int offset = 0;
        foreach (var p in _trainable)
            for (int i = 0; i < p.Length; i++) gradient[offset++] = double.CreateChecked(p.Gradient[i]);
        return value;
    }

    /// <summary>The RMSE of the last evaluation's outputs.</summary>
    public double LastRmse() => Metrics.RegressionMetrics.Rmse(_workspace.Output(_network.Layers.Count - 1), _targets);
}
