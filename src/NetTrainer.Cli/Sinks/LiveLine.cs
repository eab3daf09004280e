namespace NetTrainer.Cli.Sinks;

/// <summary>
/// One line redrawn in place with a carriage return, cut to the terminal's width, and erased before any other line
/// is written. Draws nothing unless the output is a terminal and --quiet was not given (a pipe or a file gets plain
/// lines only, no control characters). The output writer is the lock, as for the log's lines.
/// </summary>
public sealed class LiveLine(TextWriter output, Terminal terminal)
{
    private int drawnLength;

    /// <summary>Whether anything is drawn at all: a terminal, no --quiet.</summary>
    public bool IsShown => terminal.ShowsLiveLines;

    public void Draw(string line)
    {
        if (!IsShown)
            return;
        // One column short of the width: writing the last column makes some terminals wrap.
        if (line.Length > terminal.Width - 1)
            line = line[..(terminal.Width - 1)];
        lock (output)
        {
            output.Write("\r" + line.PadRight(drawnLength));
            output.Flush();
            drawnLength = line.Length;
        }
    }

    /// <summary>Erases the line, if one is drawn, leaving the cursor at the start of the empty line.</summary>
    public void Erase()
    {
        lock (output)
        {
            if (drawnLength == 0)
                return;
            output.Write("\r" + new string(' ', drawnLength) + "\r");
            output.Flush();
            drawnLength = 0;
        }
    }
}
