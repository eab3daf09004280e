// Glossary
//   ours     per epoch, the mean over the seeds of our runs (one line per run); the book's curve is drawn dashed in
//            the same colour
//   page     one self-contained HTML file per experiment, and index.html linking them (no scripts, nothing to fetch)
using System.Globalization;
using System.Xml.Linq;
using NetTrainer.Reports;
using NetTrainer.Cli.Reports;
using NetTrainer.Reproduction;
using static NetTrainer.Reports.Html;

namespace NetTrainer.Cli.Reproduce;

/// <summary>The HTML of `reproduce`: one page per experiment (ours over the book's curves, the numbers, the verdicts) and a summary.</summary>
public static class ReproductionPage
{
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f"];
    private const string BookDash = "6 4"; // the book's curves dashed, ours solid, so they read apart in any colour

    public const string Attribution =
        "Reference curves and numbers: Michael Nielsen, \"Neural Networks and Deep Learning\", result files from " +
        "github.com/mnielsen/neural-networks-and-deep-learning (fig/), MIT License, Copyright (c) 2012-2022 Michael Nielsen.";

    public static IReadOnlyList<Verdict> Verdicts(ExperimentResult result, bool quick) =>
        result.Experiment.Headlines.Select(h => Verdict.Of(h, result.Seeds, comparable: !quick)).ToList();

    public static XElement Build(ExperimentResult result, bool quick, string commandLine)
    {
        Experiment experiment = result.Experiment;
        int seeds = result.Seeds.Count;
        return Document(experiment.Title,
            E("h1", experiment.Title),
            E("p", A("class", "lead"), experiment.Claim),
            E("p", A("class", "note"), $"Source: {experiment.Source}. Ours: {Plural(seeds, "seed")} ({string.Join(", ", result.Seeds.Select(s => s[0].Seed))})" +
                (quick ? "; --quick: a tenth of the epochs, so not the book's experiment." : ".")),
            // The record runs are held to a target beside a published anchor, not to the book.
            E("h2", experiment.InAll ? "The book's numbers and ours" : "The target, the published anchor and ours"),
            HeadlineTable(Verdicts(result, quick), seeds, experiment.InAll ? "book" : "anchor"),
            E("h2", "Curves"),
            E("p", A("class", "note"), (experiment.InAll
                    ? "Solid: ours (the mean over the seeds per epoch). Dashed, same colour: the book's run (one seed, " +
                      "Nielsen's generator; curves agree in shape and level, not digit for digit). "
                    : "Ours, the mean over the seeds per epoch (no published curve to draw beside it). ") +
                "Costs are per example and include the L2 term " +
                "(λ/2n)Σw² with n the training set size; network2.py divides its evaluation-cost L2 term by the evaluated set's size instead."),
            E("div", A("class", "charts"), Charts(result)),
            E("h2", "Runs"),
            RunTable(result),
            E("h2", "Command"),
            E("pre", commandLine));
    }

    public static XElement Summary(IReadOnlyList<ExperimentResult> results, bool quick, TimeSpan wall, string commandLine)
    {
        var rows = new List<XElement>();
        foreach (ExperimentResult result in results)
            foreach (Verdict v in Verdicts(result, quick))
                rows.Add(E("tr",
                    E("td", A("class", "text"), E("a", A("href", result.Experiment.Name + ".html"), result.Experiment.Name)),
                    E("td", A("class", "text"), v.Headline.Description),
                    E("td", Number(v.Headline.Book, v.Headline.Unit)),
                    E("td", Ours(v)),
                    E("td", A("class", "text"), v.Sentence)));
        return Document("The book's experiments, reproduced",
            E("h1", "The book's experiments, reproduced"),
            E("p", A("class", "lead"), $"{Plural(results.Count, "experiment")}, {Plural(results[0].Seeds.Count, "seed")} each" +
                (quick ? ", --quick (scaled down: not compared with the book)" : "") +
                $"; {wall.TotalMinutes:F1} minutes of wall time."),
            E("table", E("thead", E("tr", E("th", A("class", "text"), "experiment"), E("th", A("class", "text"), "number"), E("th", "book"),
                E("th", "ours"), E("th", A("class", "text"), "verdict"))), E("tbody", rows)),
            E("h2", "Command"),
            E("pre", commandLine));
    }

    private static XElement Document(string title, params object[] body) =>
        E("html", A("lang", "en"),
            E("head", E("meta", A("charset", "utf-8")), E("meta", A("name", "viewport"), A("content", "width=device-width, initial-scale=1")),
                E("title", title), E("style", ReportStyle.Css)),
            E("body", body, E("footer", Attribution)));

    private static XElement HeadlineTable(IReadOnlyList<Verdict> verdicts, int seeds, string reference) =>
        E("table",
            E("thead", E("tr", E("th", A("class", "text"), "number"), E("th", reference), E("th", seeds > 1 ? "ours (mean ± sd)" : "ours"),
                seeds > 1 ? E("th", A("class", "text"), "per seed") : null, E("th", A("class", "text"), "verdict"))),
            E("tbody", verdicts.Select(v => E("tr",
                E("td", A("class", "text"), v.Headline.Description),
                E("td", Number(v.Headline.Book, v.Headline.Unit)),
                E("td", Ours(v)),
                seeds > 1 ? E("td", A("class", "text"), string.Join(", ", v.PerSeed.Select(p => Verdict.Format(p)))) : null,
                E("td", A("class", "text"), v.Sentence)))));

    private static string Ours(Verdict v) =>
        Number(v.Mean, v.Headline.Unit) + (double.IsFinite(v.StandardDeviation) ? $" ± {Verdict.Format(v.StandardDeviation)}" : "");

