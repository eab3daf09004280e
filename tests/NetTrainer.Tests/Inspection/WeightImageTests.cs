using NetTrainer.Reports;
using NetTrainer.Cli.Reports;
using NetTrainer.LinearAlgebra;
using StbImageSharp;

namespace NetTrainer.Tests.Inspection;

public class WeightImageTests
{
    [Test]
    public void A_known_weight_vector_has_the_expected_pixels_on_the_diverging_scale()
    {
        // -scale is RdBu's blue end, 0 white, +scale its red end, half way half the distance from white; beyond the
        // scale the end colour.
        byte[] rgb = WeightImages.Rgb([-2f, 0f, 1f, 2f, 5f, -1f], scale: 2);
        Assert.That(rgb, Is.EqualTo(new byte[]
        {
            33, 102, 172,  // -2: blue end
            255, 255, 255, // 0: white
            216, 140, 149, // +1: (255 + 178) / 2 = 216.5, (255 + 24) / 2 = 139.5, (255 + 43) / 2 = 149; halves round to even
            178, 24, 43,   // +2: red end
            178, 24, 43,   // +5: beyond the scale, the end colour
            144, 178, 214, // -1: half way to blue
        }));
    }

    [Test]
    public void The_png_decodes_to_the_same_pixels()
    {
        byte[] rgb = WeightImages.Rgb(Enumerable.Range(0, 12).Select(i => (i - 6) / 6f).ToArray(), scale: 1);
        ImageResult decoded = ImageResult.FromMemory(Png.Encode(rgb, 4, 3, channels: 3), ColorComponents.RedGreenBlue);
        Assert.That((decoded.Width, decoded.Height), Is.EqualTo((4, 3)));
        Assert.That(decoded.Data, Is.EqualTo(rgb));
    }

    [Test]
    public void The_shared_scale_is_the_99th_percentile_of_the_magnitudes()
    {
        var weights = new Matrix<float>(1, 200);
        for (int i = 0; i < 200; i++)
            weights[0, i] = i % 2 == 0 ? i / 100f : -i / 100f; // magnitudes 0 .. 1.99
        weights[0, 199] = -50; // one outlier does not set the scale
        Assert.That(WeightImages.Scale(weights), Is.EqualTo(1.97).Within(1e-6));
    }

    [Test]
    public void Each_neuron_becomes_one_image_with_its_name()
    {
        var weights = new Matrix<float>(3, 4);
        var figure = WeightImages.Figure(weights, [0f, 0f, 0f], templates: false, rows: 2, cols: 2, "Test.");
        Assert.That(figure!.Descendants("img").Count(), Is.EqualTo(3));
        Assert.That(figure.Descendants("img").First().Attribute("src")!.Value, Does.StartWith("data:image/png;base64,"));
        Assert.That(WeightImages.Figure(weights, [0f, 0f, 0f], templates: false, rows: 3, cols: 3, "Not an image."), Is.Null);
    }
}
