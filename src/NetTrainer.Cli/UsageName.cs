using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NetTrainer.Cli;

/// <summary>
/// Help as System.CommandLine writes it, but with the program called nettrainer in its usage lines. RootCommand names
/// itself after the file that was started (NetTrainer.Cli for `dotnet NetTrainer.Cli.dll`, which the tool's shim runs
/// too); the command users type is nettrainer. (An assembly called nettrainer would clash with the library,
/// NetTrainer, since assembly names ignore case.)
/// </summary>
public sealed partial class UsageName(HelpAction help) : SynchronousCommandLineAction
{
    /// <summary>The name help gives the program.</summary>
    public const string Program = "nettrainer";

    /// <summary>Help still shows when the rest of the line has errors, as System.CommandLine's own help does.</summary>
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parse)
    {
        InvocationConfiguration configuration = parse.InvocationConfiguration;
        TextWriter output = configuration.Output;
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        configuration.Output = text;
        int exitCode;
        try
        {
            exitCode = help.Invoke(parse);
        }
        finally
        {
            configuration.Output = output;
        }
        output.Write(Rename(text.ToString(), RootCommand.ExecutableName));
        return exitCode;
    }

    /// <summary>The help text with each usage line's leading <paramref name="executable"/> read as nettrainer.</summary>
    public static string Rename(string help, string executable) =>
        Regex.Replace(help, $@"(?m)^(\s+){Regex.Escape(executable)}(?= |\r?$)", "${1}" + Program);
}
