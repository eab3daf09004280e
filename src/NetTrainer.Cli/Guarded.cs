using System.CommandLine;
using NetTrainer.Training;

namespace NetTrainer.Cli;

/// <summary>
/// Runs a command's action and turns every expected failure into one line on the error writer and an exit
/// code: the user sees what went wrong, never a stack trace.
/// </summary>
public static class Guarded
{
    public static async Task<int> RunAsync(ParseResult parse, Func<TextWriter, CancellationToken, Task<int>> action,
        CancellationToken cancellation)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        TextWriter error = parse.InvocationConfiguration.Error;
        try
        {
            return await action(output, cancellation);
        }
        catch (UsageException e)
        {
            return Fail(error, e.Message, ExitCodes.Usage);
        }
        catch (OperationCanceledException e) when (cancellation.IsCancellationRequested)
        {
            string kept = e is RunInterruptedException interrupted ? "; " + interrupted.Kept : "";
            return Fail(error, $"interrupted by {Interruption.SignalName}{kept}.", Interruption.ExitCode);
        }
        catch (ArgumentException e) when (OptionNames.For(e.ParamName) is { } option)
        {
            return Fail(error, OptionNames.Message(option, e), ExitCodes.Usage);
        }
        catch (TrainingDivergedException e)
        {
            return Fail(error, Wording.Diverged(e.Epoch, e.What, e.LikelyCause), ExitCodes.Failure);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException
                                       or ArgumentException or InvalidOperationException
                                       or HttpRequestException)
        {
            return Fail(error, e.Message, ExitCodes.Failure);
        }
        catch (Exception e)
        {
            return InternalError(error, e);
        }
    }

    /// <summary>Set to 1 to see the stack trace of an internal error.</summary>
    public const string DebugVariable = "NETTRAINER_DEBUG";

    /// <summary>
    /// An exception nothing expected: one line with its type and message and how to see more, exit 70; the stack
    /// trace only when NETTRAINER_DEBUG=1.
    /// </summary>
    public static int InternalError(TextWriter error, Exception e)
    {
        error.WriteLine($"nettrainer: internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")} " +
                        $"(rerun with {DebugVariable}=1 for the stack trace).");
        if (Environment.GetEnvironmentVariable(DebugVariable) == "1")
            error.WriteLine(e);
        return ExitCodes.InternalError;
    }

    private static int Fail(TextWriter error, string message, int code)
    {
        error.WriteLine($"nettrainer: {message}");
        return code;
    }
}
