namespace NetTrainer.Cli;

/// <summary>
/// What the output writer is: a terminal of some width, or a pipe or file (then 80 columns, the width text is read
/// at when it is not shown live, and no control characters).
/// </summary>
public sealed record Terminal(bool IsInteractive, int Width)
{
    /// <summary>The width assumed when output is not a terminal, or the terminal does not say.</summary>
    public const int DefaultWidth = 80;

    /// <summary>Help and tables never get narrower than this, so that one option name and a few words fit.</summary>
    public const int MinimumWidth = 40;

    public static Terminal Piped { get; } = new(false, DefaultWidth);

    /// <summary>--quiet: no live progress lines, whatever the output is (tables still fit the terminal).</summary>
    public bool Quiet { get; init; }

    /// <summary>Whether a live line may be drawn: on a terminal, unless --quiet.</summary>
    public bool ShowsLiveLines => IsInteractive && !Quiet;

    /// <summary>
    /// The width a table may take: the terminal's, or none when output goes to a pipe or a file (which do not wrap,
    /// and where one row per line is what tools such as grep and column expect).
    /// </summary>
    public int? TableWidth => IsInteractive ? Width : null;

    /// <summary>A terminal when <paramref name="output"/> is the process's own standard output and it is not redirected.</summary>
    public static Terminal Of(TextWriter output)
    {
        if (output is TerminalWriter given)
            return given.Terminal;
        // TERM=dumb: a terminal that cannot move the cursor, so no line redrawn in place.
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected || Environment.GetEnvironmentVariable("TERM") == "dumb")
            return Piped;
        int width;
        try
        {
            width = Console.WindowWidth;
        }
        catch (IOException)
        {
            width = 0; // no console attached after all
        }
        return new Terminal(true, width >= MinimumWidth ? width : DefaultWidth);
    }
}
