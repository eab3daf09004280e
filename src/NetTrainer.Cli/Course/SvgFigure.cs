// Glossary
//   figure   a standalone .svg file: a title, the report's line charts side by side, and a caption under them
using System.Xml.Linq;
using NetTrainer.Reports;
using NetTrainer.Cli.Reports;

namespace NetTrainer.Cli.Course;

/// <summary>
/// The HTML report's <see cref="LineChart"/>s as a standalone SVG file: each chart is a nested &lt;svg&gt; placed side
/// by side, styled by the report's own chart rules copied into the file, every element in the SVG namespace.
/// </summary>
public static class SvgFigure
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const int Gap = 16, TitleHeight = 40, CaptionHeight = 30;

    public static string Render(string title, IReadOnlyList<LineChart> charts, string? caption = null)
    {
        List<XElement> panels = charts.Select(c => c.ToSvg()).ToList();
        int width = panels.Sum(p => (int)p.Attribute("width")!) + Gap * (panels.Count + 1);
        int chartsHeight = panels.Max(p => (int)p.Attribute("height")!);
        int height = TitleHeight + chartsHeight + (caption is null ? 0 : CaptionHeight);

        var figure = new XElement(Svg + "svg", new XAttribute("width", width), new XAttribute("height", height),
            new XAttribute("viewBox", $"0 0 {width} {height}"), new XAttribute("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif"),
            new XElement(Svg + "style", ChartRules()),
            new XElement(Svg + "rect", new XAttribute("width", width), new XAttribute("height", height), new XAttribute("fill", "white")),
            Text(width / 2, 26, title, "font-size: 17px; font-weight: bold"));
        int x = Gap;
        foreach (XElement panel in panels)
        {
            panel.Add(new XAttribute("x", x), new XAttribute("y", TitleHeight));
            figure.Add(panel);
            x += (int)panel.Attribute("width")! + Gap;
        }
        if (caption is not null)
            figure.Add(Text(width / 2, TitleHeight + chartsHeight + 18, caption, "font-size: 12.5px; fill: #444"));
        // The charts are built for inline SVG in HTML, where elements need no namespace; a .svg file needs it on each.
        foreach (XElement element in figure.DescendantsAndSelf().Where(e => e.Name.Namespace == XNamespace.None))
            element.Name = Svg + element.Name.LocalName;
        return figure.ToString() + Environment.NewLine;
    }

    private static XElement Text(int x, int y, string text, string style) =>
        new(Svg + "text", new XAttribute("x", x), new XAttribute("y", y), new XAttribute("text-anchor", "middle"), new XAttribute("style", style), text);

    // The report's style sheet is for a whole HTML page; a figure needs only its rules for chart text, grid and frame.
    private static string ChartRules() => string.Join("\n", ReportStyle.Css.Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.StartsWith("text.", StringComparison.Ordinal) || line.StartsWith("line.", StringComparison.Ordinal)
                       || line.StartsWith("rect.", StringComparison.Ordinal)));
}
