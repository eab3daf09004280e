// Glossary
//   panel     one chart; runs of different cost functions get separate training-cost panels (their own scales)
//   signal    the learning signal: mean |δ^L| of the output layer and, per weight layer, the mean |∂C/∂w| of the
//             mini-batch's mean gradient (see LearningSignal), per epoch
using System.Globalization;
using System.Xml.Linq;
using NetTrainer.Comparison;
using NetTrainer.Training;
using static NetTrainer.Reports.Html;

using static NetTrainer.Reports.Phrases;

namespace NetTrainer.Reports;

/// <summary>
/// The self-contained HTML report of one or more runs: the summary table, accuracy, training cost and
/// learning-signal charts as inline SVG, and the command line and settings. No scripts, fonts or links to fetch.
/// </summary>
public static class HtmlReport
{
    /// <summary>Writes the page of <paramref name="content"/> to <paramref name="path"/>, atomically.</summary>
    public static void Write(ReportContent content, string path) => Save(Build(content), path);

    /// <summary>The page of <paramref name="content"/> as an element tree, to write with <see cref="Html.Save"/>.</summary>
    public static XElement Build(ReportContent content)
    {
        IReadOnlyList<SeriesStyle> styles = SeriesStyle.For(content.Runs.Select(r => r.Run).ToList());
        var table = new SummaryTable(content.Runs, content.EvaluationSet, classes: content.Sizes[^1]);
        string set = content.EvaluationSet;
        return E("html", A("lang", "en"),
            E("head",
                E("meta", A("charset", "utf-8")),
                E("meta", A("name", "viewport"), A("content", "width=device-width, initial-scale=1")),
                E("title", content.Title),
                E("style", ReportStyle.Css)),
            E("body",
                E("h1", content.Title),
                E("p", A("class", "lead"), content.Lead),
                content.Notices.Count > 0 ? content.Notices : StuckNotices(content),
                E("h2", "Summary"),
                E("div", A("class", "scroll"), SummaryHtml(table, styles)),
                E("p", A("class", "note"),
                    $"Accuracy on the {set} data after each epoch; costs are per example, of the last epoch, each in its own " +
                    "cost function's units (plus the L2 term when λ > 0); seconds are wall-clock, training and measuring."),
                E("h2", "Accuracy and training cost"),
                E("p", A("class", "note"),
                    "Training cost has one panel per cost function, each on its own scale: a quadratic cost, a cross-entropy and a " +
                    "negative log-likelihood measure different things, so compare the curves within a panel, not heights across panels."),
                Charts([.. AccuracyCharts(content, styles), .. CostPanels(content, styles)]),
                E("h2", "Learning signal: why the pairings differ"),
                E("p", A("class", "note"),
                    "Per epoch, averaged over its mini-batches: the mean |δ| of the output layer (δᴸ = ∂C/∂zᴸ per example) and, " +
                    "for each weight layer, the mean over its weights of |∂C/∂w| of the mini-batch's mean gradient (the step SGD " +
                    "takes, divided by η; examples pushing a weight opposite ways cancel, so it is smaller than one example's " +
                    "gradient). Unless the cost cancels it, the output activation's Jacobian multiplies (a − y): with the quadratic " +
                    "cost, δᴸ = (a − y) σ′(zᴸ) for sigmoid outputs and (diag(a) − a aᵀ)(a − y) for softmax, so an output that " +
                    "saturates near 0 or 1 gets a gradient near 0 even when it is wrong, and learning slows down (Nielsen, " +
                    "chapter 3). The canonical pairs, cross-entropy with sigmoid and NLL with softmax, cancel the Jacobian and " +
                    "give δᴸ = a − y. The y axes are logarithmic, with gridlines at each power of ten (and at 2 and 5 times it " +
                    "when the values span two decades or less)."),
                Charts(SignalPanels(content, styles)),
                content.Sections,
                E("h2", content.CommandLine is null ? "Settings" : "Command and settings"),
                content.CommandLine is null ? null : E("pre", content.CommandLine),
                E("div", A("class", "scroll"), E("table", A("class", "settings"),
                    E("tbody", content.Settings.Select(s => E("tr", E("th", A("class", "text"), s.Name), E("td", A("class", "text"), s.Value)))))),
                content.Footer?.ToHtml() ??
                E("footer", $"Written by nettrainer on {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.")));
    }

