namespace Backprop.Tests;

/// <summary>
/// Tests that set <c>Gemm.MaxThreads</c> or <c>Gemm.Use512</c>, process-wide settings, or that depend on them not changing under them (the
/// allocation test: the worker pool grows when more threads are allowed). xunit runs them one after another, with no
/// other test running beside them: other tests' threads also fill the runtime's shared type caches, whose growth would be
/// counted against whichever thread happened to trigger it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadCountCollection
{
    public const string Name = "thread count";
}
