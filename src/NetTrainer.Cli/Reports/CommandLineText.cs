using System.CommandLine;
using NetTrainer.Reports;

namespace NetTrainer.Cli.Reports;

/// <summary>The command line a report was made with, as it could be typed again.</summary>
public static class CommandLineText
{
    /// <summary>"nettrainer compare --epochs 10 ...": the words parsed, quoted where a shell would need it.</summary>
    public static string Of(ParseResult parse) =>
        string.Join(" ", ["nettrainer", .. parse.Tokens.Select(t => Quote(t.Value))]);

    /// <summary>The footer of a command run from <paramref name="parse"/> on the data files in <paramref name="dataDir"/>.</summary>
    public static Footer FooterOf(ParseResult parse, int? seed, string? dataDir) =>
        new(Of(parse), seed, dataDir is null ? [] : Footer.Hashes(dataDir));

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@+%".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''") + "'";
}
