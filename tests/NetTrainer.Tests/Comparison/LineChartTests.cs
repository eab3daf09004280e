using System.Xml.Linq;
using NetTrainer.Reports;
using NetTrainer.Cli.Reports;

namespace NetTrainer.Tests.Comparison;

/// <summary>The SVG line chart: where a diverged run's cross goes, and what an empty panel says.</summary>
public class LineChartTests
{
    private static readonly SeriesStyle Red = new("#d62728", null);

    private static XElement Svg(params ChartSeries[] series) =>
        new LineChart("chart", "Validation accuracy", "epoch", "accuracy (%)", series).ToSvg();

    private static XElement[] Crosses(XElement svg) =>
        svg.Descendants("text").Where(t => (string?)t.Attribute("class") == "diverged").ToArray();

    private static string[] AxisTexts(XElement svg) =>
        svg.Elements("text").Where(t => (string?)t.Attribute("class") == "axis").Select(t => t.Value).ToArray();

    [Test]
    public void A_run_that_diverged_in_its_first_epoch_gets_no_cross_and_the_panel_says_where_it_diverged()
    {
        XElement svg = Svg(new ChartSeries("quadratic:sigmoid@3", "quadratic:sigmoid@3 (diverged in epoch 1)", Red, [], DivergedIn: 1));

        Assert.That(Crosses(svg), Is.Empty);
        Assert.That(AxisTexts(svg), Does.Contain("diverged in epoch 1").And.Not.Contain("not measured"));
    }

    [Test]
    public void A_run_that_diverged_later_gets_its_cross_on_its_last_drawn_point()
    {
        XElement svg = Svg(new ChartSeries("nll:softmax@0.5", "nll:softmax@0.5", Red,
            [new ChartPoint(1, 50), new ChartPoint(2, 60), new ChartPoint(3, double.NaN)], DivergedIn: 3));

        XElement cross = Crosses(svg).Single();
        XElement lastDot = svg.Descendants("g").Where(g => (string?)g.Attribute("class") == "series").Descendants("circle").Last();
        Assert.That((double)cross.Attribute("x")!, Is.EqualTo((double)lastDot.Attribute("cx")! + 4).Within(0.1));
    }

    [Test]
    public void A_panel_with_no_values_and_no_divergence_says_not_measured() =>
        Assert.That(AxisTexts(Svg(new ChartSeries("nll:softmax@0.5", "nll:softmax@0.5", Red, [new ChartPoint(1, double.NaN)]))),
            Does.Contain("not measured"));
}
