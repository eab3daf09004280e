namespace NetTrainer.Cli;

/// <summary>Process exit codes.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The run failed: bad data, a bad model file, a diverging network, an I/O error.</summary>
    public const int Failure = 1;

    /// <summary>The command line asks for something impossible.</summary>
    public const int Usage = 2;

    /// <summary>A bug: an exception nothing expected (EX_SOFTWARE of sysexits.h); NETTRAINER_DEBUG=1 prints its stack trace.</summary>
    public const int InternalError = 70;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (128 + 15).</summary>
    public const int Terminated = 143;
}

/// <summary>An option value that cannot work (reported with exit code 2).</summary>
public sealed class UsageException(string message) : Exception(message);
