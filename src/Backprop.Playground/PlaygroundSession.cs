using System.Text.Json.Nodes;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Playground;

/// <summary>
/// One page's network and training: the setup, the data, the network, and a loop of its own that trains while playing,
/// so that one page never waits for another. Each epoch is <see cref="Trainer">Trainer.Train</see> for one epoch with plain
/// gradient descent (stateless, so epoch after epoch is one run), shuffled from the setup's seed and the epoch number.
/// Playing takes one of the server's <see cref="TrainingSlots"/>; a session whose page has not been seen (no event
/// stream open, no request) for <c>idleAfter</c> pauses and gives its slot back, so no page open means no training.
/// </summary>
internal sealed class PlaygroundSession : IDisposable
{
    /// <summary>Points per side of the output heatmap and of each unit's thumbnail.</summary>
    public const int HeatmapSize = 40, ThumbnailSize = 16;

    /// <summary>Epochs one session may train before it stops by itself.</summary>
    public const int MaxEpochs = 100_000;

    private readonly object _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(int Epoch, double Train, double Test)> _history = [];
    private Network<double> _network;
    private bool _playing;
    private int _epoch;
    private int _version;
    private readonly TrainingSlots _slots;
    private readonly long _idleAfter;
    private long _lastSeen = Environment.TickCount64;
    private readonly SemaphoreSlim _wake = new(0);

    public PlaygroundSession(string id, PlaygroundSetup setup, PlaygroundData data, TrainingSlots slots, TimeSpan idleAfter)
    {
        Id = id; Setup = setup; Data = data;
        _slots = slots;
        _idleAfter = (long)idleAfter.TotalMilliseconds;
        _network = Build();
        Record();
        _ = Task.Run(Loop);
    }

    public string Id { get; }
    public PlaygroundSetup Setup { get; }
    public PlaygroundData Data { get; }

    /// <summary>Bumped by every change a page should draw.</summary>
    public int Version { get { lock (_gate) return _version; } }

    private Network<double> Build()
    {
        var specs = Setup.Layers.Select(units => new LayerSpec(units, Setup.Activation))
            .Append(new LayerSpec(1, Data.IsRegression ? "identity" : "sigmoid")).ToList();
        return Network<double>.Create(Setup.Features.Count, specs, Setup.Seed);
    }

    private Objective Objective => new(Data.IsRegression ? new SquaredError() : new CrossEntropy(), Reduction.Mean, Setup.L2);

    /// <summary>Whether the session plays now.</summary>
    public bool Playing { get { lock (_gate) return _playing; } }

    /// <summary>The page is there: it holds the event stream open or sent a request.</summary>
    public void Seen() => Interlocked.Exchange(ref _lastSeen, Environment.TickCount64);

    /// <summary>play, pause, step (one epoch) or reset (new weights from the seed); false when play finds no free slot.</summary>
    public bool Control(string action)
    {
        Seen();
        lock (_gate)
        {
            switch (action)
            {
                case "play":
                    if (_epoch >= MaxEpochs) return true;
                    if (!_slots.TryTake(this)) return false;
                    _playing = true;
                    _wake.Release();
                    break;
                case "pause": Stop(); break;
                case "step": Stop(); TrainEpoch(); break;
                case "reset": Stop(); _network = Build(); _epoch = 0; _history.Clear(); Record(); break;
                default: throw new ArgumentException($"'{PlaygroundGuard.OneLine(action)}' is not play, pause, step or reset");
            }
            _version++;
            return true;
        }
    }

    /// <summary>Stops playing and gives the slot back (under the lock).</summary>
    private void Stop()
    {
        _playing = false;
        _slots.Release(this);
    }

