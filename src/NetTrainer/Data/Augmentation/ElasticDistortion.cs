// Glossary
//   Δy, Δx   displacement fields, one number per pixel: uniform in [−1, 1], smoothed by a Gaussian of standard deviation
//            σ (pixels), then multiplied by α (Simard, Steinkraus and Platt 2003, "Best practices for convolutional
//            neural networks applied to visual document analysis", section 2; they used σ = 4, α = 34)
//   radius   the Gaussian kernel is cut at ⌈3σ⌉ pixels and renormalised: the tails beyond hold under 0.3% of its mass
namespace NetTrainer.Data.Augmentation;

/// <summary>
/// Simard's elastic distortion (spec <c>elastic:ALPHA,SIGMA</c>): each destination pixel (r, c) reads the source at
/// (r + Δy, c + Δx), bilinear. Small σ makes the field nearly random (the image looks torn), large σ nearly a shift.
/// </summary>
public sealed record ElasticDistortion(double Alpha, double Sigma) : IImageTransform
{
    private readonly double[] kernel = GaussianKernel(Sigma);

    public string Spec => FormattableString.Invariant($"elastic:{Alpha},{Sigma}");

    public void Apply(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape, Random rng)
    {
        double[] dy = SmoothedField(shape, rng), dx = SmoothedField(shape, rng);
        Distort(source, destination, shape, dy, dx);
    }

    /// <summary>Moves every pixel by the given fields (already scaled): destination(r, c) = source(r + Δy, c + Δx).</summary>
    public static void Distort(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape, double[] dy, double[] dx) =>
        BilinearSampler.Resample(source, destination, shape, (r, c) => (r + dy[r * shape.Cols + c], c + dx[r * shape.Cols + c]));

    // Uniform noise in [−1, 1] per pixel, blurred by the separable Gaussian (rows, then columns), times α.
    private double[] SmoothedField(ImageShape shape, Random rng)
    {
        var noise = new double[shape.Pixels];
        for (int i = 0; i < noise.Length; i++)
            noise[i] = 2 * rng.NextDouble() - 1;
        var along = new double[shape.Pixels];
        var field = new double[shape.Pixels];
        int radius = kernel.Length / 2;
        for (int r = 0; r < shape.Rows; r++)
            for (int c = 0; c < shape.Cols; c++)
            {
                double sum = 0;
                for (int k = Math.Max(-radius, -c); k <= Math.Min(radius, shape.Cols - 1 - c); k++) // 0 beyond the edge
                    sum += kernel[k + radius] * noise[r * shape.Cols + c + k];
                along[r * shape.Cols + c] = sum;
            }
        for (int r = 0; r < shape.Rows; r++)
            for (int c = 0; c < shape.Cols; c++)
            {
                double sum = 0;
                for (int k = Math.Max(-radius, -r); k <= Math.Min(radius, shape.Rows - 1 - r); k++)
                    sum += kernel[k + radius] * along[(r + k) * shape.Cols + c];
                field[r * shape.Cols + c] = Alpha * sum;
            }
        return field;
    }

    private static double[] GaussianKernel(double sigma)
    {
        int radius = (int)Math.Ceiling(3 * sigma);
        var weights = new double[2 * radius + 1];
        for (int k = -radius; k <= radius; k++)
            weights[k + radius] = Math.Exp(-k * k / (2 * sigma * sigma));
        double total = weights.Sum();
        for (int i = 0; i < weights.Length; i++)
            weights[i] /= total;
        return weights;
    }
}
