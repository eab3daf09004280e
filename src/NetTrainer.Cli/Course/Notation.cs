// Glossary
//   term      one piece of an equation: a symbol ("z^1 =", "+", "⊙") or a column vector or a matrix of numbers
//   block     a term laid out as lines of text of one width; an equation is its blocks side by side, centred
//   elided    rows or columns past MaxShown are shown as the first few, a ⋮ / ⋯ and the last
using System.Globalization;
using System.Text;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Cli.Course;

/// <summary>A piece of an equation.</summary>
public abstract record Term;

/// <summary>A symbol or an operator, spelled for plain text and for LaTeX.</summary>
public sealed record Symbol(string Text, string Latex) : Term;

/// <summary>Numbers laid out as the book writes them: a vector as one column, a matrix row by row.</summary>
public sealed record Numbers(Matrix<double> Values) : Term
{
    public static Numbers Column(IReadOnlyList<double> values)
    {
        var m = new Matrix<double>(values.Count, 1);
        for (int i = 0; i < values.Count; i++)
            m[i, 0] = values[i];
        return new Numbers(m);
    }

    public static Numbers Row(IReadOnlyList<double> values)
    {
        var m = new Matrix<double>(1, values.Count);
        for (int i = 0; i < values.Count; i++)
            m[0, i] = values[i];
        return new Numbers(m);
    }

    public static Numbers Transposed(Matrix<double> values)
    {
        var t = new Matrix<double>(values.Cols, values.Rows);
        for (int i = 0; i < values.Rows; i++)
            for (int j = 0; j < values.Cols; j++)
                t[j, i] = values[i, j];
        return new Numbers(t);
    }
}

/// <summary>How a walk-through is written: plain text for the terminal, or Markdown with LaTeX for notes.</summary>
public abstract class Notation(TextWriter output, int digits)
{
    /// <summary>Rows or columns shown in full; longer ones are elided to the first few and the last.</summary>
    public const int MaxShown = 8;

    protected TextWriter Output { get; } = output;

    public abstract void Title(string text, string markdown);

    public abstract void Heading(string text, string markdown);

    public abstract void Paragraph(string text, string markdown);

    public abstract void Equation(params Term[] terms);

    /// <summary>
    /// How the numbers of one vector or matrix are written: whole numbers as such when all of them are (targets,
    /// one-hot vectors), otherwise each with the digits asked for, and tiny ones in e-notation.
    /// </summary>
    protected Func<double, string> NumberFormat(Matrix<double> m) =>
        m.ToArray().All(v => v == Math.Round(v) && Math.Abs(v) < 1e6) ? v => (v + 0.0).ToString("0", CultureInfo.InvariantCulture) : Number;

    /// <summary>A number with the digits asked for; one too small for them in e-notation.</summary>
    public string Number(double v)
    {
        if (v == 0)
            return "0";
        if (Math.Abs(v) < 0.5 * Math.Pow(10, -digits))
            return v.ToString("0.##e+00", CultureInfo.InvariantCulture);
        return v.ToString("F" + digits, CultureInfo.InvariantCulture);
    }

    /// <summary>The indices shown out of <paramref name="count"/>; -1 marks the elided run.</summary>
    protected static int[] Shown(int count) =>
        count <= MaxShown ? Enumerable.Range(0, count).ToArray() : [.. Enumerable.Range(0, MaxShown - 2), -1, count - 1];

    public static Notation Create(TextWriter output, WalkthroughFormat format, int digits) => format switch
    {
        WalkthroughFormat.Markdown => new MarkdownNotation(output, digits),
        _ => new TextNotation(output, digits),
    };
}

/// <summary>The output formats of `explain`.</summary>
public enum WalkthroughFormat
{
    Text,
    Markdown,
}

/// <summary>Plain text: vectors and matrices drawn with ⎡ ⎢ ⎣ brackets and set side by side.</summary>
public sealed class TextNotation(TextWriter output, int digits) : Notation(output, digits)
{
    public override void Title(string text, string markdown) => Output.WriteLine(text);

