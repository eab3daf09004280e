using System.Text;

namespace NetTrainer.Cli;

/// <summary>
/// An output writer that says what terminal it stands for, so that a caller (a test) can run the commands as if on
/// a terminal of a given width while capturing their text.
/// </summary>
public sealed class TerminalWriter(TextWriter inner, Terminal terminal) : TextWriter
{
    public Terminal Terminal { get; } = terminal;

    public override Encoding Encoding => inner.Encoding;
    public override IFormatProvider FormatProvider => inner.FormatProvider;
    public override void Write(char value) => inner.Write(value);
    public override void Write(string? value) => inner.Write(value);
    public override void Write(char[] buffer, int index, int count) => inner.Write(buffer, index, count);
    public override void WriteLine(string? value) => inner.WriteLine(value);
    public override void Flush() => inner.Flush();
}
