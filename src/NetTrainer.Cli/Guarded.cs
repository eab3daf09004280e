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
            return Fail(error, Wording.Diverged(e.Epoch, e.What), ExitCodes.Failure);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException
                                       or ArgumentException or InvalidOperationException
                                       or HttpRequestException)
        {
            return Fail(error, e.Message, ExitCodes.Failure);
        }
    }

    private static int Fail(TextWriter error, string message, int code)
    {
        error.WriteLine($"nettrainer: {message}");
        return code;
    }
}
