// Glossary
//   plot      the rectangle the lines are drawn in; margins around it hold the title, ticks, labels and legend
//   series    one run's line: its points (epoch, value) in epoch order, its style and its legend label
using System.Globalization;
using System.Xml.Linq;
using static NetTrainer.Reports.Html;

namespace NetTrainer.Reports;

/// <summary>One point of a series.</summary>
public readonly record struct ChartPoint(double X, double Y);

/// <summary>
/// One line of a chart; a run that diverged (in epoch <paramref name="DivergedIn"/>) has its last drawn point
/// marked with a cross.
/// </summary>
public sealed record ChartSeries(string RunId, string Label, SeriesStyle Style, IReadOnlyList<ChartPoint> Points,
    int? DivergedIn = null)
{
    /// <summary>A point to ring and name (the best epoch), when there is one.</summary>
    public ChartPoint? Best { get; init; }
}

/// <summary>
/// A line chart as inline SVG, one line per series with a legend below it; the title says what is plotted and
/// the y axis may be logarithmic. Sizes are in CSS pixels.
/// </summary>
public sealed record LineChart(string Id, string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>A chart's width alone on its row, and beside another (two fit a laptop's browser window).</summary>
    public const int WideWidth = 656, NarrowWidth = 432;

    /// <summary>The chart's width, legend and axes included.</summary>
    public int Width { get; init; } = WideWidth;

    /// <summary>The height of the plotting area alone.</summary>
    public int PlotHeight { get; init; } = 260;

    /// <summary>A logarithmic y axis (values at or below 0 are left out).</summary>
    public bool LogY { get; init; }

    /// <summary>A fixed y range for a close-up: points outside it are left out, breaking their lines.</summary>
    public (double Min, double Max)? YRange { get; init; }

    private const int Left = 66, Right = 18, BelowPlot = 52, LegendRow = 18, LegendSwatch = 26;
    private const int TitleBaseline = 20, TitleLine = 18, TitleMargin = 12;
    private const double CharWidth = 6.7; // 12px sans-serif, on average: enough to keep legend items apart

    // 14px bold sans-serif averages about 8.2 px a character (DejaVu Sans, the widest of the fonts the page allows, in
    // Chromium): a title longer than the chart breaks between words instead of running past its edge.
    private const double TitleCharWidth = 8.2;

    /// <summary>The title broken into lines that fit the chart's width, between words.</summary>
    public IReadOnlyList<string> TitleLines()
    {
        int fits = Math.Max(10, (int)((Width - 2 * TitleMargin) / TitleCharWidth));
        var lines = new List<string>();
        string line = "";
        foreach (string word in Title.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > fits)
            {
                lines.Add(line);
                line = word;
            }
            else
                line = line.Length == 0 ? word : line + " " + word;
        }
        lines.Add(line);
        return lines;
    }

    /// <summary>The chart as an inline svg element, with its title and legend.</summary>
    public XElement ToSvg()
    {
        ChartPoint[] all = Series.SelectMany(s => s.Points).ToArray();
        double[] finite = all.Select(p => p.Y).Where(double.IsFinite).ToArray();
        AxisScale y = (LogY, YRange) switch
        {
            (true, _) => new LogScale(finite),
            (false, { } range) => new LinearScale(range.Min, range.Max, clip: true),
            _ => new LinearScale(Min(finite), Max(finite)),
        };
        var x = new LinearScale(Min(all.Select(p => p.X)), Max(all.Select(p => p.X)), targetTicks: 11, integers: true);
        IReadOnlyList<string> titleLines = TitleLines();
        int top = 34 + TitleLine * (titleLines.Count - 1); // the plot starts below the title's last line
        int plotWidth = Width - Left - Right, plotBottom = top + PlotHeight;
        (int columns, int itemWidth) = LegendColumns(plotWidth);
        int legendRows = (Series.Count + columns - 1) / columns;
        int height = plotBottom + BelowPlot + legendRows * LegendRow;

        double Px(double v) => Left + x.Fraction(v) * plotWidth;
        double Py(double v) => top + (1 - y.Fraction(v)) * PlotHeight;

        var svg = E("svg", A("id", Id), A("class", "chart"), A("width", Width), A("height", height),
            A("viewBox", $"0 0 {Width} {height}"), A("role", "img"), A("aria-label", Title),
            titleLines.Select((line, i) => E("text", A("class", "title"), A("x", TitleMargin), A("y", TitleBaseline + i * TitleLine), line)));

        foreach (double tick in y.Ticks)
            svg.Add(E("line", A("class", "grid"), A("x1", Left), A("x2", Left + plotWidth), A("y1", F(Py(tick))), A("y2", F(Py(tick)))),
                E("text", A("class", "tick"), A("x", Left - 6), A("y", F(Py(tick) + 4)), A("text-anchor", "end"), y.Format(tick)));
        foreach (double tick in x.Ticks)
            svg.Add(E("line", A("class", "grid"), A("x1", F(Px(tick))), A("x2", F(Px(tick))), A("y1", top), A("y2", plotBottom)),
                E("text", A("class", "tick"), A("x", F(Px(tick))), A("y", plotBottom + 16), A("text-anchor", "middle"), x.Format(tick)));
        svg.Add(E("rect", A("class", "frame"), A("x", Left), A("y", top), A("width", plotWidth), A("height", PlotHeight)),
            E("text", A("class", "axis"), A("x", Left + plotWidth / 2), A("y", plotBottom + 34), A("text-anchor", "middle"), XLabel),
            E("text", A("class", "axis"), A("text-anchor", "middle"),
                A("transform", $"translate(16 {F(top + PlotHeight / 2.0)}) rotate(-90)"), YLabel));
        if (!all.Any(p => y.CanShow(p.Y)))
            svg.Add(E("text", A("class", "axis"), A("x", Left + plotWidth / 2), A("y", top + PlotHeight / 2), A("text-anchor", "middle"),
                EmptyPanelText()));

        foreach (ChartSeries series in Series)
            svg.Add(LineOf(series, y, Px, Py));
        for (int i = 0; i < Series.Count; i++)
            svg.Add(LegendItem(Series[i], Left + i % columns * itemWidth, plotBottom + BelowPlot - 4 + i / columns * LegendRow));
        return svg;
    }

    // The series' line, broken where a value cannot be drawn, with its marker on each point (a smaller one past 40
    // points) whose <title> gives the values on hover, and a ring on the best point.
    private XElement LineOf(ChartSeries series, AxisScale y, Func<double, double> px, Func<double, double> py)
    {
        var path = new System.Text.StringBuilder();
        bool pen = false;
        var group = E("g", A("class", "series"), A("data-run", series.RunId), E("title", series.Label));
        var dots = new List<XElement>();
        double size = series.Points.Count <= 40 ? 3 : 1.8;
        foreach (ChartPoint p in series.Points)
        {
            if (!y.CanShow(p.Y))
            {
                pen = false;
                continue;
            }
            path.Append(pen ? " L" : " M").Append(F(px(p.X))).Append(' ').Append(F(py(p.Y)));
            pen = true;
            dots.Add(MarkerAt(series.Style, px(p.X), py(p.Y), size,
                E("title", $"{series.Label}: {XLabel} {p.X.ToString("0.##", CultureInfo.InvariantCulture)}, {YLabel} {Value(p.Y)}")));
        }
        var line = E("path", A("d", path.ToString().Trim()), A("fill", "none"), A("stroke", series.Style.Colour), A("stroke-width", 2));
        if (series.Style.Dash is { } dash)
            line.Add(A("stroke-dasharray", dash));
        group.Add(line, dots);
        if (series.Best is { } best && y.CanShow(best.Y))
            group.Add(E("circle", A("class", "best"), A("cx", F(px(best.X))), A("cy", F(py(best.Y))), A("r", 7), A("fill", "none"),
                A("stroke", series.Style.Colour), A("stroke-width", 1.5),
                E("title", $"{series.Label}: best, {XLabel} {best.X.ToString("0.##", CultureInfo.InvariantCulture)}, {YLabel} {Value(best.Y)}")));
        ChartPoint[] shown = series.Points.Where(p => y.CanShow(p.Y)).ToArray();
        if (series.DivergedIn is not null && shown.Length > 0)
        {
            ChartPoint last = shown[^1];
            group.Add(E("text", A("class", "diverged"), A("x", F(px(last.X) + 4)), A("y", F(py(last.Y) + 5)), A("fill", series.Style.Colour), "\u00d7"));
        }
        return group;
    }

    // A value as the hover shows it: four significant figures, e-notation when small.
    private static string Value(double v) =>
        v != 0 && Math.Abs(v) < 1e-3 ? v.ToString("0.###e0", CultureInfo.InvariantCulture) : v.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>The style's marker centred at (x, y), <paramref name="size"/> its half-width.</summary>
    public static XElement MarkerAt(SeriesStyle style, double x, double y, double size, params object[] content)
    {
        string colour = style.Colour;
        string Points(params (double X, double Y)[] corners) => string.Join(" ", corners.Select(c => $"{F(x + c.X)},{F(y + c.Y)}"));
        XElement shape = style.Marker switch
        {
            Marker.Square => E("rect", A("x", F(x - size)), A("y", F(y - size)), A("width", F(2 * size)), A("height", F(2 * size)), A("fill", colour)),
            Marker.Triangle => E("polygon", A("points", Points((0, -1.25 * size), (1.15 * size, size), (-1.15 * size, size))), A("fill", colour)),
            Marker.Diamond => E("polygon", A("points", Points((0, -1.3 * size), (1.3 * size, 0), (0, 1.3 * size), (-1.3 * size, 0))), A("fill", colour)),
            Marker.Cross => E("path", A("d", $"M{F(x - size)} {F(y - size)} L{F(x + size)} {F(y + size)} M{F(x - size)} {F(y + size)} L{F(x + size)} {F(y - size)}"),
                A("stroke", colour), A("stroke-width", 1.8)),
            Marker.Plus => E("path", A("d", $"M{F(x - 1.2 * size)} {F(y)} L{F(x + 1.2 * size)} {F(y)} M{F(x)} {F(y - 1.2 * size)} L{F(x)} {F(y + 1.2 * size)}"),
                A("stroke", colour), A("stroke-width", 1.8)),
            _ => E("circle", A("cx", F(x)), A("cy", F(y)), A("r", F(size)), A("fill", colour)),
        };
        shape.Add(content);
        return shape;
    }

    // Why a panel has no point to draw: its runs diverged before their first measured epoch, or nothing was measured.
    private string EmptyPanelText()
    {
        int[] epochs = Series.Select(s => s.DivergedIn).OfType<int>().Distinct().Order().ToArray();
        if (epochs.Length == 0 || Series.Any(s => s.DivergedIn is null))
            return "not measured";
        string who = Series.Count == 1 ? "" : "every run ";
        return epochs.Length == 1
            ? $"{who}diverged in epoch {epochs[0]}"
            : $"{who}diverged, in epochs {string.Join(", ", epochs)}";
    }

    private static XElement LegendItem(ChartSeries series, double x, double y)
    {
        var swatch = E("line", A("x1", F(x)), A("x2", F(x + LegendSwatch)), A("y1", F(y - 4)), A("y2", F(y - 4)),
            A("stroke", series.Style.Colour), A("stroke-width", 2.5));
        if (series.Style.Dash is { } dash)
            swatch.Add(A("stroke-dasharray", dash));
        return E("g", A("class", "legend"), A("data-run", series.RunId), swatch, MarkerAt(series.Style, x + LegendSwatch / 2.0, y - 4, 3),
            E("text", A("class", "legend"), A("x", F(x + LegendSwatch + 6)), A("y", F(y)), series.Label));
    }

    private (int Columns, int ItemWidth) LegendColumns(int plotWidth)
    {
        int longest = Series.Select(s => s.Label.Length).DefaultIfEmpty(10).Max();
        int itemWidth = LegendSwatch + 6 + (int)Math.Ceiling(longest * CharWidth) + 16;
        int columns = Math.Clamp(plotWidth / itemWidth, 1, Math.Max(1, Series.Count));
        return (columns, Math.Max(itemWidth, plotWidth / columns));
    }

    private static double Min(IEnumerable<double> values) => values.DefaultIfEmpty(0).Min();
    private static double Max(IEnumerable<double> values) => values.DefaultIfEmpty(1).Max();

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