    public override void Heading(string text, string markdown)
    {
        if (!afterBlankLine)
            Output.WriteLine();
        Output.WriteLine(text);
        Output.WriteLine(new string('-', text.Length));
        afterBlankLine = false;
    }

    public override void Paragraph(string text, string markdown)
    {
        Output.WriteLine(text);
        afterBlankLine = false;
    }

    // An equation ends with a blank line; a heading after it needs no second one.
    private bool afterBlankLine;

    public override void Equation(params Term[] terms)
    {
        List<string[]> blocks = terms.Select(Block).ToList();
        int height = blocks.Max(b => b.Length);
        var lines = new StringBuilder[height];
        for (int row = 0; row < height; row++)
            lines[row] = new StringBuilder();
        foreach (string[] block in blocks)
        {
            int width = block.Max(line => line.Length);
            int top = (height - block.Length) / 2;
            for (int row = 0; row < height; row++)
            {
                string part = row >= top && row < top + block.Length ? block[row - top] : "";
                lines[row].Append(part.PadRight(width)).Append(' ');
            }
        }
        foreach (StringBuilder line in lines)
            Output.WriteLine(line.ToString().TrimEnd());
        Output.WriteLine();
        afterBlankLine = true;
    }

    private string[] Block(Term term) => term switch
    {
        Symbol s => [s.Text],
        Numbers n => Bracketed(n.Values),
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };

    private string[] Bracketed(Matrix<double> m)
    {
        int[] rows = Shown(m.Rows), cols = Shown(m.Cols);
        Func<double, string> number = NumberFormat(m);
        string[][] cells = rows.Select(i => cols.Select(j => i < 0 ? (j < 0 ? "⋱" : "⋮") : j < 0 ? "⋯" : number(m[i, j])).ToArray()).ToArray();
        int[] widths = cols.Select((_, c) => cells.Max(r => r[c].Length)).ToArray();
        string Line(string[] r) => string.Join("  ", r.Select((cell, c) => cell.PadLeft(widths[c])));
        if (cells.Length == 1)
            return [$"[ {Line(cells[0])} ]"];
        return cells.Select((r, i) =>
        {
            (string left, string right) = i == 0 ? ("⎡", "⎤") : i == cells.Length - 1 ? ("⎣", "⎦") : ("⎢", "⎥");
            return $"{left} {Line(r)} {right}";
        }).ToArray();
    }
}

/// <summary>Markdown: headings and prose, each equation a $$ … $$ display with bmatrix vectors and matrices.</summary>
public sealed class MarkdownNotation(TextWriter output, int digits) : Notation(output, digits)
{
    public override void Title(string text, string markdown)
    {
        Output.WriteLine($"# {markdown}");
        Output.WriteLine();
    }

    public override void Heading(string text, string markdown)
    {
        Output.WriteLine($"## {markdown}");
        Output.WriteLine();
    }

    public override void Paragraph(string text, string markdown)
    {
        Output.WriteLine(markdown);
        Output.WriteLine();
    }

    public override void Equation(params Term[] terms)
    {
        Output.WriteLine("$$");
        Output.WriteLine(string.Join(" ", terms.Select(Latex)));
        Output.WriteLine("$$");
        Output.WriteLine();
    }

    private string Latex(Term term) => term switch
    {
        Symbol s => s.Latex,
        Numbers n => Bmatrix(n.Values),
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };

    private string Bmatrix(Matrix<double> m)
    {
        int[] rows = Shown(m.Rows), cols = Shown(m.Cols);
        Func<double, string> number = NumberFormat(m);
        IEnumerable<string> lines = rows.Select(i => string.Join(" & ",
            cols.Select(j => i < 0 ? (j < 0 ? @"\ddots" : @"\vdots") : j < 0 ? @"\cdots" : number(m[i, j]))));
        return @"\begin{bmatrix} " + string.Join(@" \\ ", lines) + @" \end{bmatrix}";
    }
}