    private static string Number(double value, string unit) => double.IsFinite(value) ? Verdict.Format(value) + unit : "n/a";

    private static XElement RunTable(ExperimentResult result) =>
        E("table",
            E("thead", E("tr", E("th", A("class", "text"), "run"), E("th", "seed"), E("th", "epochs"), E("th", "final accuracy"),
                E("th", "best accuracy"), E("th", "seconds"), E("th", A("class", "text"), "status"))),
            E("tbody", result.Seeds.SelectMany(seed => seed).Select(r => E("tr",
                E("td", A("class", "text"), r.Run.Label), E("td", r.Seed), E("td", r.Epochs.Count),
                E("td", Percent(r.FinalAccuracy)), E("td", Percent(r.BestAccuracy)),
                E("td", r.Seconds.ToString("F1", CultureInfo.InvariantCulture)),
                E("td", A("class", "text"), r.Diverged ?? "done")))));

    private static string Percent(double fraction) =>
        double.IsFinite(fraction) ? (100 * fraction).ToString("F2", CultureInfo.InvariantCulture) + "%" : "";

    private static IEnumerable<XElement> Charts(ExperimentResult result)
    {
        Experiment experiment = result.Experiment;
        if (experiment.ChartBySize)
        {
            // One point per training-set size; x is log10 of the size, as the book draws it on a log axis.
            IReadOnlyList<ExperimentRun> runs = experiment.Runs;
            double X(int r) => Math.Log10(runs[r].TrainSize!.Value);
            var ours = new ChartSeries("ours", "ours", new SeriesStyle(Colours[0], null),
                runs.Select((_, r) => new ChartPoint(X(r), 100 * result.Seeds.Average(s => s[r].FinalAccuracy))).ToList());
            var book = new ChartSeries("book", "book", new SeriesStyle(Colours[0], BookDash),
                experiment.BookBySize!.Select((a, r) => new ChartPoint(X(r), 100 * a)).ToList());
            yield return new LineChart($"{experiment.Name}-by-size", "Validation accuracy by training-set size",
                "log10(training images)", "accuracy (%)", [ours, book]).ToSvg();
            yield break;
        }
        if (experiment.ChartNorms)
        {
            // Chapter 5's figures: per network, each hidden layer's gradient norm by epoch, on a log axis as the book draws them.
            for (int r = 0; r < experiment.Runs.Count; r++)
            {
                int layers = experiment.Runs[r].Hidden.Length;
                double[][] book = VanishingGradient.BookNorms(layers);
                var series = new List<ChartSeries>();
                for (int l = 0; l < layers; l++)
                {
                    string colour = Colours[l % Colours.Length];
                    int epochs = result.Seeds.Min(s => s[r].Norms!.Length);
                    int layer = l, run = r;
                    series.Add(new ChartSeries($"ours-{l}", $"ours: hidden layer {l + 1}", new SeriesStyle(colour, null),
                        Enumerable.Range(0, epochs).Select(e => new ChartPoint(e, result.Seeds.Average(s => s[run].Norms![e][layer]))).ToList()));
                    series.Add(new ChartSeries($"book-{l}", $"book: hidden layer {l + 1}", new SeriesStyle(colour, BookDash),
                        book.Select((norms, e) => new ChartPoint(e, norms[layer])).ToList()));
                }
                yield return new LineChart($"{experiment.Name}-{layers}", $"Gradient norm per hidden layer, {experiment.Runs[r].Label}",
                    "epoch", "‖(1/n) Σ δ^l‖", series) { Width = LineChart.NarrowWidth, LogY = true }.ToSvg();
            }
            yield break;
        }
        foreach (Measure measure in experiment.Charts)
        {
            var series = new List<ChartSeries>();
            for (int r = 0; r < experiment.Runs.Count; r++)
            {
                ExperimentRun run = experiment.Runs[r];
                string colour = Colours[r % Colours.Length];
                double scale = IsAccuracy(measure) ? 100 : 1;
                double[][] curves = result.Seeds.Select(s => s[r].Curve(measure)).ToArray();
                int epochs = curves.Min(c => c.Length);
                var mean = Enumerable.Range(0, epochs).Select(e => new ChartPoint(e + 1, scale * curves.Average(c => c[e]))).ToList();
                series.Add(new ChartSeries($"ours-{r}", $"ours: {run.Label}", new SeriesStyle(colour, null), mean,
                    result.Seeds.Select(s => s[r]).FirstOrDefault(s => s.Diverged is not null) is { } d ? d.Epochs.Count + 1 : null));
                if (run.Book?.Of(measure) is { } book)
                    series.Add(new ChartSeries($"book-{r}", $"book: {run.Label}", new SeriesStyle(colour, BookDash),
                        book.Select((v, e) => new ChartPoint(e + 1, scale * v)).ToList()));
            }
            yield return new LineChart($"{experiment.Name}-{ReproductionCsv.Name(measure)}", Title(measure, experiment),
                "epoch", IsAccuracy(measure) ? "accuracy (%)" : "cost per example", series) { Width = LineChart.NarrowWidth }.ToSvg();
        }
    }

    private static bool IsAccuracy(Measure measure) => measure is Measure.EvaluationAccuracy or Measure.TrainingAccuracy;

    private static string Title(Measure measure, Experiment experiment)
    {
        string set = experiment.Runs[0].Evaluation == HeldOut.Test ? "test" : "validation";
        return measure switch
        {
            Measure.EvaluationAccuracy => $"Accuracy on the {set} data",
            Measure.EvaluationCost => $"Cost on the {set} data",
            Measure.TrainingCost => "Cost on the training data",
            _ => "Accuracy on the training data",
        };
    }

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