    // A compared run stuck at chance or with a flat cost, named with what its pairing explains (a comparison takes no
    // layer statistics; `train --report` adds its measured causes itself).
    private static IEnumerable<XElement> StuckNotices(ReportContent content) =>
        content.Runs.Select(r => (r.Run.Id, Diagnosis: r.Diverged is null ? RunStatus.Diagnose(r, content.Sizes[^1]) : null))
            .Where(d => d.Diagnosis is not null)
            .Select(d => InsideSections.Stuck(d.Diagnosis!, d.Id));

    private static XElement SummaryHtml(SummaryTable table, IReadOnlyList<SeriesStyle> styles)
    {
        int best = table.BestRun;
        return E("table", A("class", "summary"),
            E("thead", E("tr", table.Header.Select((h, c) => E("th", c is 0 or 8 ? A("class", "text") : null, h)))),
            E("tbody", table.Rows.Select((row, r) => E("tr",
                table.Summaries[r].Diverged is null ? null : A("class", "diverged"),
                row.Select((cell, c) => E("td",
                    A("class", c switch { 0 => "text run", 8 => "text status", 1 when r == best => "best", _ => "figure" }),
                    c == 0 ? Swatch(styles[r]) : null,
                    cell))))));
    }

    // A short stretch of the run's line, so that the table reads against the charts' legends.
    private static XElement Swatch(SeriesStyle style)
    {
        var line = E("line", A("x1", 0), A("x2", 26), A("y1", 5), A("y2", 5), A("stroke", style.Colour), A("stroke-width", 2.5));
        if (style.Dash is { } dash)
            line.Add(A("stroke-dasharray", dash));
        return E("svg", A("class", "swatch"), A("width", 26), A("height", 10), A("viewBox", "0 0 26 10"), line);
    }

    /// <summary>How far below the best accuracy the close-up reaches, in percentage points.</summary>
    private const double CloseUpPoints = 10;

    // Accuracy of every run; and when some run trails far behind (squeezing the others into a flat band at the
    // top), a close-up of the top CloseUpPoints as well, where at least two runs are to be told apart.
    private static IEnumerable<LineChart> AccuracyCharts(ReportContent content, IReadOnlyList<SeriesStyle> styles)
    {
        string set = Capital(content.EvaluationSet);
        LineChart all = Chart("accuracy", $"{set} accuracy", "accuracy (%)", content, styles,
            e => 100 * RunSummary.Accuracy(e));
        all = all with { Series = all.Series.Select(WithBestEpoch).ToList() };
        // The training accuracy beside the held-out one, dotted: the gap between them is overfitting.
        List<ChartSeries> training = Companions(content, styles, "training", e => e.Evaluation is null ? null : 100 * e.Training?.Accuracy);
        yield return training.Count == 0 ? all : all with
        {
            Title = $"Accuracy: {content.EvaluationSet} (solid) and training (dotted)",
            Series = [.. all.Series, .. training],
        };
        double[] values = all.Series.SelectMany(s => s.Points).Select(p => p.Y).Where(double.IsFinite).ToArray();
        if (values.Length == 0 || values.Min() >= values.Max() - CloseUpPoints)
            yield break;
        double best = values.Max(), floor = values.Where(v => v >= best - CloseUpPoints).Min();
        if (all.Series.Count(s => s.Points.Any(p => p.Y >= floor)) < 2)
            yield break; // one run alone at the top: nothing to tell apart
        yield return all with
        {
            Id = "accuracy-close-up",
            Title = Invariant($"{set} accuracy: close-up of the top {CloseUpPoints} points"),
            YRange = (floor, best),
            Series = all.Series.Select(s => s.Points.Any(p => p.Y >= floor) ? s : s with { Label = s.Label + " (below this range)" }).ToList(),
        };
    }

    private static IEnumerable<LineChart> CostPanels(ReportContent content, IReadOnlyList<SeriesStyle> styles)
    {
        List<string> costs = content.Runs.Select(r => r.Run.Cost.Name).Distinct().ToList();
        foreach (string cost in costs)
        {
            LineChart panel = Chart($"training-cost-{cost}", $"Training cost: {cost} (own scale)", $"{cost} cost per example",
                content, styles, e => e.Training?.Cost, run => run.Cost.Name == cost) with
            {
                Width = costs.Count == 1 ? LineChart.WideWidth : LineChart.NarrowWidth,
            };
            // The held-out cost on the same scale, dotted: rising while the training cost falls is overfitting.
            List<ChartSeries> held = Companions(content, styles, content.EvaluationSet, e => e.Evaluation?.Cost, run => run.Cost.Name == cost);
            if (held.Count > 0)
                panel = panel with
                {
                    Title = $"Cost: {cost}, training (solid) and {content.EvaluationSet} (dotted), own scale",
                    Series = [.. panel.Series.Where(s => s.Points.Any(p => double.IsFinite(p.Y))), .. held],
                };
            yield return panel;
        }
        if (content.Runs.Any(r => r.Epochs.Select(e => e.Eta).Distinct().Count() > 1))
            yield return Chart("eta", "Learning rate η per epoch (the schedule)", "η", content, styles, e => e.Eta) with { Width = LineChart.NarrowWidth };
    }

