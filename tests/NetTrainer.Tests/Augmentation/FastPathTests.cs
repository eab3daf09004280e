// Glossary
//   oracle   the plain version the fast one must equal: BilinearSampler.Sample pixel by pixel, and the blur as the
//            double sum Σ_i Σ_j k[i − r + R] k[j − c + R] image[i, j] straight from its definition
using NetTrainer.Data.Augmentation;

namespace NetTrainer.Tests.Augmentation;

/// <summary>The vectorised resampling and blur against the plain formulas they compute.</summary>
public class FastPathTests
{
    // Float sums of up to (2R + 1)² terms against a double sum: agreement to this many parts of the field's largest value.
    private const double BlurTolerance = 1e-5;

    // 7x5 and 5x13 leave scalar tails after the vectors of 8 pixels; 28x28 is MNIST; 3x40 spans two groups of 32 columns.
    private static readonly object[] Shapes = [new[] { 7, 5 }, new[] { 5, 13 }, new[] { 28, 28 }, new[] { 3, 40 }];

    [TestCaseSource(nameof(Shapes))]
    public void Resampling_equals_sampling_each_pixel_alone_even_far_outside_the_image(int[] size)
    {
        var shape = new ImageShape(size[0], size[1]);
        var rng = new Random(7);
        byte[] fast = new byte[shape.Pixels];
        float[] ys = new float[shape.Pixels], xs = new float[shape.Pixels];
        // Ink everywhere; ink in a small box (a digit: most points read only background, which the fast path skips
        // by the ink's bounding box); no ink at all.
        byte[] everywhere = new byte[shape.Pixels], box = new byte[shape.Pixels], blank = new byte[shape.Pixels];
        rng.NextBytes(everywhere);
        for (int r = shape.Rows / 3; r <= shape.Rows / 2; r++)
            for (int c = shape.Cols / 3; c <= shape.Cols / 2; c++)
                box[r * shape.Cols + c] = (byte)rng.Next(1, 256);
        byte[][] images = [everywhere, box, blank];
        for (int trial = 0; trial < 30; trial++)
        {
            byte[] image = images[trial % 3];
            // Points from 3 pixels outside the image to 3 beyond it, and some whole and half pixels (rounding ties).
            for (int i = 0; i < shape.Pixels; i++)
            {
                ys[i] = trial % 4 == 0 ? rng.Next(-2, 2 * shape.Rows) / 2f : (float)(rng.NextDouble() * (shape.Rows + 6) - 3);
                xs[i] = trial % 4 == 0 ? rng.Next(-2, 2 * shape.Cols) / 2f : (float)(rng.NextDouble() * (shape.Cols + 6) - 3);
            }
            BilinearSampler.Resample(image, fast, shape, ys, xs);
            for (int i = 0; i < shape.Pixels; i++)
                Assert.That(fast[i], Is.EqualTo(BilinearSampler.Sample(image, shape, ys[i], xs[i])),
                    $"trial {trial} (image {trial % 3}), pixel {i} read at ({ys[i]}, {xs[i]})");
        }
    }

    [TestCase(28, 28, 4.0)]
    [TestCase(28, 28, 0.8)]
    [TestCase(7, 5, 2.0)]
    [TestCase(3, 40, 1.5)]
    [TestCase(30, 9, 6.0)]
    public void The_blur_equals_the_double_sum_over_the_truncated_kernel_with_zeros_outside(int rows, int cols, double sigma)
    {
        var shape = new ImageShape(rows, cols);
        var blur = new GaussianBlur(sigma);
        var rng = new Random(11);
        float[] image = Enumerable.Range(0, shape.Pixels).Select(_ => (float)(2 * rng.NextDouble() - 1)).ToArray();
        var fast = new float[shape.Pixels];
        const float scale = 34;
        blur.Blur(image, fast, shape, scale);

        ReadOnlySpan<float> k = blur.Kernel;
        int radius = blur.Radius;
        var expected = new double[shape.Pixels];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                for (int i = Math.Max(0, r - radius); i <= Math.Min(rows - 1, r + radius); i++)
                    for (int j = Math.Max(0, c - radius); j <= Math.Min(cols - 1, c + radius); j++)
                        expected[r * cols + c] += scale * (double)k[i - r + radius] * k[j - c + radius] * image[i * cols + j];
        double largest = expected.Max(Math.Abs);
        for (int p = 0; p < shape.Pixels; p++)
            Assert.That(fast[p], Is.EqualTo(expected[p]).Within(BlurTolerance * largest), $"pixel ({p / cols}, {p % cols})");
    }

    // The blur's order, written out one output at a time: along rows every tap in order (zeros outside), along columns
    // the rows inside the image in order, one fused multiply-add each; the vector code (rows in threes, twos and ones)
    // must give these bits exactly, so a distortion never depends on how the rows are grouped.
    [TestCase(28, 28, 4.0)]
    [TestCase(7, 5, 2.0)]
    [TestCase(30, 9, 6.0)]
    [TestCase(1, 12, 1.0)]
    [TestCase(5, 13, 1.0)]
    public void The_blur_sums_each_pixel_in_the_written_out_order_bit_for_bit(int rows, int cols, double sigma)
    {
        var shape = new ImageShape(rows, cols);
        var blur = new GaussianBlur(sigma);
        var rng = new Random(12);
        float[] image = Enumerable.Range(0, shape.Pixels).Select(_ => (float)(2 * rng.NextDouble() - 1)).ToArray();
        var fast = new float[shape.Pixels];
        blur.Blur(image, fast, shape, 34f);

        ReadOnlySpan<float> k = blur.Kernel;
        int radius = blur.Radius;
        var alongRows = new float[shape.Pixels];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                float sum = 0;
                for (int t = 0; t <= 2 * radius; t++)
                {
                    int j = c + t - radius;
                    sum = MathF.FusedMultiplyAdd(k[t], j >= 0 && j < cols ? image[r * cols + j] : 0f, sum);
                }
                alongRows[r * cols + c] = sum;
            }
        var expected = new float[shape.Pixels];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                float sum = 0;
                for (int i = Math.Max(0, r - radius); i <= Math.Min(rows - 1, r + radius); i++)
                    sum = MathF.FusedMultiplyAdd(k[i - r + radius], alongRows[i * cols + c], sum);
                expected[r * cols + c] = sum * 34f;
            }
        Assert.That(fast, Is.EqualTo(expected));
    }

    [Test]
    public void The_kernel_is_symmetric_sums_to_one_and_reaches_three_sigma()
    {
        var blur = new GaussianBlur(4);
        float[] k = blur.Kernel.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(blur.Radius, Is.EqualTo(12), "⌈3σ⌉");
            Assert.That(k, Is.EqualTo(k.Reverse().ToArray()));
            Assert.That(k.Sum(), Is.EqualTo(1).Within(1e-6));
        });
    }
}
