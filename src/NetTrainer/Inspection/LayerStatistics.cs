// Glossary (l counts weight layers as Network does: layer l's figures are those of z^{l+1}, δ^{l+1}, w^{l+1})
//   sample       a fixed set of examples (the first of the training data), the same after every epoch
//   z histogram  counts of z^{l+1} over the sample's examples and the layer's neurons, in bins of HistogramStep
//                from -HistogramLimit to +HistogramLimit; values beyond fall in the end bins
//   saturated    f'(z) < SaturationSlope for sigmoid, tanh and softmax (from the cached a: a(1 - a), 1 - a²), z ≤ 0 for ReLU
//   |δ|          mean over the sample and the neurons of |δ^{l+1}| (BP1, BP2), per example
//   |∂C/∂w|      mean over the weights of |nablaW| / m, the sample's mean gradient (BP4)
//   ‖w‖          the Frobenius norm sqrt(Σ w²) of weights[l]
namespace NetTrainer.Inspection;

/// <summary>What one weight layer looked like on the sample at one moment of training.</summary>
public sealed record LayerFigures(
    int Layer,
    double MeanZ,
    double StdZ,
    int[] ZHistogram,
    double FractionSaturated,
    double MeanAbsDelta,
    double MeanAbsWeightGradient,
    double WeightNorm);

/// <summary>Every layer's figures after an epoch (epoch 0: at initialisation).</summary>
public sealed record LayerStatistics(int Epoch, int SampleSize, IReadOnlyList<LayerFigures> Layers)
{
    /// <summary>The z histograms' range: ±40 holds the std of about 22 that N(0, 1) weights give 784 inputs.</summary>
    public const double HistogramLimit = 40;

    /// <summary>Bin width 2: about 1.6 bins per std at the default init (std ≈ 1.2), 40 bins in all.</summary>
    public const double HistogramStep = 2;

    /// <summary>The book's rule of thumb made a number: σ'(z) &lt; 0.01 (|z| &gt; 4.6 for sigmoid) learns 25 times slower than at 0.</summary>
    public const double SaturationSlope = 0.01;

    /// <summary>Bins per z histogram: 2 HistogramLimit / HistogramStep.</summary>
    public static int Bins => (int)(2 * HistogramLimit / HistogramStep);

    /// <summary>The left edge of histogram bin <paramref name="bin"/>.</summary>
    public static double BinStart(int bin) => -HistogramLimit + bin * HistogramStep;

    /// <summary>The output layer's figures.</summary>
    public LayerFigures Output => Layers[^1];
}
