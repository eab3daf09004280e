using System.Numerics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Tests.Gemm;

/// <summary>
/// The first layer of an evaluation taken straight from 8-bit pixels (Kernels.MultiplyPixels): each z_j is the sum
/// over the nonzero pixels only, in two interleaved sums. Its order is written out here and must match bit for bit;
/// against the gathered product it must agree within float rounding. Each register width runs: 256 bits (AVX2) and
/// 512 bits (AVX-512, or .NET's software Vector512).
/// </summary>
public class PixelProductTests(int width) : OnEachRegisterWidth(width)
{
    // Neurons around a register (8 floats, 4 doubles; 16 and 8 with 512 bits) and a 4-register tile, and image sizes
    // around a 32-byte scan step.
    private static IEnumerable<TestCaseData> Shapes() =>
        from n in new[] { 1, 3, 7, 8, 9, 30, 31, 33, 67, 100 }
        from k in new[] { 1, 31, 32, 33, 100, 784 }
        select new TestCaseData(n, k);

    [TestCaseSource(nameof(Shapes))]
    public void Each_neuron_sums_its_nonzero_pixels_in_increasing_order_odd_and_even_apart(int n, int k)
    {
        byte[][] images = Images(k, count: 5, seed: n * 1000 + k);
        foreach (bool vectors in new[] { true, false }) // the vector path and the plain loops
        {
            AssertOrder<float>(n, k, images, vectors);
            AssertOrder<double>(n, k, images, vectors);
        }
    }

    [TestCase(30, 784)]
    [TestCase(100, 784)]
    [TestCase(9, 33)]
    public void Listed_pixels_give_the_same_bits_as_the_pixels(int n, int k)
    {
        // Listed once for a run of images (blank, full, digit-like), then read: each image's list starts where the
        // previous one ends, so a list read past its end or from the wrong start would change the sums.
        byte[][] images = Images(k, count: 7, seed: n + k);
        var data = new NetTrainer.Data.Dataset(images.SelectMany(i => i).ToArray(), new byte[images.Length], 1, k, 1);
        var weights = new PixelWeights<float>();
        weights.Pack(KernelTests.Random<float>(n, k, 5));
        var lists = NonzeroPixelLists.Of(data, 1, images.Length - 1);
        var scratch = new PixelScratch<float>(k);
        float[] expected = new float[n], z = new float[n];
        for (int i = 1; i < images.Length; i++)
        {
            Kernels.MultiplyPixels(images[i], weights, expected, scratch);
            Kernels.MultiplyListedPixels(lists, i - 1, images[i], weights, z, scratch);
            Assert.That(z.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(expected.Select(BitConverter.SingleToInt32Bits)), $"image {i}");
        }
    }

    [TestCase(30)]
    [TestCase(100)]
    public void Agrees_with_the_product_of_the_gathered_inputs_within_rounding(int n)
    {
        const int k = 784;
        byte[][] images = Images(k, count: 20, seed: 3);
        Matrix<float> w = KernelTests.Random<float>(n, k, 4);
        Matrix<float> x = new(images.Length, k), expected = new(images.Length, n);
        for (int i = 0; i < images.Length; i++)
            for (int p = 0; p < k; p++)
                x[i, p] = images[i][p] / 255f;
        Kernels.MultiplyTransposed(x, w, expected, threads: 1);

        var weights = new PixelWeights<float>();
        weights.Pack(w);
        var z = new float[n];
        for (int i = 0; i < images.Length; i++)
        {
            Kernels.MultiplyPixels(images[i], weights, z, new PixelScratch<float>(k));
            for (int j = 0; j < n; j++)
                Assert.That(z[j], Is.EqualTo(expected[i, j]).Within(1e-4f), $"image {i}, neuron {j}");
        }
    }

    [Test]
    public void A_blank_image_gives_zero_and_a_wrong_shape_is_refused()
    {
        var weights = new PixelWeights<float>();
        weights.Pack(KernelTests.Random<float>(30, 784, 1));
        var z = new float[30];
        Array.Fill(z, float.NaN);
        Kernels.MultiplyPixels(new byte[784], weights, z, new PixelScratch<float>(784));
        Assert.That(z, Is.All.EqualTo(0f));
        Assert.Throws<ArgumentException>(() => Kernels.MultiplyPixels(new byte[783], weights, z, new PixelScratch<float>(784)));
        Assert.Throws<ArgumentException>(() => Kernels.MultiplyPixels(new byte[784], weights, new float[29], new PixelScratch<float>(784)));
        Assert.Throws<ArgumentException>(() => Kernels.MultiplyPixels(new byte[784], weights, z, new PixelScratch<float>(700)));
    }

    private static void AssertOrder<T>(int n, int k, byte[][] images, bool vectors) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Matrix<T> w = KernelTests.Random<T>(n, k, n + k);
        var weights = new PixelWeights<T>();
        weights.Pack(w);
        var scratch = new PixelScratch<T>(k);
        var z = new T[n];
        foreach (byte[] image in images)
        {
            Kernels.PixelProduct(image, weights, z, scratch, vectors);
            int[] nonzero = Enumerable.Range(0, k).Where(p => image[p] != 0).ToArray();
            for (int j = 0; j < n; j++)
            {
                T first = T.Zero, second = T.Zero;
                for (int i = 0; i < nonzero.Length; i++)
                {
                    T x = T.CreateChecked(image[nonzero[i]]) / T.CreateChecked(255);
                    if (i % 2 == 0)
                        first = Simd.MultiplyAdd(x, w[j, nonzero[i]], first);
                    else
                        second = Simd.MultiplyAdd(x, w[j, nonzero[i]], second);
                }
                Assert.That(z[j], Is.EqualTo(first + second), $"{typeof(T).Name}, vectors {vectors}: neuron {j} of {n}, {nonzero.Length} nonzero of {k} pixels");
            }
        }
    }

    // Digit-like images: runs of ink (1..255) between blank stretches, one blank image and one with no zero at all.
    private static byte[][] Images(int k, int count, int seed)
    {
        var rng = new Random(seed);
        var images = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            images[i] = new byte[k];
            for (int p = 0; p < k; p++)
                images[i][p] = i switch
                {
                    0 => 0,
                    1 => (byte)rng.Next(1, 256),
                    _ => rng.NextDouble() < 0.3 ? (byte)rng.Next(1, 256) : (byte)0,
                };
        }
        return images;
    }
}
