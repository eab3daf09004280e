// Glossary
//   heat map   the confusion matrix as a table whose cells are shaded by their share of the row (of the true class)
using System.Globalization;
using System.Xml.Linq;
using NetTrainer.Cli.Inspection;
using NetTrainer.Data;
using NetTrainer.Inspection;
using NetTrainer.Reports;
using static NetTrainer.Reports.Html;

namespace NetTrainer.Cli.Reports;

/// <summary>`evaluate --report FILE`: the confusion matrix as a heat map, per-class figures, and the gallery of mistakes.</summary>
public static class EvaluationReport
{
    public static void Write(string path, string title, string lead, Classification classification, Dataset data,
        bool allMistakes, Footer footer)
    {
        var matrix = new ConfusionMatrix(classification);
        IReadOnlyList<Mistake> mistakes = Mistakes.MostConfident(classification, allMistakes ? null : MistakeGallery.DefaultCount);
        int wrong = classification.Count - matrix.Correct;
        Save(E("html", A("lang", "en"),
            E("head",
                E("meta", A("charset", "utf-8")),
                E("meta", A("name", "viewport"), A("content", "width=device-width, initial-scale=1")),
                E("title", title),
                E("style", ReportStyle.Css)),
            E("body",
                E("h1", title),
                E("p", A("class", "lead"), lead),
                E("h2", "Confusion matrix"),
                E("p", A("class", "note"),
                    "Rows are the true class, columns what the network predicted; the diagonal is right. Each cell is shaded by " +
                    "its share of its row (darker: more of that class goes there); hover a cell for its figures."),
                E("div", A("class", "scroll"), HeatMap(matrix)),
                E("h2", "Per class"),
                E("div", A("class", "scroll"), PerClass(matrix)),
                E("h2", "Top confusions"),
                TopConfusions(matrix),
                E("h2", allMistakes ? $"All {wrong} mistakes, most confident first" : $"The {mistakes.Count} most confident of {wrong} mistakes"),
                E("p", A("class", "note"),
                    "Each image as the network saw it, its true label, and the three classes with the largest output " +
                    "activations as shares of their sum (softmax outputs are probabilities already; sigmoid outputs are " +
                    "scaled to sum to 1)."),
                MistakeGallery.Of(mistakes, data),
                footer.ToHtml())), path);
    }

    private static XElement HeatMap(ConfusionMatrix matrix)
    {
        var header = E("tr", E("th", A("class", "text"), "true \\ predicted"),
            Enumerable.Range(0, matrix.Classes).Select(p => E("th", Invariant($"{p}"))));
        var rows = Enumerable.Range(0, matrix.Classes).Select(t =>
        {
            int actual = matrix.Actual(t);
            return E("tr", E("th", Invariant($"{t}")), Enumerable.Range(0, matrix.Classes).Select(p =>
            {
                int count = matrix[t, p];
                double share = actual == 0 ? 0 : (double)count / actual;
                // Diagonal cells in blue, confusions in orange (both readable for the common colour blindnesses);
                // the shade's strength is the share, square-rooted so that a 2% confusion is still visible.
                string hue = t == p ? "33, 102, 172" : "230, 97, 1";
                double alpha = t == p ? share : Math.Min(1, Math.Sqrt(share) * 1.5);
                string colour = alpha > 0.55 ? "#fff" : "#222";
                return E("td", A("class", t == p ? "cell diagonal" : "cell"),
                    A("style", Invariant($"background: rgba({hue}, {alpha:0.###}); color: {colour}")),
                    A("title", Invariant($"true {t}, predicted {p}: {count} of {actual} ({100 * share:F1}%)")),
                    Invariant($"{count}"));
            }));
        });
        return E("table", A("class", "heatmap"), E("thead", header), E("tbody", rows));
    }

    private static XElement PerClass(ConfusionMatrix matrix) =>
        E("table", A("class", "perclass"),
            E("thead", E("tr", E("th", "class"), E("th", "examples"), E("th", "predicted as it"), E("th", "precision"), E("th", "recall"))),
            E("tbody", Enumerable.Range(0, matrix.Classes).Select(c => E("tr",
                E("td", Invariant($"{c}")), E("td", Invariant($"{matrix.Actual(c)}")), E("td", Invariant($"{matrix.PredictedAs(c)}")),
                E("td", ClassificationText.Percent(matrix.Precision(c))), E("td", ClassificationText.Percent(matrix.Recall(c)))))));

    private static XElement TopConfusions(ConfusionMatrix matrix)
    {
        IReadOnlyList<Confusion> top = matrix.TopConfusions(ClassificationText.TopConfusions * 2);
        return top.Count == 0
            ? E("p", "No confusions: every example is classified correctly.")
            : E("ol", top.Select(c => E("li", ClassificationText.Sentence(c).Trim())));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
