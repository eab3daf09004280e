using System.CommandLine;
using NetTrainer.Comparison;

namespace NetTrainer.Cli.Reports;

/// <summary>
/// What an HTML report shows: a title and a lead paragraph, the runs, the network's layer sizes (to name the
/// weight layers), the split the accuracy is measured on, the exact command line and the settings.
/// </summary>
public sealed record ReportContent(
    string Title,
    string Lead,
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<int> Sizes,
    string EvaluationSet,
    string CommandLine,
    IReadOnlyList<(string Name, string Value)> Settings)
{
    /// <summary>Notices shown under the lead (a run stuck at chance), and sections before the command and settings.</summary>
    public IReadOnlyList<System.Xml.Linq.XElement> Notices { get; init; } = [];
    public IReadOnlyList<System.Xml.Linq.XElement> Sections { get; init; } = [];

    /// <summary>The footer with version, command line, seed and data hashes; the date alone when null.</summary>
    public Footer? Footer { get; init; }
}

/// <summary>The command line a report was made with, as it could be typed again.</summary>
public static class CommandLineText
{
    /// <summary>"nettrainer compare --epochs 10 ...": the words parsed, quoted where a shell would need it.</summary>
    public static string Of(ParseResult parse) =>
        string.Join(" ", ["nettrainer", .. parse.Tokens.Select(t => Quote(t.Value))]);

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@+%".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''") + "'";
}
