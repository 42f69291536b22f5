using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Backprop.Tensors;

/// <summary>A piece of work split into numbered parts; a class so that the pool can hold it without boxing.</summary>
internal abstract class PoolJob
{
    /// <summary>Runs part <paramref name="part"/>; parts run at the same time on different threads.</summary>
    public abstract void Run(int part);
}

/// <summary>
/// Fork–join over threads that stay alive between calls. A training step makes a few parallel calls of some tens of
/// microseconds each, where <see cref="Parallel.For(int, int, Action{int})"/> spends several microseconds and a few
/// hundred bytes per call: here the calling thread runs part 0, each worker one more part, and a worker that has been
/// idle for a millisecond goes to sleep instead of spinning. Which thread runs a part never changes what the part
/// computes, so results do not depend on the thread count.
/// </summary>
internal static class WorkerPool
{
    /// <summary>How long an idle worker spins before it sleeps.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 1000;

    private static readonly object Gate = new();
    private static Worker[] _workers = [];
    private static int _busy;
    private static PoolJob? _job;
    private static int _pending;
    private static ExceptionDispatchInfo? _failure;

    /// <summary>
    /// Runs parts 0 … <paramref name="parts"/> − 1 of <paramref name="job"/>, at most one per thread, and returns when all
    /// are done. While another thread is using the pool the parts run one after another on the calling thread.
    /// </summary>
    public static void Run(PoolJob job, int parts)
    {
        if (parts <= 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int p = 0; p < parts; p++) job.Run(p);
            return;
        }
        try
        {
            var workers = EnsureWorkers(parts - 1);
            _job = job;
            _failure = null;
            Volatile.Write(ref _pending, parts - 1);
            for (int w = 0; w < parts - 1; w++) workers[w].Start(w + 1);
            try { job.Run(0); }
            finally
            {
                var spin = new SpinWait();
                while (Volatile.Read(ref _pending) != 0) spin.SpinOnce(sleep1Threshold: -1);
                _job = null;
            }
            _failure?.Throw();
        }
        finally { Volatile.Write(ref _busy, 0); }
    }

    private static Worker[] EnsureWorkers(int count)
    {
        var workers = _workers;
        if (workers.Length >= count) return workers;
        lock (Gate)
        {
            if (_workers.Length < count)
            {
                var grown = new Worker[count];
                _workers.CopyTo(grown, 0);
                for (int w = _workers.Length; w < count; w++) grown[w] = new Worker(w + 1);
                _workers = grown;
            }
            return _workers;
        }
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim _wake = new(0);
        private int _part;
        private int _sleeping;
        private int _generation;
        private int _seen;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Backprop worker {index}" };
            thread.Start();
        }

        public void Start(int part)
        {
            _part = part;
            Interlocked.Increment(ref _generation);
            if (Interlocked.Exchange(ref _sleeping, 0) == 1) _wake.Release();
        }

        private void Loop()
        {
            while (true)
            {
                WaitForWork();
                _seen = Volatile.Read(ref _generation);
                try { _job!.Run(_part); }
                catch (Exception e) { _failure ??= ExceptionDispatchInfo.Capture(e); }
                finally { Interlocked.Decrement(ref _pending); }
            }
        }

        private void WaitForWork()
        {
            long since = Stopwatch.GetTimestamp();
            var spin = new SpinWait();
            while (Volatile.Read(ref _generation) == _seen)
            {
                spin.SpinOnce(sleep1Threshold: -1);
                if (spin.Count % 64 != 0 || Stopwatch.GetTimestamp() - since < SpinTicks) continue;
                Volatile.Write(ref _sleeping, 1);
                // Work may have arrived between the check and the flag: whoever clears the flag owns the wake-up.
                if (Volatile.Read(ref _generation) != _seen)
                {
                    if (Interlocked.Exchange(ref _sleeping, 0) == 0) _wake.Wait();
                    return;
                }
                _wake.Wait();
                return;
            }
        }
    }
}
