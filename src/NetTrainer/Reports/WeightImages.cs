// Glossary
//   neuron image  one row of weights[0] (a first-layer neuron's incoming weights, or with no hidden layer an
//                 output's "template") laid out as the input image, ImageRows x ImageCols
//   scale         the largest |w| of the layer: one shared scale, so images compare with each other
//   diverging     negative weights blue, zero white, positive red (ColorBrewer's RdBu ends, readable with the common
//                 red-green colour blindnesses)
using System.Globalization;
using System.Xml.Linq;
using NetTrainer.LinearAlgebra;
using static NetTrainer.Reports.Html;

namespace NetTrainer.Reports;

/// <summary>What the first layer's neurons learned, as one small image each.</summary>
internal static class WeightImages
{
    /// <summary>RdBu's ends: (33, 102, 172) for the most negative weight, (178, 24, 43) for the most positive.</summary>
    public static readonly (byte R, byte G, byte B) Negative = (33, 102, 172), Positive = (178, 24, 43);

    /// <summary>On screen each weight is a 3x3-pixel square (28x28 become 84x84, big enough to see strokes).</summary>
    public const int Zoom = 3;

    /// <summary>The RGB pixels of <paramref name="weights"/> on the diverging scale ±<paramref name="scale"/>.</summary>
    public static byte[] Rgb(ReadOnlySpan<float> weights, double scale)
    {
        var rgb = new byte[3 * weights.Length];
        for (int i = 0; i < weights.Length; i++)
        {
            double t = scale > 0 ? Math.Clamp(weights[i] / scale, -1, 1) : 0;
            (byte R, byte G, byte B) end = t < 0 ? Negative : Positive;
            double s = Math.Abs(t);
            // White at 0, the end colour at ±scale, linearly in between.
            rgb[3 * i] = (byte)Math.Round(byte.MaxValue + s * (end.R - byte.MaxValue));
            rgb[3 * i + 1] = (byte)Math.Round(byte.MaxValue + s * (end.G - byte.MaxValue));
            rgb[3 * i + 2] = (byte)Math.Round(byte.MaxValue + s * (end.B - byte.MaxValue));
        }
        return rgb;
    }

    /// <summary>
    /// The shared scale: the 99th percentile of |w|. The largest |w| would let a few outliers (a trained layer's
    /// reach 5 where most weights stay below 1) wash every other weight out to white; the top 1% saturate instead.
    /// </summary>
    public static double Scale(Matrix<float> weights)
    {
        if (weights.AsSpan().Length == 0)
            return 0;
        double[] magnitudes = weights.ToArray().Select(w => Math.Abs((double)w)).Order().ToArray();
        return magnitudes[(int)Math.Floor(ScalePercentile * (magnitudes.Length - 1))];
    }

    /// <summary>The share of weights drawn inside the colour scale; the rest take its end colours.</summary>
    public const double ScalePercentile = 0.99;

    /// <summary>
    /// A figure of every first-layer neuron's weights (<paramref name="weights"/>, one neuron per row), titled by what
    /// they are (output templates when <paramref name="templates"/>), with the shared scale stated. Null when a row
    /// is not an image of <paramref name="rows"/> x <paramref name="cols"/>.
    /// </summary>
    public static XElement? Figure(Matrix<float> weights, float[] biases, bool templates, int rows, int cols, string caption)
    {
        if (weights.Cols != rows * cols)
            return null;
        double scale = Scale(weights);
        var cells = new List<XElement>();
        for (int j = 0; j < weights.Rows; j++)
        {
            string name = templates ? $"output {j} (class {j})" : $"hidden neuron {j}";
            string uri = Png.DataUri(Rgb(weights.Row(j), scale), cols, rows, channels: 3);
            cells.Add(E("figure", A("class", "neuron"),
                E("img", A("src", uri), A("width", cols * Zoom), A("height", rows * Zoom), A("alt", $"weights of {name}"),
                    A("title", string.Create(CultureInfo.InvariantCulture, $"{name}: bias {biases[j]:G3}"))),
                E("figcaption", templates ? $"{j}" : $"h{j}")));
        }
        return E("div", A("class", "weights"),
            E("p", A("class", "note"), caption + " " +
                string.Create(CultureInfo.InvariantCulture,
                    $"One shared scale for all images: blue −{scale:G3}, white 0, red +{scale:G3} (99% of the layer's |w| are within it; the rest take the end colours).")),
            E("div", A("class", "neuron-grid"), cells));
    }
}
