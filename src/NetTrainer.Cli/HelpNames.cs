using System.CommandLine;

namespace NetTrainer.Cli;

/// <summary>
/// The placeholders help shows after each option, set in one pass over the command tree so that every command
/// reads the same: &lt;FILE&gt; for a path, &lt;DIR&gt; for a folder, &lt;N&gt; for a whole number. Options that already name
/// their values (closed choices as a|b|c, lists as a,b,...) keep theirs.
/// </summary>
public static class HelpNames
{
    private static readonly HashSet<string> FileOptions = ["--metrics", "--save", "--init-from", "--report", "--csv", "--chart", "--model"];
    private static readonly HashSet<string> FolderOptions = ["--data-dir"];

    public static void Apply(Command command)
    {
        foreach (Option option in command.Options)
            if (option.HelpName is null && Placeholder(option) is { } name)
                option.HelpName = name;
        foreach (Command sub in command.Subcommands)
            Apply(sub);
    }

    private static string? Placeholder(Option option) =>
        FileOptions.Contains(option.Name) ? "FILE"
        : FolderOptions.Contains(option.Name) ? "DIR"
        : option.ValueType == typeof(int) || option.ValueType == typeof(int?) ? "N"
        : null;
}
