// Glossary
//   legend   one row under the panels, each distinct series once
//   panel    one chart: axes from 0 to a tick past the data, ticks 1, 2 or 5 × 10^k apart, a title and its series
//   series   a polyline of (x, y) points, with a colour and solid or dashed stroke
//   plot     the area inside a panel's axes; data coordinates map linearly onto it, y upwards
using System.Globalization;
using System.Net;
using System.Text;

namespace NetTrainer.Cli.Course;

/// <summary>A line of a chart.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points, string Color, bool Dashed = false);

/// <summary>One chart of a figure.</summary>
public sealed record ChartPanel(string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series);

/// <summary>A figure of line charts side by side, written as a standalone SVG file (no scripts, no external fonts).</summary>
public static class LineChartSvg
{
    private const double PanelWidth = 440, PanelHeight = 340, Gap = 20, TitleHeight = 44, LegendHeight = 22, CaptionHeight = 30;
    private const double PlotLeft = 64, PlotRight = 16, PlotTop = 34, PlotBottom = 52;

    public static string Render(string title, IReadOnlyList<ChartPanel> panels, string? caption = null)
    {
        double width = panels.Count * PanelWidth + (panels.Count - 1) * Gap + 2 * Gap;
        double height = TitleHeight + PanelHeight + LegendHeight + (caption is null ? 0 : CaptionHeight) + Gap / 2;
        var svg = new StringBuilder();
        svg.AppendLine(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:0}\" height=\"{height:0}\" viewBox=\"0 0 {width:0} {height:0}\" font-family=\"Helvetica, Arial, sans-serif\">"));
        svg.AppendLine(F($"<rect width=\"{width:0}\" height=\"{height:0}\" fill=\"white\"/>"));
        svg.AppendLine(F($"<text x=\"{width / 2:0}\" y=\"28\" font-size=\"17\" font-weight=\"bold\" text-anchor=\"middle\">{Escape(title)}</text>"));
        for (int p = 0; p < panels.Count; p++)
            Panel(svg, panels[p], Gap + p * (PanelWidth + Gap), TitleHeight);
        Legend(svg, panels, width, TitleHeight + PanelHeight + 6);
        if (caption is not null)
            svg.AppendLine(F($"<text x=\"{width / 2:0}\" y=\"{TitleHeight + PanelHeight + LegendHeight + 18:0}\" font-size=\"12.5\" fill=\"#444\" text-anchor=\"middle\">{Escape(caption)}</text>"));
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, ChartPanel panel, double left, double top)
    {
        double x0 = left + PlotLeft, x1 = left + PanelWidth - PlotRight, y0 = top + PanelHeight - PlotBottom, y1 = top + PlotTop;
        double xMax = AxisEnd(panel.Series.SelectMany(s => s.Points).Max(pt => pt.X));
        double yMax = AxisEnd(panel.Series.SelectMany(s => s.Points).Max(pt => pt.Y));
        double X(double x) => x0 + (x1 - x0) * x / xMax;
        double Y(double y) => y0 - (y0 - y1) * y / yMax;

        svg.AppendLine(F($"<text x=\"{(x0 + x1) / 2:0.#}\" y=\"{top + 18:0.#}\" font-size=\"14\" text-anchor=\"middle\">{Escape(panel.Title)}</text>"));
        foreach (double tick in Ticks(yMax))
        {
            svg.AppendLine(F($"<line x1=\"{x0:0.#}\" y1=\"{Y(tick):0.#}\" x2=\"{x1:0.#}\" y2=\"{Y(tick):0.#}\" stroke=\"#e4e4e4\"/>"));
            svg.AppendLine(F($"<text x=\"{x0 - 6:0.#}\" y=\"{Y(tick) + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{Label(tick)}</text>"));
        }
        foreach (double tick in Ticks(xMax))
        {
            svg.AppendLine(F($"<line x1=\"{X(tick):0.#}\" y1=\"{y0:0.#}\" x2=\"{X(tick):0.#}\" y2=\"{y0 + 4:0.#}\" stroke=\"#333\"/>"));
            svg.AppendLine(F($"<text x=\"{X(tick):0.#}\" y=\"{y0 + 17:0.#}\" font-size=\"11\" text-anchor=\"middle\">{Label(tick)}</text>"));
        }
        svg.AppendLine(F($"<polyline points=\"{x0:0.#},{y1:0.#} {x0:0.#},{y0:0.#} {x1:0.#},{y0:0.#}\" fill=\"none\" stroke=\"#333\"/>"));
        svg.AppendLine(F($"<text x=\"{(x0 + x1) / 2:0.#}\" y=\"{y0 + 38:0.#}\" font-size=\"12\" text-anchor=\"middle\">{Escape(panel.XLabel)}</text>"));
        svg.AppendLine(F($"<text transform=\"translate({left + 16:0.#},{(y0 + y1) / 2:0.#}) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">{Escape(panel.YLabel)}</text>"));

        foreach (ChartSeries s in panel.Series)
        {
            string points = string.Join(" ", s.Points.Select(pt => F($"{X(pt.X):0.##},{Y(pt.Y):0.##}")));
            string dash = s.Dashed ? " stroke-dasharray=\"7 4\"" : "";
            svg.AppendLine(F($"<polyline points=\"{points}\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"2.2\"{dash}/>"));
        }
    }

    // One row under the panels naming every distinct series (panels showing the same runs share it): never over a line.
    private static void Legend(StringBuilder svg, IReadOnlyList<ChartPanel> panels, double width, double y)
    {
        List<ChartSeries> entries = panels.SelectMany(p => p.Series).DistinctBy(s => (s.Name, s.Color, s.Dashed)).ToList();
        double[] widths = entries.Select(s => 34 + 6.6 * s.Name.Length).ToArray();
        double x = (width - widths.Sum()) / 2;
        for (int i = 0; i < entries.Count; i++)
        {
            ChartSeries s = entries[i];
            string dash = s.Dashed ? " stroke-dasharray=\"7 4\"" : "";
            svg.AppendLine(F($"<line x1=\"{x:0.#}\" y1=\"{y:0.#}\" x2=\"{x + 24:0.#}\" y2=\"{y:0.#}\" stroke=\"{s.Color}\" stroke-width=\"2.2\"{dash}/>"));
            svg.AppendLine(F($"<text x=\"{x + 30:0.#}\" y=\"{y + 4:0.#}\" font-size=\"12\">{Escape(s.Name)}</text>"));
            x += widths[i];
        }
    }

    /// <summary>Where an axis from 0 ends: the first tick at or above <paramref name="max"/> (1 when there is nothing to show).</summary>
    public static double AxisEnd(double max) => max > 0 ? Math.Ceiling(max / TickStep(max) * (1 - 1e-12)) * TickStep(max) : 1;

    /// <summary>About five ticks up to <paramref name="max"/>: a step of 1, 2 or 5 × 10^k.</summary>
    public static double TickStep(double max)
    {
        double raw = max / 5, power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        return new[] { 1.0, 2, 5, 10 }.Select(m => m * power).First(s => s >= raw * (1 - 1e-12));
    }

    private static IEnumerable<double> Ticks(double end)
    {
        double step = TickStep(end);
        for (int i = 0; i * step <= end * (1 + 1e-12); i++)
            yield return i * step;
    }

    private static string Label(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
