using System.CommandLine;

namespace NetTrainer.Cli;

/// <summary>"Did you mean 'train'?" for a mistyped command or option: the closest name by edit distance.</summary>
public static class TypoSuggestion
{
    /// <summary>At most this many edits (a third of the word, at least 2 so that a swapped pair of letters counts) still count as a typo rather than another word.</summary>
    private const int MaxEdits = 3;

    /// <summary>The subcommand or option of <paramref name="command"/> closest to <paramref name="typed"/>, if close enough.</summary>
    public static string? For(string typed, Command command)
    {
        IEnumerable<string> names = typed.StartsWith('-')
            ? command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
            : command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
        int allowed = Math.Min(MaxEdits, Math.Max(2, typed.TrimStart('-').Length / 3));
        return names.Select(name => (name, distance: Distance(typed, name)))
            .Where(c => c.distance <= allowed)
            .OrderBy(c => c.distance).ThenBy(c => c.name, StringComparer.Ordinal)
            .Select(c => c.name).FirstOrDefault();
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions, each costing one.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1),
                    previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
