using System.Numerics;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Training.Solvers;

namespace Backprop.Training.Steps;

/// <summary>
/// An epoch of a full-batch solver: one iteration of L-BFGS or conjugate gradient over the whole training set, a search
/// direction from the solver's memory and a strong-Wolfe line search along it. The epoch's loss and RMSE are those at
/// the new weights, and its rate is the accepted step length α.
/// </summary>
internal sealed class FullBatchSolverStep<T> : IEpochStep where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly FullBatchSolver _solver;
    private readonly Network<T> _network;
    private readonly Matrix<T> _inputs, _targets;
    private readonly TrainingOptions _options;
    private readonly LayerMonitor<T>? _monitor;
    private readonly FlatObjective<T> _f;
    private readonly int[] _blocks;
    private object _state;
    private double[] _theta, _gradient;
    private double _value;
    private long _iterations;
    private readonly Func<double[], double[], double> _evaluate;

    public FullBatchSolverStep(FullBatchSolver solver, Network<T> network, Matrix<T> inputs, Matrix<T> targets, TrainingOptions options,
        LayerMonitor<T>? monitor, Matrix<T>? weights = null)
    {
        (_solver, _network, _inputs, _targets, _options, _monitor) = (solver, network, inputs, targets, options, monitor);
        _f = new FlatObjective<T>(network, inputs, targets, options.Objective, weights);
        _blocks = _f.Blocks;
        _theta = _f.Get();
        _gradient = new double[_theta.Length];
        _value = _f.Evaluate(_theta, _gradient);
        _state = solver.Begin(_theta.Length);
        _evaluate = (x, g) => _f.Evaluate(x, g);
    }

    public string Name => _solver.Name;

    public EpochOutcome Run(int epoch, double rate, int firstBatch, double lossSum, double squaredErrorSum, CancellationToken cancellationToken)
    {
        // An objective that is not finite where the solver stands (overflowing data or weights) is the loop's divergence, not convergence.
        if (!double.IsFinite(_value) || !Array.TrueForAll(_gradient, double.IsFinite))
            return new EpochOutcome(EpochEnd.Finished, double.NaN, double.NaN, double.NaN);
        if (_gradient.Max(Math.Abs) <= _solver.GradientTolerance) return new EpochOutcome(EpochEnd.NoStep, _value, double.NaN, double.NaN);
        var direction = _solver.Direction(_state, _gradient, (int)_iterations + 1);
        double step = _iterations == 0 ? Math.Min(1, 1 / Math.Sqrt(LineSearch.Dot(_gradient, _gradient))) : _solver.InitialStep(_state);
        double c2 = _solver.CurvatureConstant;
        var point = LineSearch.Search(_evaluate, _theta, _value, _gradient, direction, step, 1e-4, c2)
            ?? (_solver.Restart(_state) ? LineSearch.Search(_evaluate, _theta, _value, _gradient, FullBatchSolver.Negate(_gradient), step, 1e-4,
                c2) : null);
        if (point is not { } p)
        {
            _f.Set(_theta); // the line search left its last trial in the network
            return new EpochOutcome(EpochEnd.NoStep, _value, double.NaN, double.NaN);
        }
        _solver.Accept(_state, _theta, _gradient, p);
        double previous = _value;
        (_theta, _gradient, _value) = (p.Theta, p.Gradient, p.Value);
        _f.Set(_theta);
        // θ as the network holds it (rounded to float in single precision), so that a run resumed from the saved weights goes on identically.
        if (typeof(T) != typeof(double)) _theta = _f.Get();
        _iterations++;
        double rmse = Trainer.Measure(_network, _inputs, _targets, _options.Objective).Rmse;
        if (_monitor is not null)
        {
            int counted = _f.Evaluations;
            _f.Evaluate(_theta, new double[_theta.Length]); // the gradient at the new weights, for the per-layer norms
            _f.Evaluations = counted; // not one of the solver's
            _monitor.AfterBatch(_f.Workspace);
        }
        _options.OnBatch?.Invoke(epoch, 1, 1);
        bool converged = previous - _value <= _solver.ValueTolerance * Math.Max(Math.Max(Math.Abs(previous), Math.Abs(_value)), 1);
        bool capped = _options.MaxFunctionEvaluations is int cap && _f.Evaluations >= cap;
        return new EpochOutcome(converged ? EpochEnd.FinishedConverged : capped ? EpochEnd.FinishedEvaluations : EpochEnd.Finished, _value, rmse,
            p.Alpha);
    }

    /// <summary>
    /// The iterations made, each of the solver's vectors cut into one slot per trainable parameter block (as an
    /// optimiser's slots are), and its numbers in the slot <c>scalars</c> of the first block.
    /// </summary>
    public OptimizerState ExportState()
    {
        var (vectors, scalars) = _solver.Save(_state);
        var slots = new List<OptimizerSlot>();
        foreach (var (name, vector) in vectors)
        {
            int offset = 0;
            foreach (int block in _blocks)
            {
                int length = _network.Parameters[block].Length;
                slots.Add(new OptimizerSlot(name, block, vector.AsSpan(offset, length).ToArray()));
                offset += length;
            }
        }
        slots.Add(new OptimizerSlot("scalars", _blocks.Length > 0 ? _blocks[0] : 0, scalars));
        return new OptimizerState(Name, _iterations, slots);
    }

    public void ImportState(OptimizerState state)
    {
        if (state.Optimizer != Name)
            throw new TrainingException($"the checkpoint holds the state of {state.Optimizer}, not of {Name}: resume with the optimizer it " +
                $"was saved with");
        var pieces = new Dictionary<string, Dictionary<int, double[]>>();
        double[]? scalars = null;
        foreach (var slot in state.Slots)
        {
            if (slot.Slot == "scalars") { scalars = slot.Values; continue; }
            if (!pieces.TryGetValue(slot.Slot, out var blocks)) pieces[slot.Slot] = blocks = [];
            blocks[slot.Parameter] = slot.Values;
        }
        var vectors = new Dictionary<string, double[]>();
        foreach (var (name, blocks) in pieces)
        {
            var vector = new double[_theta.Length];
            int offset = 0;
            foreach (int block in _blocks)
            {
                int length = _network.Parameters[block].Length;
                if (!blocks.TryGetValue(block, out var values) || values.Length != length) throw Misfit();
                values.CopyTo(vector, offset);
                offset += length;
            }
            if (blocks.Count != _blocks.Length) throw Misfit();
            vectors[name] = vector;
        }
        _state = (scalars is null ? null : _solver.Load(vectors, scalars)) ?? throw Misfit();
        _iterations = state.Steps;

        TrainingException Misfit() => new($"the checkpoint's {Name} state does not fit this network");
    }
}
