// Glossary
//   gallery    the most confidently wrong images, each with its label and the network's three likeliest classes as bars
using System.Globalization;
using System.Xml.Linq;
using NetTrainer.Data;
using NetTrainer.Inspection;
using static NetTrainer.Reports.Html;

namespace NetTrainer.Reports;

/// <summary>The gallery of mistakes shown by the train and evaluate reports.</summary>
public static class MistakeGallery
{
    /// <summary>Mistakes shown unless all are asked for: 48 fill a few rows at any width and keep the page small.</summary>
    public const int DefaultCount = 48;

    /// <summary>Images are drawn at twice MNIST's size (56x56), enough to read a digit, small enough for many per row.</summary>
    public const int ImageZoom = 2;

    /// <summary>The mistakes' images with their labels and top-three bars (also the train report's gallery).</summary>
    public static XElement Of(IReadOnlyList<Mistake> mistakes, Dataset data)
    {
        if (mistakes.Count == 0)
            return E("p", "No mistakes.");
        return E("div", A("class", "gallery"), mistakes.Select(m =>
        {
            // MNIST stores ink as 255 on 0; drawn as dark ink on white paper, as the digits were written.
            byte[] paper = data.Image(m.Index).ToArray().Select(v => (byte)(byte.MaxValue - v)).ToArray();
            string uri = Png.DataUri(paper, data.ImageCols, data.ImageRows, channels: 1);
            return E("figure", A("class", "mistake"),
                E("img", A("src", uri), A("width", data.ImageCols * ImageZoom), A("height", data.ImageRows * ImageZoom),
                    A("alt", Invariant($"image {m.Index}, a {m.Label}")),
                    A("title", Invariant($"image {m.Index}: true {m.Label}, predicted {m.Predicted} ({100 * m.Confidence:F1}%)"))),
                E("figcaption",
                    E("div", A("class", "label"), Invariant($"#{m.Index}: true {m.Label}")),
                    m.Top.Select(t => E("div", A("class", t.Class == m.Label ? "bar truth" : "bar"),
                        A("title", Invariant($"class {t.Class}: {100 * t.Share:F1}%")),
                        E("span", A("class", "bar-label"), Invariant($"{t.Class}")),
                        E("span", A("class", "bar-track"),
                            E("span", A("class", "bar-fill"), A("style", Invariant($"width: {100 * t.Share:0.#}%")))),
                        E("span", A("class", "bar-value"), Invariant($"{100 * t.Share:F0}%"))))));
        }));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
