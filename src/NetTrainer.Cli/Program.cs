using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using NetTrainer.Cli.Commands;

namespace NetTrainer.Cli;

/// <summary>The `nettrainer` command line: a thin layer of commands over the NetTrainer library.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        using Interruption interruption = Interruption.Listen();
        return Run(args, Console.Out, Console.Error, cancellation: interruption.Token);
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>, writing to the given writers (tests pass StringWriters);
    /// <paramref name="cancellation"/> is the signal to stop (Ctrl+C or SIGTERM in the real process).
    /// </summary>
    /// <param name="terminal">What the output is; by default found from <paramref name="output"/> (tests give a width).</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, Terminal? terminal = null, CancellationToken cancellation = default)
    {
        RootCommand root = CreateRootCommand();
        if (terminal is not null)
            output = new TerminalWriter(output, terminal);
        terminal = Terminal.Of(output);
        foreach (HelpOption help in root.Options.OfType<HelpOption>())
            if (help.Action is HelpAction action)
            {
                action.MaxWidth = terminal.Width;
                help.Action = new UsageName(action);
            }
        ParseResult parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        // [suggest:N] "train --e" parses the quoted line itself; its own words are not errors of ours.
        bool suggesting = root.Directives.Where(d => d.Name == "suggest").Any(d => parse.GetResult(d) is not null);
        if (parse.Errors.Count > 0 && !suggesting)
        {
            // One line: the first error that names something (System.CommandLine also reports the missing
            // subcommand when the first word is not one, and each unmatched word separately).
            ParseError first = parse.Errors.FirstOrDefault(e => parse.Errors.Count == 1 || e.Message != "Required command was not provided.")
                               ?? parse.Errors[0];
            error.WriteLine($"nettrainer: {OneLine(first.Message)}{DidYouMean(parse)}");
            string command = parse.CommandResult.Command == root ? "" : parse.CommandResult.Command.Name + " ";
            error.WriteLine($"Run 'nettrainer {command}--help' for the options.");
            return ExitCodes.Usage;
        }
        // --quiet is said once, here, for every live line of every command (see Terminal.ShowsLiveLines).
        if (parse.GetValue(SharedOptions.Quiet))
            output = new TerminalWriter(output is TerminalWriter given ? given.Inner : output, terminal with { Quiet = true });
        // Signals are ours (Interruption), not System.CommandLine's: it would end the process after 2 s, saving nothing.
        var configuration = new InvocationConfiguration
        {
            Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
        };
        try
        {
            return parse.InvokeAsync(configuration, cancellation).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            return Guarded.InternalError(error, e);
        }
    }

    /// <summary>
    /// The root command: a RootCommand, so that it has --help, --version and the [suggest] directive that
    /// dotnet-suggest completes with (help calls it nettrainer however it was started: see <see cref="UsageName"/>).
    /// </summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("NetTrainer: train feedforward networks on MNIST by backpropagation, as in Nielsen's book.");
        root.Options.Add(SharedOptions.Quiet);
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(FetchMnistCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(BusyProcess.CreateCommand());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(SlowdownCommand.Create());
        root.Subcommands.Add(GradcheckCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(DeriveCommand.Create());
        root.Subcommands.Add(LikelihoodCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(ReproduceCommand.Create());
        HelpNames.Apply(root);
        return root;
    }

    // " Did you mean 'train'?" when an unmatched word is close to a command or option of the command it was given to.
    private static string DidYouMean(ParseResult parse)
    {
        foreach (string word in parse.UnmatchedTokens)
            if (TypoSuggestion.For(word, parse.CommandResult.Command) is { } near)
                return $" Did you mean '{near}'?";
        return "";
    }

    // "Must be one of:\n\t'a'\n\t'b'" becomes "Must be one of: 'a', 'b'".
    private static string OneLine(string message)
    {
        string[] lines = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return lines.Length <= 1 ? message : lines[0] + " " + string.Join(", ", lines[1..]);
    }
}
