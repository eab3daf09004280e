// Glossary
//   sample   the probe's fixed training images (see LayerProbe), the same after every epoch
//   layer    weight layer l = 1 .. L as the report names it: w^l feeds layer l (the book's w^{l+1})
using System.Globalization;
using System.Xml.Linq;
using NetTrainer.Data;
using NetTrainer.Inspection;
using static NetTrainer.Reports.Html;

namespace NetTrainer.Reports;

/// <summary>
/// The train report's look inside the network: the stuck diagnosis, the first layer's weight images, and per-layer
/// saturation and learning speed on a fixed sample after each epoch.
/// </summary>
internal static class InsideSections
{
    // Okabe and Ito's colour-blind-safe palette, one colour (and one dash) per layer.
    private static readonly string[] LayerColours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
    private static readonly string?[] LayerDashes = [null, "9 4", "3 3", "12 3 2 3", "1 3"];

    /// <summary>The paragraph naming a stuck run, its measured causes and the book's hint.</summary>
    public static XElement Stuck(StuckDiagnosis diagnosis, string? run = null) =>
        E("div", A("class", "stuck"),
            E("p", A("class", "stuck"), E("strong", (run is null ? Capital(diagnosis.Summary) : $"{run}: {diagnosis.Summary}") + ". "),
                diagnosis.Causes.Count == 0 ? "No cause is visible in what was measured." : "Measured cause: " + string.Join("; ", diagnosis.Causes) + "."),
            E("p", A("class", "note"), StuckDiagnosis.Hint));

    /// <summary>Sections to add to the train report.</summary>
    public static IEnumerable<XElement> For(Network<float> network, TrainingInspection inspection, int rows, int cols,
        Dataset? heldOut, string heldOutName)
    {
        if (heldOut is not null && heldOut.InputSize == network.InputSize)
        {
            Classification classification = Classification.Of(network, heldOut);
            IReadOnlyList<Mistake> mistakes = Mistakes.MostConfident(classification, MistakeGallery.DefaultCount);
            int wrong = Enumerable.Range(0, classification.Count).Count(i => !classification.IsCorrect(i));
            yield return E("h2", $"The {mistakes.Count} most confident of {wrong} mistakes on the {heldOutName} data");
            yield return E("p", A("class", "note"),
                "The final network's most confidently wrong images, each with its true label and the three largest output " +
                "activations as shares of their sum; `evaluate --report` adds the confusion matrix and, with --all-mistakes, every mistake.");
            yield return MistakeGallery.Of(mistakes, heldOut);
        }
        bool templates = network.LayerCount == 1;
        yield return E("h2", templates ? "What the outputs learned: templates" : "What the first hidden layer learned");
        string what = templates
            ? "With no hidden layer each output's 784 incoming weights form a template of its digit: red pixels vote for the class, blue against."
            : "Each hidden neuron's 784 incoming weights drawn as an image: red pixels excite the neuron, blue inhibit it.";
        yield return WeightImages.Figure(network.Weights[0], network.Biases[0], templates, rows, cols, $"At the end of training. {what}")
                     ?? E("p", "The input is not an image, so its weights are not drawn.");
        foreach (WeightSnapshot snapshot in inspection.Snapshots.OrderBy(s => s.Epoch))
            yield return E("details", E("summary", snapshot.Epoch == 0 ? "At initialisation" : $"After epoch {snapshot.Epoch}"),
                WeightImages.Figure(snapshot.Weights, snapshot.Biases, templates, rows, cols, snapshot.Epoch == 0 ? "Before training." : $"After epoch {snapshot.Epoch}."));
        if (inspection.Statistics.Count == 0)
            yield break;
        yield return E("h2", "Saturation and learning speed per layer");
        yield return E("p", A("class", "note"), Invariant(
            $"Measured after each epoch (epoch 0: at initialisation) on the same {inspection.SampleSize} training images, by one forward and ") +
            "one backward pass that does not change the network. Saturated: the slope f′(z) below " +
            Invariant($"{LayerStatistics.SaturationSlope}") + " (a(1 − a) for sigmoid and softmax, 1 − a² for tanh; z ≤ 0 for ReLU): such a " +
            "neuron learns slowly whatever its error (Nielsen, chapter 3). Mean |δ| is per example and neuron; mean |∂C/∂w| is of " +
            "the sample's mean gradient. The default initialisation N(0, 1/n_in) keeps the std of z near 1; N(0, 1) gives 784 inputs a std near 22.");
        IReadOnlyList<LayerStatistics> stats = inspection.Statistics;
        yield return E("div", A("class", "charts"),
            (LayerChart("saturation", "Saturated neurons per layer (%)", "saturated (%)", network, stats, f => 100 * f.FractionSaturated, log: false)
                with { YRange = (0, 100) }).ToSvg(), // a share: 0 to 100 always, so that none saturated reads as 0, not as a band around it
            LayerChart("mean-delta", "Mean |δ| per layer (log scale)", "mean |δ|", network, stats, f => f.MeanAbsDelta, log: true).ToSvg(),
            LayerChart("mean-gradient", "Mean |∂C/∂w| per layer (log scale)", "mean |∂C/∂w|", network, stats, f => f.MeanAbsWeightGradient, log: true).ToSvg(),
            LayerChart("weight-norm", "‖w‖ per layer", "‖w‖ (Frobenius)", network, stats, f => f.WeightNorm, log: false).ToSvg());
        yield return E("h2", "Distribution of z per layer");
        yield return E("p", A("class", "note"), Invariant(
            $"Share of the sample's weighted inputs z in bins of {LayerStatistics.HistogramStep} from −{LayerStatistics.HistogramLimit} to ") +
            Invariant($"+{LayerStatistics.HistogramLimit} (values beyond fall in the end bins), at initialisation and after the last epoch; the table gives every epoch's mean and std."));
        yield return E("div", A("class", "charts"),
            Enumerable.Range(0, network.LayerCount).Select(l => Histogram(network, stats, l).ToSvg()));
        yield return E("div", A("class", "scroll"), Table(network, stats));
    }

