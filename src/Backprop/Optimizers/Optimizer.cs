using System.Collections.Concurrent;
using System.Numerics;
using Backprop.Layers;
using Backprop.Tensors;

namespace Backprop.Optimizers;

/// <summary>
/// Turns gradients into a parameter update. An optimiser owns the state it keeps per parameter (velocities,
/// moments) in named slots, so one instance serves one network, and a checkpoint can save and restore it.
/// </summary>
public abstract class Optimizer
{
    private readonly ConcurrentDictionary<(string Slot, int Parameter), Array> _slots = new();

    /// <summary>The name used on the command line and in model files.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The names of the state slots <see cref="Update{T}"/> keeps per parameter (<see cref="Slot{T}"/>): what a checkpoint of this
    /// optimiser may hold, checked on resuming. None by default; an optimiser of one's own that keeps state names it here.
    /// </summary>
    public virtual IReadOnlyList<string> SlotNames => [];

    /// <summary>Updates made so far (Adam's t).</summary>
    public long Steps { get; private set; }

    /// <summary>
    /// Updates every trainable parameter from its <see cref="Parameter{T}.Gradient"/>, all from the same gradient evaluation.
    /// Large networks are updated by several threads, each over its own ranges of values; every value gets the same
    /// arithmetic whichever thread updates it.
    /// </summary>
    public void Step<T>(IReadOnlyList<Parameter<T>> parameters, double learningRate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Steps++;
        long values = 0;
        for (int p = 0; p < parameters.Count; p++)
            if (parameters[p].Trainable) values += parameters[p].Length;
        int parts = (int)Math.Clamp(values / ValuesPerThread, 1, Gemm.MaxThreads);
        if (parts == 1)
        {
            for (int p = 0; p < parameters.Count; p++)
                if (parameters[p].Trainable) Update(parameters[p], p, learningRate, 0, parameters[p].Length);
            return;
        }
        var job = StepJob<T>.ForThisThread;
        job.Set(this, parameters, learningRate, parts);
        try { WorkerPool.Run(job, parts); }
        finally { job.Set(null, null, 0, 0); }
    }

    /// <summary>Below this many values per thread, a step runs on one thread.</summary>
    private const int ValuesPerThread = 32_768;

    /// <summary>
    /// Updates values [<paramref name="start"/>, <paramref name="end"/>) of one parameter block; <paramref name="index"/>
    /// identifies its state slots. Ranges of one block may be updated at the same time on different threads.
    /// </summary>
    protected abstract void Update<T>(Parameter<T> parameter, int index, double learningRate, int start, int end) where T : unmanaged,
        IFloatingPointIeee754<T>;

    /// <summary>
    /// The state array <paramref name="slot"/> of parameter <paramref name="index"/>, zero at first. The threads of a step
    /// look slots up at the same moment: reading takes no lock, and only the first step's creation does.
    /// </summary>
    protected T[] Slot<T>(string slot, int index, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (_slots.TryGetValue((slot, index), out var existing) && existing is T[] typed && typed.Length == length) return typed;
        lock (_slots)
        {
            if (_slots.TryGetValue((slot, index), out existing) && existing is T[] again && again.Length == length) return again;
            var created = new T[length];
            _slots[(slot, index)] = created;
            return created;
        }
    }

    /// <summary>One step split across threads: part k updates the k-th of <c>parts</c> ranges of every block, cut at multiples of 64
    /// values.</summary>
    private sealed class StepJob<T> : PoolJob where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic] private static StepJob<T>? t_job;
        private Optimizer? _optimizer;
        private IReadOnlyList<Parameter<T>>? _parameters;
        private double _rate;
        private int _parts;

        public static StepJob<T> ForThisThread => t_job ??= new StepJob<T>();

        public void Set(Optimizer? optimizer, IReadOnlyList<Parameter<T>>? parameters, double rate, int parts) =>
            (_optimizer, _parameters, _rate, _parts) = (optimizer, parameters, rate, parts);

        public override void Run(int part)
        {
            for (int p = 0; p < _parameters!.Count; p++)
            {
                var parameter = _parameters[p];
                if (!parameter.Trainable) continue;
                int start = Bound(parameter.Length, part), end = Bound(parameter.Length, part + 1);
                if (start < end) _optimizer!.Update(parameter, p, _rate, start, end);
            }
        }

        private int Bound(int length, int part) => part == _parts ? length : (int)Math.Min(length, (long)length * part / _parts / 64 * 64);
    }

    /// <summary>The optimiser's state, for a checkpoint: the step count and every slot as doubles.</summary>
    public OptimizerState ExportState() => new(Name, Steps,
        _slots.OrderBy(s => s.Key.Slot, StringComparer.Ordinal).ThenBy(s => s.Key.Parameter)
            .Select(s => new OptimizerSlot(s.Key.Slot, s.Key.Parameter, ToDoubles(s.Value))).ToList());

    /// <summary>Restores a state saved by <see cref="ExportState"/> from an optimiser of the same kind, in precision
    /// <typeparamref name="T"/>.</summary>
    public void ImportState<T>(OptimizerState state) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (state.Optimizer != Name) throw new ArgumentException($"The state is {state.Optimizer}'s, not {Name}'s.", nameof(state));
        _slots.Clear();
        Steps = state.Steps;
        foreach (var slot in state.Slots) _slots[(slot.Slot, slot.Parameter)] = slot.Values.Select(T.CreateChecked).ToArray();
    }

    private static double[] ToDoubles(Array values) => values switch
    {
        double[] d => (double[])d.Clone(),
        float[] f => f.Select(v => (double)v).ToArray(),
        _ => throw new InvalidOperationException($"Unexpected state of type {values.GetType()}."),
    };

    /// <summary>The optimiser called <paramref name="name"/> with its usual settings.</summary>
    public static Optimizer Create(string name, double momentum = 0.9, double weightDecay = 0.01)
    {
        ArgumentNullException.ThrowIfNull(name);
        return OptimizerRegistry.Create(name, new OptimizerSettings(momentum, weightDecay));
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>An optimiser's saved state.</summary>
public sealed record OptimizerState(string Optimizer, long Steps, IReadOnlyList<OptimizerSlot> Slots);

/// <summary>One state array: its slot name, the index of the parameter block it belongs to, and its values.</summary>
public sealed record OptimizerSlot(string Slot, int Parameter, double[] Values);
