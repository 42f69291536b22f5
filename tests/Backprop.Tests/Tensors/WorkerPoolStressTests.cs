using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

/// <summary>
/// The worker pool's hand-over under stress: many fork–join rounds on a private pool whose workers go to sleep after a
/// few dozen idle spins, with random short delays on the caller's side (so that a worker is sometimes asleep, sometimes
/// falling asleep, sometimes spinning when work arrives) and inside the parts. A lost wake-up shows as a round that never
/// finishes, which fails the test after 10 s instead of hanging it.
/// </summary>
public class WorkerPoolStressTests
{
    /// <summary>Rounds per run: BACKPROP_POOL_ROUNDS when set (bench/pool-stress.sh runs a million), else 20,000.</summary>
    private static int Rounds => int.TryParse(Environment.GetEnvironmentVariable("BACKPROP_POOL_ROUNDS"), out int n) && n > 0 ? n : 20_000;

    [Fact]
    public void Every_part_runs_exactly_once_per_round_and_every_round_finishes()
    {
        var pool = new WorkerPool(spinTicks: 0);
        const int MaxParts = 4;
        var job = new CountingJob(MaxParts);
        var expected = new long[MaxParts];
        int rounds = Rounds;
        long done = 0, forced = 0;
        string? failure = null;

        var driver = new Thread(() =>
        {
            var random = new Random(11);
            try
            {
                for (int round = 0; round < rounds; round++)
                {
                    int parts = random.Next(2, MaxParts + 1);
                    job.Delay = random.Next(4) == 0 ? random.Next(200) : 0;
                    pool.Execute(job, parts);
                    for (int p = 0; p < parts; p++) expected[p]++;
                    for (int p = 0; p < MaxParts; p++)
                        if (job.Hits[p] != expected[p])
                        {
                            failure = $"round {round}: part {p} ran {job.Hits[p]} times in all, expected {expected[p]}";
                            return;
                        }
                    // The caller's side: often straight on, sometimes a short spin (about as long as a worker spins before
                    // it sleeps, so that work arrives while it is falling asleep), sometimes long enough for workers to
                    // sleep, and now and then waiting until every worker has raised its sleeping flag.
                    switch (random.Next(64))
                    {
                        case < 8: Thread.SpinWait(random.Next(1, 2_000)); break;
                        case < 16: Thread.Yield(); break;
                        case < 20: Thread.SpinWait(random.Next(2_000, 20_000)); break;
                        case 20:
                            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
                            while (pool.SleepingWorkers < pool.Workers)
                            {
                                if (DateTime.UtcNow > deadline) { failure = $"round {round}: idle workers did not go to sleep within 10 s"; return; }
                                Thread.Yield();
                            }
                            forced++;
                            break;
                    }
                    Interlocked.Increment(ref done);
                }
            }
            catch (Exception e) { failure = e.ToString(); }
        }) { IsBackground = true, Name = "pool stress driver" };
        driver.Start();

        long seen = -1;
        var lastProgress = DateTime.UtcNow;
        while (!driver.Join(100))
        {
            long now = Interlocked.Read(ref done);
            if (now != seen) { seen = now; lastProgress = DateTime.UtcNow; }
            else if (DateTime.UtcNow - lastProgress > TimeSpan.FromSeconds(10))
                Assert.Fail($"round {now} did not finish within 10 s (a lost wake-up): {pool.Sleeps} sleeps so far");
        }
        Assert.Null(failure);
        Assert.Equal(rounds, Interlocked.Read(ref done));
        // The test is about waking sleepers: make sure they did sleep, many times. A worker ran in every round and its
        // flag was down when it ran, so each round that waited for every flag to be up saw at least one new sleep.
        Assert.True(forced > rounds / 100, $"only {forced} of {rounds} rounds waited for the workers to sleep");
        Assert.True(pool.Sleeps >= forced, $"workers set out to sleep {pool.Sleeps} times, fewer than the {forced} rounds that waited for it");
    }

    [Fact]
    public void A_part_that_throws_is_rethrown_on_the_caller_and_the_pool_keeps_working()
    {
        var pool = new WorkerPool(spinTicks: 0);
        var failing = new FailingJob();
        for (int i = 0; i < 200; i++)
        {
            var e = Assert.Throws<InvalidOperationException>(() => pool.Execute(failing, 4));
            Assert.StartsWith("part ", e.Message);
            Assert.NotEqual("part 0", e.Message); // part 0 runs on the caller and succeeds; one of the workers' is thrown
        }
        var job = new CountingJob(4);
        pool.Execute(job, 4);
        Assert.Equal([1L, 1, 1, 1], job.Hits);
    }

    private sealed class CountingJob(int parts) : PoolJob
    {
        public readonly long[] Hits = new long[parts];
        public int Delay;

        public override void Run(int part)
        {
            if (Delay > 0) Thread.SpinWait(Delay * (part + 1));
            Interlocked.Increment(ref Hits[part]);
        }
    }

    private sealed class FailingJob : PoolJob
    {
        public override void Run(int part)
        {
            if (part > 0) throw new InvalidOperationException($"part {part}");
        }
    }
}