    private static IEnumerable<LineChart> SignalPanels(ReportContent content, IReadOnlyList<SeriesStyle> styles)
    {
        yield return Chart("output-delta", "Output layer: mean |δᴸ| (log scale)", "mean |δᴸ|", content, styles,
            e => e.Signal?.MeanAbsOutputDelta) with { LogY = true, Width = LineChart.NarrowWidth };
        int layers = content.Runs.Select(r => r.SignalLayers).DefaultIfEmpty(0).Max();
        for (int l = 0; l < layers; l++)
        {
            int layer = l;
            string shape = content.Sizes.Count > l + 1 ? $" ({content.Sizes[l]}→{content.Sizes[l + 1]})" : "";
            yield return Chart($"weight-gradient-w{l + 1}", $"w{l + 1}{shape}: mean |∂C/∂w| of the batch gradient (log scale)", "mean |∂C/∂w|, batch mean gradient",
                content, styles, e => e.Signal is { } s && s.MeanAbsWeightGradient.Count > layer ? s.MeanAbsWeightGradient[layer] : null)
                with { LogY = true, Width = LineChart.NarrowWidth };
        }
    }

    /// <summary>The dotted pattern of a companion series (training accuracy, held-out cost) beside its run's own line.</summary>
    private const string CompanionDash = "2 4";

    // A second series per run, in the run's colour and marker, dotted: a figure measured beside the run's main one.
    private static List<ChartSeries> Companions(ReportContent content, IReadOnlyList<SeriesStyle> styles, string what,
        Func<EpochReport, double?> value, Func<RunSpec, bool>? include = null)
    {
        var series = new List<ChartSeries>();
        for (int i = 0; i < content.Runs.Count; i++)
        {
            RunRecord record = content.Runs[i];
            if ((include is not null && !include(record.Run)) || !record.Epochs.Any(e => value(e) is not null))
                continue;
            ChartPoint[] points = record.Epochs.Select(e => new ChartPoint(e.Epoch, value(e) ?? double.NaN)).ToArray();
            series.Add(new ChartSeries(record.Run.Id + "-" + what, $"{record.Run.Id} ({what})", styles[i] with { Dash = CompanionDash }, points));
        }
        return series;
    }

    // The run's best epoch (by the accuracy the summary judges it by) ringed on its line.
    private static ChartSeries WithBestEpoch(ChartSeries series)
    {
        ChartPoint[] finite = series.Points.Where(p => double.IsFinite(p.Y)).ToArray();
        return finite.Length == 0 ? series : series with { Best = finite.MaxBy(p => p.Y) };
    }

    /// <summary>A chart of <paramref name="value"/> per epoch, one series per run (those <paramref name="include"/> keeps).</summary>
    private static LineChart Chart(string id, string title, string yLabel, ReportContent content, IReadOnlyList<SeriesStyle> styles,
        Func<EpochReport, double?> value, Func<RunSpec, bool>? include = null)
    {
        var series = new List<ChartSeries>();
        for (int i = 0; i < content.Runs.Count; i++)
        {
            RunRecord record = content.Runs[i];
            if (include is not null && !include(record.Run))
                continue;
            ChartPoint[] points = record.Epochs.Select(e => new ChartPoint(e.Epoch, value(e) ?? double.NaN)).ToArray();
            string label = record.Diverged is { } d ? $"{record.Run.Id} (diverged in epoch {d.Epoch})" : record.Run.Id;
            series.Add(new ChartSeries(record.Run.Id, label, styles[i], points, DivergedIn: record.Diverged?.Epoch));
        }
        return new LineChart(id, title, "epoch", yLabel, series);
    }

    private static XElement Charts(params IEnumerable<LineChart> charts) =>
        E("div", A("class", "charts"), charts.Select(c => c.ToSvg()));


    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
