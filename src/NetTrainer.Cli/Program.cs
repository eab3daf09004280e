using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using NetTrainer.Cli.Commands;

namespace NetTrainer.Cli;

/// <summary>The `nettrainer` command line: a thin layer of commands over the NetTrainer library.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given writers (tests pass StringWriters).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        Command root = CreateRootCommand();
        ParseResult parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Errors.Count > 0)
        {
            // One line: the first error that names something (System.CommandLine also reports the missing
            // subcommand when the first word is not one, and each unmatched word separately).
            ParseError first = parse.Errors.FirstOrDefault(e => parse.Errors.Count == 1 || e.Message != "Required command was not provided.")
                               ?? parse.Errors[0];
            error.WriteLine($"nettrainer: {OneLine(first.Message)}");
            string command = parse.CommandResult.Command == root ? "" : parse.CommandResult.Command.Name + " ";
            error.WriteLine($"Run 'nettrainer {command}--help' for the options.");
            return ExitCodes.Usage;
        }
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>
    /// The root command, named `nettrainer` whatever the executable is called (a RootCommand would take the
    /// assembly's name).
    /// </summary>
    public static Command CreateRootCommand()
    {
        var root = new Command("nettrainer", "NetTrainer: train feedforward networks on MNIST by backpropagation, as in Nielsen's book.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(FetchMnistCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(SlowdownCommand.Create());
        root.Subcommands.Add(GradcheckCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(ReproduceCommand.Create());
        return root;
    }

    // "Must be one of:\n\t'a'\n\t'b'" becomes "Must be one of: 'a', 'b'".
    private static string OneLine(string message)
    {
        string[] lines = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return lines.Length <= 1 ? message : lines[0] + " " + string.Join(", ", lines[1..]);
    }
}
