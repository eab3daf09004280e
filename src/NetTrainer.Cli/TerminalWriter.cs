using System.Text;

namespace NetTrainer.Cli;

/// <summary>
/// An output writer that says what terminal it stands for, so that a caller (a test) can run the commands as if on
/// a terminal of a given width while capturing their text.
/// </summary>
public sealed class TerminalWriter(TextWriter inner, Terminal terminal) : TextWriter
{
    public Terminal Terminal { get; } = terminal;

    /// <summary>The writer the text goes to.</summary>
    public TextWriter Inner { get; } = inner;

    public override Encoding Encoding => Inner.Encoding;
    public override IFormatProvider FormatProvider => Inner.FormatProvider;
    public override void Write(char value) => Inner.Write(value);
    public override void Write(string? value) => Inner.Write(value);
    public override void Write(char[] buffer, int index, int count) => Inner.Write(buffer, index, count);
    public override void WriteLine(string? value) => Inner.WriteLine(value);
    public override void Flush() => Inner.Flush();
}
