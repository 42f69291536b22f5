using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Estimators.Preparation;
using Backprop.Tensors;

namespace Backprop.Tests.Diagnostics;

/// <summary>
/// How messages name settings: the library's C# names by default, a caller's names inside its scope only — not in
/// other threads' or tasks' calls made meanwhile, and not in the shared worker pool after the scope ends.
/// </summary>
public class SettingNamesTests
{
    /// <summary>Names of its own, as a program such as the CLI installs them.</summary>
    private sealed class Dashed : SettingNames
    {
        public override string Name(Setting setting) => "--" + setting.Name.ToLowerInvariant();
    }

    private static string Refusal() =>
        Assert.Throws<BackpropException>(() => TableSplit.Of(10, 1.5, shuffle: false, seed: 1)).Message;

    [Fact]
    public void A_setting_is_named_by_its_CSharp_name_and_an_alias_by_its_own()
    {
        Assert.Equal("validationSplit", Setting.ValidationSplit.ToString());
        Assert.Equal("MlpOptions.ValidationFraction", Setting.ValidationFraction.ToString());
        Assert.Equal("PreprocessingOptions.Missing = MissingValues.Drop", Setting.Missing.With(MissingValues.Drop));
        Assert.Equal("CsvReadOptions.Delimiter = ';'", Setting.Delimiter.With(';'));
        Assert.Equal("MlpOptions.Shuffle = true", Setting.Shuffle.With(true));
        Assert.Equal("folds = 0.5", Setting.Folds.With(0.5));
        // An alias is the same setting (a caller's names cover it), but not another setting.
        Assert.Equal(Setting.ValidationSplit, Setting.ValidationFraction);
        Assert.Equal(Setting.ValidationSplit.GetHashCode(), Setting.PreparationValidationSplit.GetHashCode());
        Assert.NotEqual(Setting.Shuffle, Setting.Stratify);
        Assert.Equal("validationSplit must be at least 0 and less than 1, not 1.5", Refusal());
    }

    [Fact]
    public void A_scope_names_settings_until_it_ends_and_scopes_nest()
    {
        using (SettingNames.Use(new Dashed()))
        {
            Assert.Equal("--validationsplit must be at least 0 and less than 1, not 1.5", Refusal());
            using (SettingNames.Use(SettingNames.Library))
                Assert.Equal("validationSplit must be at least 0 and less than 1, not 1.5", Refusal());
            Assert.Equal("--mlpoptions.validationfraction = 2", Setting.ValidationFraction.With(2));
        }
        Assert.Same(SettingNames.Library, SettingNames.Current);
        Assert.Equal("validationSplit must be at least 0 and less than 1, not 1.5", Refusal());
    }

    [Fact]
    public async Task Callers_at_the_same_time_keep_their_own_names()
    {
        // Two flows in step: each installs its names (or none), waits until the other has too, then words a message.
        using var bothReady = new Barrier(2);
        string Run(SettingNames? names)
        {
            using var scope = names is null ? null : SettingNames.Use(names);
            bothReady.SignalAndWait(TimeSpan.FromSeconds(30));
            return Refusal();
        }
        var withNames = Task.Run(() => Run(new Dashed()));
        var without = Task.Run(() => Run(null));
        Assert.Equal("--validationsplit must be at least 0 and less than 1, not 1.5", await withNames);
        Assert.Equal("validationSplit must be at least 0 and less than 1, not 1.5", await without);
    }

    [Fact]
    public async Task A_message_worded_on_a_thread_the_caller_starts_uses_the_callers_names()
    {
        const string Expected = "--validationsplit must be at least 0 and less than 1, not 1.5";
        using (SettingNames.Use(new Dashed()))
        {
            Assert.Equal(Expected, await Task.Run(Refusal));
            var fromLoop = new string[4];
            Parallel.For(0, fromLoop.Length, i => fromLoop[i] = Refusal());
            Assert.All(fromLoop, m => Assert.Equal(Expected, m));
            string? fromThread = null;
            var thread = new Thread(() => fromThread = Refusal());
            thread.Start();
            thread.Join();
            Assert.Equal(Expected, fromThread);
        }
    }

    [Fact]
    public void The_worker_pool_does_not_keep_the_names_of_the_caller_that_started_its_threads()
    {
        var pool = new WorkerPool(spinTicks: 0);
        var job = new NamingJob();
        using (SettingNames.Use(new Dashed())) pool.Execute(job, 2); // starts the pool's worker inside the scope
        job.Seen[1] = null;
        pool.Execute(job, 2);
        Assert.Equal(1, pool.Workers);
        Assert.Same(SettingNames.Library, job.Seen[0]);
        Assert.Same(SettingNames.Library, job.Seen[1]); // part 1 runs on the worker
    }

    private sealed class NamingJob : PoolJob
    {
        public SettingNames?[] Seen { get; } = new SettingNames?[2];

        public override void Run(int part) => Seen[part] = SettingNames.Current;
    }
}
