using System.Runtime.InteropServices;

namespace NetTrainer.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM for the whole process: the first asks the running command to stop at the next
/// mini-batch, keep what it can and exit 130 (SIGINT) or 143 (SIGTERM); a second one exits at once with that code.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly PosixSignalRegistration[] registrations;
    private readonly Lock gate = new();
    private PosixSignal? received;

    private Interruption() =>
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];

    /// <summary>The process's listener, while one is installed (the real process; in-process tests have none).</summary>
    public static Interruption? Current { get; private set; }

    public CancellationToken Token => stop.Token;

    /// <summary>130 after SIGINT, 143 after SIGTERM (128 + the signal's number, as a shell reports it).</summary>
    public static int ExitCode => Current?.received == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;

    /// <summary>The signal received, as a shell names it.</summary>
    public static string SignalName => Current?.received == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";

    public static Interruption Listen() => Current = new Interruption();

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // not the runtime's immediate exit: the command stops at its next mini-batch
        lock (gate)
        {
            if (received is not null)
                Environment.Exit(ExitCode); // the second signal: no more waiting
            received = context.Signal;
        }
        stop.Cancel();
    }

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in registrations)
            registration.Dispose();
        Current = null;
        stop.Dispose();
    }
}

/// <summary>A command stopped by a signal after keeping what it could; <see cref="Kept"/> says what, for its one line.</summary>
public sealed class RunInterruptedException(string kept) : OperationCanceledException(kept)
{
    public string Kept { get; } = kept;
}
