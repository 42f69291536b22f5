using System.Runtime.InteropServices;

namespace Backprop.Cli.Commands;

/// <summary>
/// SIGINT (Ctrl+C), SIGTERM (what <c>timeout</c>, Docker and job schedulers send) and SIGHUP (a closed terminal) ask a
/// run to stop: the first cancels the training, which ends at the end of its batch and saves the resumable model, or,
/// while the data is prepared (<see cref="Preparing"/>), the preparation, which stops at the next block and deletes the
/// row cache. While installed, no signal ends the process: a later one is acknowledged on standard error ("saving,
/// please wait", or "stopping") and changes nothing, so the save or the clean-up cannot be cut short. Dispose once the
/// model is on disk.
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly CancellationTokenSource _interrupt;
    private readonly CancellationTokenSource _signalled = new();
    private readonly TextWriter _error;
    private int _exitCode;
    private volatile bool _preparing;

    private InterruptSignals(CancellationTokenSource interrupt, TextWriter error)
    {
        (_interrupt, _error) = (interrupt, error);
        foreach (var (signal, code) in new[] { (PosixSignal.SIGINT, 130), (PosixSignal.SIGTERM, 143), (PosixSignal.SIGHUP, 129) })
        {
            try { _registrations.Add(PosixSignalRegistration.Create(signal, context => Handle(context, code))); }
            catch (PlatformNotSupportedException) { } // a platform without this signal
        }
    }

    /// <summary>Handles the three signals by cancelling <paramref name="interrupt"/>; later signals are acknowledged on
    /// <paramref name="error"/>.</summary>
    public static InterruptSignals Install(CancellationTokenSource interrupt, TextWriter error) => new(interrupt, error);

    /// <summary>The exit code of the first signal received (130 SIGINT, 143 SIGTERM, 129 SIGHUP: 128 + its number), or null.</summary>
    public int? ExitCode => Volatile.Read(ref _exitCode) is var code and > 0 ? code : null;

    /// <summary>The name of the first signal received (<c>SIGINT</c>, <c>SIGTERM</c>, <c>SIGHUP</c>), or null.</summary>
    public string? Name => ExitCode switch { 130 => "SIGINT", 143 => "SIGTERM", 129 => "SIGHUP", _ => null };

    /// <summary>
    /// Cancelled by the first signal only (not by the caller's cancellation that <c>interrupt</c> may be linked to): what
    /// stops the data's preparation.
    /// </summary>
    public CancellationToken Signalled => _signalled.Token;

    /// <summary>True while the data is read and encoded (nothing to save yet): a later signal is acknowledged as stopping, not saving.</summary>
    public bool Preparing { get => _preparing; set => _preparing = value; }

    private void Handle(PosixSignalContext context, int code)
    {
        context.Cancel = true; // the process carries on to the end of the batch and the save
        if (Interlocked.CompareExchange(ref _exitCode, code, 0) == 0)
        {
            try
            {
                _signalled.Cancel();
                _interrupt.Cancel();
            }
            catch (ObjectDisposedException) { }
            return;
        }
        lock (_error) _error.WriteLine($"{context.Signal} received: {(_preparing ? "stopping" : "saving")}, please wait");
    }

    /// <summary>Gives the signals back to the runtime's defaults.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _registrations.Clear();
        _signalled.Dispose();
    }
}
