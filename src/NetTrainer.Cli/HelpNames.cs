using System.CommandLine;

namespace NetTrainer.Cli;

/// <summary>
/// The placeholders help shows after each option, set in one pass over the command tree so that every command
/// reads the same: &lt;FILE&gt; for a path, &lt;DIR&gt; for a folder, &lt;N&gt; for a whole number, &lt;X&gt; for a number,
/// &lt;P&gt; for a probability, and a shape for the lists (&lt;N,N,...&gt;). Options that already name their values
/// (closed choices as a|b|c, lists as a,b,...) keep theirs. Without a placeholder, System.CommandLine would repeat
/// the option's own name (--eta &lt;eta&gt;), which says nothing about what to type.
/// </summary>
public static class HelpNames
{
    private static readonly HashSet<string> FileOptions =
        ["--metrics", "--save", "--init-from", "--report", "--csv", "--chart", "--model", "--checkpoint", "--resume"];
    private static readonly HashSet<string> FolderOptions = ["--data-dir", "--out"];

    /// <summary>Placeholders for options whose values have a shape or a meaning of their own.</summary>
    private static readonly Dictionary<string, string> Named = new()
    {
        ["--sizes"] = "N,N,...",
        ["--snapshot-epochs"] = "E,E,...",
        ["--augment"] = "SPEC",
        ["--eta"] = "ETA",
        ["--lambda"] = "LAMBDA",
        ["--dropout"] = "P",
        ["--input-dropout"] = "P",
        ["--max-norm"] = "C",
    };

    public static void Apply(Command command)
    {
        foreach (Option option in command.Options)
            if (option.HelpName is null && Placeholder(option) is { } name)
                option.HelpName = name;
        foreach (Command sub in command.Subcommands)
            Apply(sub);
    }

    private static string? Placeholder(Option option) =>
        Named.TryGetValue(option.Name, out string? named) ? named
        : FileOptions.Contains(option.Name) ? "FILE"
        : FolderOptions.Contains(option.Name) ? "DIR"
        : option.ValueType == typeof(int) || option.ValueType == typeof(int?) ? "N"
        : option.ValueType == typeof(double) || option.ValueType == typeof(double?) ? "X"
        : null;
}
