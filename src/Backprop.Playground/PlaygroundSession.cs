using System.Text.Json.Nodes;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Layers;
using Backprop.Runs;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Playground;

/// <summary>
/// One page's network and training: the setup, the data, the network, and a loop of its own that trains while playing,
/// so that one page never waits for another. Training is the library's one pipeline: the setup is one
/// <see cref="MlpOptions"/> (<see cref="PlaygroundRun"/>), and each play or step is one <c>MlpEstimator.Fit</c> on the
/// training points that continues the run so far from memory (<see cref="FitControl.ResumeModel"/>) and stops at the end
/// of an epoch (<see cref="FitControl.OnEpoch"/> keeps every epoch's network for the pictures and cancels), so that the
/// page at epoch n shows the weights one uninterrupted <c>Fit</c> of n epochs gives, bit for bit, however it was paused.
/// Playing takes one of the server's <see cref="TrainingSlots"/>; a session whose page has not been seen (no event
/// stream open, no request) for <c>idleAfter</c> pauses and gives its slot back, so no page open means no training.
/// </summary>
internal sealed partial class PlaygroundSession : IDisposable
{
    /// <summary>Points per side of the output heatmap and of each unit's thumbnail.</summary>
    public const int HeatmapSize = 80, ThumbnailSize = 20;

    /// <summary>How long one frame of playing lasts, in milliseconds: the page draws about this often.</summary>
    public const int FrameMilliseconds = 50;

    /// <summary>Epochs one session may train before it stops by itself.</summary>
    public const int MaxEpochs = 100_000;