    private async Task Loop()
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            bool trained = false;
            lock (_gate)
            {
                if (_playing && (_epoch >= MaxEpochs || Environment.TickCount64 - Interlocked.Read(ref _lastSeen) > _idleAfter))
                {
                    Stop(); // the last epoch, or the page is gone
                    _version++;
                }
                else if (_playing)
                {
                    // About 20 ms of training between pictures.
                    var until = Environment.TickCount64 + 20;
                    do TrainEpoch(); while (Environment.TickCount64 < until && _epoch < MaxEpochs);
                    _version++;
                    trained = true;
                }
            }
            try
            {
                if (trained) await Task.Delay(30, stop);
                else await _wake.WaitAsync(stop); // paused: no work, no wake-ups, until play
            }
            catch (OperationCanceledException) { return; }
        }
    }

    private void TrainEpoch()
    {
        var (x, t) = Data.Split(Setup.Features, train: true);
        Trainer.Train(_network, x, t, new TrainingOptions
        {
            Objective = Objective, Optimizer = new GradientDescent(), LearningRate = Setup.LearningRate, Epochs = 1,
            BatchSize = Math.Min(Setup.BatchSize, x.Rows), Seed = Setup.Seed + (ulong)_epoch,
        });
        _epoch++;
        Record();
    }

    private void Record()
    {
        var (x, t) = Data.Split(Setup.Features, train: true);
        var (tx, tt) = Data.Split(Setup.Features, train: false);
        var objective = Objective with { L2 = 0 };
        _history.Add((_epoch, objective.Value(_network, x, t), objective.Value(_network, tx, tt)));
        if (_history.Count > 2000) _history.RemoveRange(1, 1000); // keep the start and the recent past
    }

    /// <summary>The network's outputs at <paramref name="size"/>² points of the square, row by row from the top, for every layer.</summary>
    private (Workspace<double> Workspace, int Size) Grid(int size)
    {
        var xs = new double[size * size];
        var ys = new double[size * size];
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++)
            {
                xs[r * size + c] = -PlaygroundData.Extent + 2 * PlaygroundData.Extent * (c + 0.5) / size;
                ys[r * size + c] = PlaygroundData.Extent - 2 * PlaygroundData.Extent * (r + 0.5) / size;
            }
        var workspace = new Workspace<double>(_network, xs.Length);
        workspace.Forward(PlaygroundData.Inputs(Setup.Features, xs, ys));
        return (workspace, size);
    }

    private static JsonArray Round(ReadOnlySpan<double> values)
    {
        var array = new JsonArray();
        foreach (double v in values) array.Add(Math.Round(v, 4));
        return array;
    }

    /// <summary>What the page draws now: epoch, losses and their history, the heatmap, every unit's thumbnail and every weight.</summary>
    public JsonObject Snapshot()
    {
        lock (_gate)
        {
            var (heat, _) = Grid(HeatmapSize);
            var (thumbs, _) = Grid(ThumbnailSize);
            var units = new JsonArray();
            for (int l = 0; l < _network.Layers.Count; l++)
            {
                var output = thumbs.Output(l);
                for (int j = 0; j < _network.Layers[l].Units; j++)
                {
                    var column = new double[output.Rows];
                    for (int r = 0; r < output.Rows; r++) column[r] = output[r, j];
                    units.Add(new JsonObject { ["layer"] = l + 1, ["unit"] = j, ["values"] = Round(column) });
                }
            }
            var weights = new JsonArray();
            for (int l = 0; l < _network.Layers.Count; l++)
            {
                var layer = _network.Layers[l];
                for (int j = 0; j < layer.Units; j++)
                    for (int i = 0; i < layer.Inputs; i++)
                        weights.Add(new JsonArray(l, i, j, Math.Round(layer.Weights[j, i], 5)));
            }
            var last = _history[^1];
            return new JsonObject
            {
                ["version"] = _version,
                ["epoch"] = _epoch,
                ["playing"] = _playing,
                ["trainLoss"] = last.Train,
                ["testLoss"] = last.Test,
                ["history"] = new JsonArray(_history.Where((_, k) => k % Math.Max(1, _history.Count / 300) == 0 || k == _history.Count - 1)
                    .Select(h => (JsonNode?)new JsonArray(h.Epoch, Math.Round(h.Train, 6), Math.Round(h.Test, 6))).ToArray()),
                ["heatmap"] = Round(heat.Output(_network.Layers.Count - 1).Span),
                ["units"] = units,
                ["weights"] = weights,
            };
        }
    }

    /// <summary>The points, once per setup: x, y, label, and whether each is a training point.</summary>
    public JsonObject Points() => new()
    {
        ["x"] = Round(Data.X), ["y"] = Round(Data.Y), ["label"] = Round(Data.Label), ["train"] = Data.TrainCount,
        ["regression"] = Data.IsRegression, ["layers"] = new JsonArray([Setup.Features.Count, .. Setup.Layers.Select(u => (JsonNode?)u), 1]),
        ["features"] = new JsonArray(Setup.Features.Select(f => (JsonNode?)f).ToArray()),
    };

    /// <summary>A copy of the current network, for the step-through of one point.</summary>
    public Network<double> Network { get { lock (_gate) return _network.Clone(); } }

    /// <summary>The objective the session trains with.</summary>
    public Objective TrainingObjective => Objective;

    public void Dispose()
    {
        lock (_gate) Stop();
        _stop.Cancel();
        _stop.Dispose();
    }
}
