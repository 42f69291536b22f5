using Backprop.Data.Cache;

namespace Backprop.Cli.Commands;

/// <summary>
/// For tests only, and undocumented: with <c>BACKPROP_TEST_PAUSE=PHASE</c> (<c>read</c>, <c>cache-created</c>,
/// <c>cache-written</c>), <c>train</c> prints <c>paused at PHASE</c> when its data preparation reaches that point and waits
/// there until a signal cancels it (at most a minute), so that a test sends its signal or SIGKILL at a known phase
/// rather than after a guessed delay. Unset, nothing changes.
/// </summary>
internal static class PreparationPause
{
    private const string Variable = "BACKPROP_TEST_PAUSE";

    /// <summary>Sets <see cref="PreparationPhase.Pause"/> when the variable names a phase.</summary>
    public static void InstallFromEnvironment()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } wanted) return;
        PreparationPhase.Pause = (phase, cancellation) =>
        {
            if (phase != wanted) return;
            Console.Out.WriteLine($"paused at {phase}");
            Console.Out.Flush();
            cancellation.WaitHandle.WaitOne(TimeSpan.FromMinutes(1));
        };
    }
}
