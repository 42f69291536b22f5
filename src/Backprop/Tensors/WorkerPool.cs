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
/// <remarks>
/// <para>The hand-over between <see cref="Worker.Start"/> (the caller) and <see cref="Worker.WaitForWork"/> (the worker) is
/// Dekker's pattern on two words, the worker's generation and its sleeping flag:</para>
/// <code>
/// caller:  generation++ (Interlocked)        worker:  sleeping = 1 (Interlocked.Exchange)
///          if Exchange(sleeping, 0) == 1                if generation != seen: take the flag back, run
///              release the semaphore                    else wait on the semaphore
/// </code>
/// <para>Each side writes its word with a full fence and then reads the other's. The fences put the four operations in
/// one order that keeps each side's program order, so at least one side sees the other's write: either the caller sees
/// the flag (and releases) or the worker sees the new generation (and does not wait) — possibly both, which the flag
/// settles: it is set once per sleep and cleared by exactly one <c>Exchange(sleeping, 0)</c> that returns 1, the
/// caller's (which then releases once) or the worker's own (which then does not wait). So each release is matched by
/// exactly one wait of the same sleep, and the semaphore's count is 0 whenever the worker is about to sleep: no
/// wake-up is lost and none is left over to end a later wait early. A worker also re-reads the generation after
/// waking, so even a spurious return would only send it back to waiting.</para>
/// <para>The earlier version wrote the flag with <c>Volatile.Write</c> and then read the
/// generation with <c>Volatile.Read</c>: a release store followed by an acquire load of another
/// word, which both the processor (x86's store buffer, Arm's weaker order) and the JIT may reorder. The worker could
/// then read the old generation while its flag still sat in its store buffer; the caller's increment and
/// <c>Exchange(sleeping, 0)</c> ran in that window, found 0 and released nothing; the flag then became visible and the
/// worker slept for good, while the caller spun on the count of unfinished parts: the hang of issue 11 (a thread at
/// 100% CPU on the caller's side, an idle worker, rare and not reproducible on demand).</para>
/// <para>The job, the part number and the cleared failure are written before the generation's increment (a full
/// fence) and read after the worker has seen it; a worker's failure and writes are published by its decrement of the
/// pending count, which the caller reads before returning.</para>
/// </remarks>
internal sealed class WorkerPool
{
    /// <summary>The pool every kernel uses; idle workers spin for a millisecond before they sleep.</summary>
    public static WorkerPool Shared { get; } = new(Stopwatch.Frequency / 1000);

    private readonly long _spinTicks;
    private readonly object _gate = new();
    private Worker[] _workers = [];
    private int _busy;
    private PoolJob? _job;
    private int _pending;
    private ExceptionDispatchInfo? _failure;
    private long _sleeps;

    /// <summary>A pool whose idle workers spin for <paramref name="spinTicks"/> <see cref="Stopwatch"/> ticks before they sleep.</summary>
    public WorkerPool(long spinTicks) => _spinTicks = spinTicks;

    /// <summary>
    /// How many times a worker of this pool has set out to sleep (counted just before it raises its flag; it may then find
    /// work and not wait): tests check that the sleeping path was taken.
    /// </summary>
    public long Sleeps => Interlocked.Read(ref _sleeps);

    /// <summary>
    /// When set (benchmarks only), <see cref="Execute"/> counts the hand-overs to the workers (<see cref="Joins"/>) and the
    /// Stopwatch ticks the calling thread spent waiting for them after its own part (<see cref="JoinWaitTicks"/>).
    /// </summary>
    internal static bool MeasureJoins { get; set; }

    private long _joins, _joinWaitTicks;

    /// <summary>Hand-overs to the workers counted while <see cref="MeasureJoins"/> was set.</summary>
    public long Joins => _joins;

    /// <summary>Ticks the calling thread waited at those joins for the workers' parts.</summary>
    public long JoinWaitTicks => _joinWaitTicks;

    /// <summary>The workers started so far.</summary>
    public int Workers => _workers.Length;

    /// <summary>How many workers have raised their sleeping flag: asleep, or about to be (tests wait for all of them).</summary>
    public int SleepingWorkers => _workers.Count(w => w.Sleeping);

