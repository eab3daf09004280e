using NetTrainer.Data;

namespace NetTrainer.Tests.Data;

/// <summary>The gather's scaling: pixel / 255 bit for bit as a divide, for every pixel value and at every position.</summary>
public class BatchesTests
{
    // Two images of 17 x 17 = 289 pixels: every value 0..255 once in each, shifted, so that each value lands in the
    // vector part and (for some) in the scalar tail.
    private static Dataset EveryPixelValue()
    {
        const int side = 17, pixelsPerImage = side * side;
        var pixels = new byte[2 * pixelsPerImage];
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = (byte)(i % pixelsPerImage % 256 + (i >= pixelsPerImage ? 33 : 0));
        return new Dataset(pixels, [0, 1], side, side, classCount: 2);
    }

    [Test]
    public void Float_pixels_are_the_correctly_rounded_quotient_by_255_for_every_byte()
    {
        Dataset data = EveryPixelValue();
        var batch = new MiniBatch<float>(2, data.InputSize, data.ClassCount);
        Batches.Gather(data, [0, 1], batch);
        for (int j = 0; j < 2; j++)
        {
            ReadOnlySpan<byte> image = data.Image(j);
            Span<float> row = batch.X.Row(j);
            for (int k = 0; k < image.Length; k++)
                Assert.That(BitConverter.SingleToInt32Bits(row[k]), Is.EqualTo(BitConverter.SingleToInt32Bits(image[k] / 255f)),
                    $"pixel value {image[k]} at position {k}");
        }
    }

    [Test]
    public void Double_pixels_are_the_correctly_rounded_quotient_by_255_for_every_byte()
    {
        Dataset data = EveryPixelValue();
        var batch = new MiniBatch<double>(2, data.InputSize, data.ClassCount);
        Batches.GatherRange(data, 0, batch);
        for (int j = 0; j < 2; j++)
        {
            ReadOnlySpan<byte> image = data.Image(j);
            Span<double> row = batch.X.Row(j);
            for (int k = 0; k < image.Length; k++)
                Assert.That(BitConverter.DoubleToInt64Bits(row[k]), Is.EqualTo(BitConverter.DoubleToInt64Bits(image[k] / 255.0)),
                    $"pixel value {image[k]} at position {k}");
        }
    }
}