    private static LineChart LayerChart(string id, string title, string yLabel, Network<float> network, IReadOnlyList<LayerStatistics> stats,
        Func<LayerFigures, double> value, bool log)
    {
        var series = Enumerable.Range(0, network.LayerCount).Select(l => new ChartSeries($"w{l + 1}", LayerName(network, l), Style(l),
            stats.Select(s => new ChartPoint(s.Epoch, value(s.Layers[l]))).ToArray())).ToList();
        return new LineChart(id, title, "epoch", yLabel, series) { LogY = log, Width = LineChart.NarrowWidth };
    }

    private static LineChart Histogram(Network<float> network, IReadOnlyList<LayerStatistics> stats, int layer)
    {
        LayerStatistics first = stats[0], last = stats[^1];
        ChartSeries Of(LayerStatistics s, int style)
        {
            int[] counts = s.Layers[layer].ZHistogram;
            double total = Math.Max(1, counts.Sum());
            return new ChartSeries($"epoch-{s.Epoch}", s.Epoch == 0 ? "at initialisation" : $"after epoch {s.Epoch}", Style(style),
                counts.Select((c, b) => new ChartPoint(LayerStatistics.BinStart(b) + LayerStatistics.HistogramStep / 2, 100 * c / total)).ToArray());
        }
        List<ChartSeries> series = first == last ? [Of(first, 0)] : [Of(first, 0), Of(last, 1)];
        return new LineChart($"z-histogram-w{layer + 1}", $"z of {LayerName(network, layer)}", "z", "share of z (%)", series)
        {
            Width = LineChart.NarrowWidth,
        };
    }

    private static XElement Table(Network<float> network, IReadOnlyList<LayerStatistics> stats) =>
        E("table", A("class", "layers"),
            E("thead", E("tr", E("th", "epoch"), E("th", A("class", "text"), "layer"), E("th", "mean z"), E("th", "std z"),
                E("th", "saturated"), E("th", "mean |δ|"), E("th", "mean |∂C/∂w|"), E("th", "‖w‖"))),
            E("tbody", stats.SelectMany(s => s.Layers.Select(f => E("tr",
                E("td", Invariant($"{s.Epoch}")), E("td", A("class", "text"), LayerName(network, f.Layer)),
                E("td", Invariant($"{f.MeanZ:F3}")), E("td", Invariant($"{f.StdZ:F3}")), E("td", Invariant($"{100 * f.FractionSaturated:F1}%")),
                E("td", Invariant($"{f.MeanAbsDelta:0.000e0}")), E("td", Invariant($"{f.MeanAbsWeightGradient:0.000e0}")),
                E("td", Invariant($"{f.WeightNorm:F3}")))))));

    private static string LayerName(Network<float> network, int l) =>
        Invariant($"w{l + 1} ({network.Sizes[l]}→{network.Sizes[l + 1]}, {network.ActivationOf(l).Name})");

    private static SeriesStyle Style(int i) => new(LayerColours[i % LayerColours.Length], LayerDashes[i % LayerDashes.Length]);

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