    /// <summary>Runs <paramref name="job"/> on the <see cref="Shared"/> pool.</summary>
    public static void Run(PoolJob job, int parts) => Shared.Execute(job, parts);

    /// <summary>
    /// Runs parts 0 … <paramref name="parts"/> − 1 of <paramref name="job"/>, at most one per thread, and returns when all
    /// are done. While another thread is using the pool the parts run one after another on the calling thread.
    /// </summary>
    public void Execute(PoolJob job, int parts)
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
            // Start's Interlocked.Increment publishes the three writes above to the worker it wakes.
            for (int w = 0; w < parts - 1; w++) workers[w].Start(w + 1);
            try { job.Run(0); }
            finally
            {
                long waitStart = MeasureJoins ? Stopwatch.GetTimestamp() : 0;
                var spin = new SpinWait();
                while (Volatile.Read(ref _pending) != 0) spin.SpinOnce(sleep1Threshold: -1);
                _job = null;
                if (MeasureJoins)
                {
                    _joins++;
                    _joinWaitTicks += Stopwatch.GetTimestamp() - waitStart;
                }
            }
            Volatile.Read(ref _failure)?.Throw();
        }
        finally { Volatile.Write(ref _busy, 0); }
    }

    private Worker[] EnsureWorkers(int count)
    {
        var workers = _workers;
        if (workers.Length >= count) return workers;
        lock (_gate)
        {
            if (_workers.Length < count)
            {
                var grown = new Worker[count];
                _workers.CopyTo(grown, 0);
                for (int w = _workers.Length; w < count; w++) grown[w] = new Worker(this, w + 1);
                _workers = grown;
            }
            return _workers;
        }
    }

    private sealed class Worker
    {
        private readonly WorkerPool _pool;
        private readonly SemaphoreSlim _wake = new(0);
        private int _part;
        private int _sleeping;
        private int _generation;
        private int _seen;

        public Worker(WorkerPool pool, int index)
        {
            _pool = pool;
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Backprop worker {index}" };
            // Not the starting caller's execution context: the pool outlives the call that grew it and serves every caller,
            // so it must not keep that caller's async-local state (its SettingNames, a CLI run's cancellation) for the others.
            thread.UnsafeStart();
        }

        public bool Sleeping => Volatile.Read(ref _sleeping) == 1;

        /// <summary>Hands part <paramref name="part"/> of the pool's current job to this worker (see the pool's remarks).</summary>
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
                // One Start per generation: the next comes only after this part's decrement below, so nothing is skipped.
                _seen = Volatile.Read(ref _generation);
                try { _pool._job!.Run(_part); }
                catch (Exception e) { Interlocked.CompareExchange(ref _pool._failure, ExceptionDispatchInfo.Capture(e), null); }
                finally { Interlocked.Decrement(ref _pool._pending); }
            }
        }

        /// <summary>Returns once the generation differs from the one last run: spinning a while, then asleep on the semaphore.</summary>
        private void WaitForWork()
        {
            long since = Stopwatch.GetTimestamp();
            var spin = new SpinWait();
            while (Volatile.Read(ref _generation) == _seen)
            {
                spin.SpinOnce(sleep1Threshold: -1);
                if (spin.Count % 64 != 0 || Stopwatch.GetTimestamp() - since < _pool._spinTicks) continue;
                Interlocked.Increment(ref _pool._sleeps);
                // A full fence between raising the flag and reading the generation (a Volatile.Write would not be one).
                Interlocked.Exchange(ref _sleeping, 1);
                if (Volatile.Read(ref _generation) != _seen)
                {
                    // Work arrived meanwhile. Whoever clears the flag owns the wake-up: if Start cleared it, its Release is
                    // coming (or came) and must be consumed now, so that the semaphore is at 0 for the next sleep.
                    if (Interlocked.Exchange(ref _sleeping, 0) == 0) _wake.Wait();
                    return;
                }
                _wake.Wait();
                // Only Start releases, after its increment; the loop's condition re-checks it all the same.
                since = Stopwatch.GetTimestamp();
            }
        }
    }
}