    // _gate guards what the page sees; _training is held by the one fit that runs at a time. A thread that holds _gate
    // never waits for _training (a fit takes _gate at every epoch).
    private readonly object _gate = new(), _training = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly LossHistory _history = new();
    private PlaygroundRun _run;
    private int _epochsPerFrame;
    private readonly Queue<int> _frames = new();
    private readonly (Matrix<double> Inputs, Matrix<double> Targets) _train, _test;
    private Network<double> _network;
    private Model? _model;
    private string? _failure;
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
        _run = new PlaygroundRun(setup, data);
        _train = data.Split(setup.Features, train: true);
        _test = data.Split(setup.Features, train: false);
        _network = _run.NewNetwork();
        Record();
        _ = Task.Run(Loop);
    }

    public string Id { get; }
    public PlaygroundSetup Setup { get; private set; }
    public PlaygroundData Data { get; }

    /// <summary>The run the page's setup describes: its options (and objective), table and training rows.</summary>
    public PlaygroundRun Run { get { lock (_gate) return _run; } }

    /// <summary>The epochs at which the last (up to 64) pictures were made while playing at a set speed, oldest first.</summary>
    public IReadOnlyList<int> Frames { get { lock (_gate) return [.. _frames]; } }

    /// <summary>Epochs trained between two pictures while playing; 0: as many as fit in a frame (as fast as it goes).</summary>
    public int EpochsPerFrame { get { lock (_gate) return _epochsPerFrame; } }

    /// <summary>Bumped by every change a page should draw.</summary>
    public int Version { get { lock (_gate) return _version; } }

    /// <summary>Whether the session plays now.</summary>
    public bool Playing { get { lock (_gate) return _playing; } }

    /// <summary>The page is there: it holds the event stream open or sent a request.</summary>
    public void Seen() => Interlocked.Exchange(ref _lastSeen, Environment.TickCount64);

    /// <summary>play, pause, step (one epoch) or reset (new weights from the seed); false when play finds no free slot.</summary>
    /// <exception cref="ArgumentException">The action is none of these.</exception>
    /// <exception cref="InvalidOperationException">The run diverged (or failed): only reset goes on.</exception>
    public bool Control(string action)
    {
        Seen();
        switch (action)
        {
            case "play":
                lock (_gate)
                {
                    if (_epoch >= MaxEpochs) return true;
                    if (_failure is not null) throw new InvalidOperationException(_failure);
                    if (!_slots.TryTake(this)) return false;
                    _playing = true;
                    _version++;
                }
                _wake.Release();
                return true;
            case "pause": Pause(); break;
            case "step":
                Pause();
                lock (_training)
                {
                    lock (_gate) if (_failure is not null) throw new InvalidOperationException(_failure);
                    if (Epoch < MaxEpochs) Continue(play: false);
                }
                break;
            case "reset":
                Pause();
                lock (_training)
                    lock (_gate)
                    {
                        (_network, _model, _failure, _epoch) = (_run.NewNetwork(), null, null, 0);
                        _history.Clear();
                        Record();
                    }
                break;
            default: throw new ArgumentException($"'{PlaygroundGuard.OneLine(action)}' is not play, pause, step or reset");
        }
        lock (_gate) _version++;
        return true;
    }

    private int Epoch { get { lock (_gate) return _epoch; } }

    /// <summary>Stops playing and waits until the fit has stopped (at the end of its epoch).</summary>
    private void Pause()
    {
        lock (_gate) Stop();
        lock (_training) { }
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
            try
            {
                await _wake.WaitAsync(stop); // paused: no work, no wake-ups, until play
                // A fit holds its thread while it plays: one of its own, not the pool's.
                await Task.Factory.StartNew(Play, stop, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
            catch (OperationCanceledException) { return; }
        }
    }

    private void Play()
    {
        lock (_training)
            if (Playing) Continue(play: true);
    }

    /// <summary>
    /// One fit that continues the run (under <see cref="_training"/>): one epoch for a step; while playing, until paused,
    /// the page is gone or the last epoch, drawing about every 20 ms and resting 30 ms between, as the page shows it.
    /// </summary>
    private void Continue(bool play)
    {
        using var stop = new CancellationTokenSource();
        var run = Run;
        var estimator = MlpEstimator.For(run.Options);
        long frame = Environment.TickCount64, until = frame + 20;
        int frameEpochs = 0;
        void OnEpoch(EpochRecord record, Network<double> network)
        {
            int rest = 0;
            lock (_gate)
            {
                // A diverged epoch is not drawn: the fit ends with the last good weights.
                if (double.IsFinite(record.Loss) && network.Parameters.All(p => p.Values.All(double.IsFinite)))
                {
                    (_network, _epoch) = (network, record.Epoch);
                    Record();
                }
                if (!play || !_playing || _stop.IsCancellationRequested) stop.Cancel();
                else if (Environment.TickCount64 - Interlocked.Read(ref _lastSeen) > _idleAfter)
                {
                    Stop(); // the page is gone
                    _version++;
                    stop.Cancel();
                }
                else if (_epochsPerFrame > 0 && ++frameEpochs >= _epochsPerFrame)
                {
                    // A set speed: this many epochs, then the picture, then the rest of the frame.
                    _version++;
                    _frames.Enqueue(_epoch);
                    if (_frames.Count > 64) _frames.Dequeue();
                    rest = (int)Math.Max(1, frame + FrameMilliseconds - Environment.TickCount64);
                }
                else if (_epochsPerFrame == 0 && Environment.TickCount64 >= until)
                {
                    _version++;
                    rest = 30;
                }
            }
            if (rest == 0) return;
            _stop.Token.WaitHandle.WaitOne(rest);
            frame = Environment.TickCount64;
            until = frame + 20;
            frameEpochs = 0;
        }
        try
        {
            estimator.Fit(run.Table, PlaygroundRun.Target, run.TrainRows,
                new FitControl { ResumeModel = _model, OnEpoch = OnEpoch, Cancellation = stop.Token });
            lock (_gate) _model = estimator.FittedModel;
        }
        catch (BackpropException e)
        {
            lock (_gate)
            {
                // The weights before the step that overflowed; the run cannot go on from there.
                if (e is FitDivergedException && estimator.Network is { } good) _network = good.Clone();
                _failure = e is FitDivergedException
                    ? $"the training diverged after epoch {_epoch} (the loss overflowed): choose a lower learning rate, then reset"
                    : $"the training stopped: {PlaygroundGuard.OneLine(e.Message)}";
            }
        }
        lock (_gate)
        {
            if (play && _playing && (_epoch >= MaxEpochs || _failure is not null)) Stop(); // the last epoch, or no way on
            _version++;
        }
    }

    /// <summary>Keeps the losses of the current epoch when the history samples it (under the lock).</summary>
    private void Record()
    {
        if (!_history.Wants(_epoch)) return;
        var (train, test) = Losses();
        _history.Add(_epoch, train, test);
    }

    /// <summary>A copy of the current network, for the step-through of one point.</summary>
    public Network<double> Network { get { lock (_gate) return _network.Clone(); } }

    /// <summary>Stops playing; a fit that runs stops at the end of its epoch.</summary>
    public void Dispose()
    {
        lock (_gate) Stop();
        _stop.Cancel(); // not disposed: a fit that is ending may still read it (it holds no timer)
    }
}
