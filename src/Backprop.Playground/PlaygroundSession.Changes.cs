using Backprop.Estimators;

namespace Backprop.Playground;

/// <summary>
/// Changes a teacher makes while a run goes on, without starting it again: the training settings and the speed, and one
/// weight set by hand. The run pauses at the end of its epoch, takes the change (<see cref="RunChange"/>) and plays on if
/// it was playing; the epoch count and the loss history go on.
/// </summary>
internal sealed partial class PlaygroundSession
{
    /// <summary>The speeds the page offers: epochs per frame, 0 for as fast as it goes.</summary>
    public static readonly int[] Speeds = [0, 1, 2, 5, 10, 20, 50, 100];

    /// <summary>
    /// Sets the learning rate, L2, L1 and batch size (null: unchanged) and the speed; the run goes on from where it stands.
    /// </summary>
    /// <returns>The first setting out of range in words, or null when they are taken.</returns>
    public string? Change(double? learningRate, double? l2, int? batchSize, int? epochsPerFrame, double? l1 = null)
    {
        Seen();
        if (epochsPerFrame is int speed && !Speeds.Contains(speed))
            return $"the speed must be one of {string.Join(", ", Speeds.Skip(1))} epochs per picture, or 0 for as fast as it goes";
        var setup = Setup with
        {
            LearningRate = learningRate ?? Setup.LearningRate, L2 = l2 ?? Setup.L2, L1 = l1 ?? Setup.L1,
            BatchSize = batchSize ?? Setup.BatchSize,
        };
        if (setup.Validate() is string problem) return problem;
        bool same = setup == Setup;
        if (same)
        {
            lock (_gate)
            {
                if (epochsPerFrame is int s) _epochsPerFrame = s;
                _version++;
            }
            return null;
        }
        Change(() =>
        {
            if (epochsPerFrame is int s) _epochsPerFrame = s;
            Setup = setup;
            _run = new PlaygroundRun(setup, Data);
            if (_model is not null) _model = RunChange.WithOptions(_model, _run.Options, Data.TrainCount);
        });
        return null;
    }

    /// <summary>Sets the weight from input <paramref name="from"/> to unit <paramref name="to"/> of layer <paramref name="layer"/>
    /// (0 for the first hidden layer); the run goes on from the edited network.</summary>
    /// <returns>What is wrong in words, or null when the weight is set.</returns>
    public string? SetWeight(int layer, int from, int to, double value)
    {
        Seen();
        var network = Network;
        if (layer < 0 || layer >= network.Layers.Count)
            return $"there is no layer {layer + 1}: this network's layers are 1 to {network.Layers.Count}";
        var dense = network.Layers[layer];
        if (from < 0 || from >= dense.Inputs || to < 0 || to >= dense.Units)
            return $"layer {layer + 1} has no edge from input {from + 1} to unit {to + 1}: it has {dense.Inputs} inputs and {dense.Units} units";
        if (!double.IsFinite(value) || Math.Abs(value) > 100) return "a weight must be a number from −100 to 100";
        lock (_training)
        {
            // A run not started yet has no model to continue: a fit stopped before its first batch makes one.
            if (Model() is null)
            {
                var estimator = MlpEstimator.For(Run.Options);
                using var cancelled = new CancellationTokenSource();
                cancelled.Cancel();
                estimator.Fit(Run.Table, PlaygroundRun.Target, Run.TrainRows, new FitControl { Cancellation = cancelled.Token });
                lock (_gate) _model = estimator.FittedModel;
            }
        }
        Change(() =>
        {
            _model = RunChange.WithWeight(_model!, layer, from, to, value);
            _network = RunChange.Network(_model);
        });
        return null;
    }

    private Model? Model() { lock (_gate) return _model; }

    /// <summary>Pauses, makes the change (under both locks), and plays on if it was playing.</summary>
    private void Change(Action change)
    {
        bool playing = Playing;
        Pause();
        lock (_training)
            lock (_gate)
            {
                change();
                _version++;
            }
        if (playing) Control("play");
    }
}
