using NetTrainer.Inspection;

namespace NetTrainer.Tests.Inspection;

public class DigitPreprocessingTests
{
    // A dark "digit" on white paper: a filled ellipse 60 wide and 120 tall, off-centre in a 300x200 image, with a
    // heavier stroke on its left so that its centre of mass is not its box's centre.
    private const int Width = 300, Height = 200;

    private static byte[] OffCentreDigit(bool darkOnLight = true)
    {
        var grey = new byte[Width * Height];
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                double dx = (x - 60) / 30.0, dy = (y - 75) / 60.0;
                int ink = dx * dx + dy * dy <= 1 ? (x < 60 ? 255 : 128) : 0;
                grey[y * Width + x] = (byte)(darkOnLight ? 255 - ink : ink);
            }
        return grey;
    }

    private static (int Left, int Top, int Right, int Bottom) InkBox(byte[] image)
    {
        int left = 28, top = 28, right = -1, bottom = -1;
        for (int i = 0; i < image.Length; i++)
            if (image[i] > 0)
            {
                int x = i % 28, y = i / 28;
                (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), Math.Max(bottom, y));
            }
        return (left, top, right, bottom);
    }

    [Test]
    public void An_off_centre_digit_is_centred_by_its_centre_of_mass_in_28x28()
    {
        byte[] mnist = DigitPreprocessing.ToMnist(OffCentreDigit(), Width, Height);
        Assert.That(mnist, Has.Length.EqualTo(28 * 28));
        (double cx, double cy) = DigitPreprocessing.CentreOfMass(mnist, 28);
        // A whole-pixel shift, as MNIST: the centre lands within half a pixel (plus rounding of the bytes) of 13.5.
        Assert.That(cx, Is.EqualTo(13.5).Within(0.6), "centre of mass x");
        Assert.That(cy, Is.EqualTo(13.5).Within(0.6), "centre of mass y");
        Assert.That(cx, Is.LessThan(13.5 + 0.6));
    }

    [Test]
    public void The_digit_fits_the_20x20_box_keeping_its_aspect_ratio()
    {
        (int left, int top, int right, int bottom) = InkBox(DigitPreprocessing.ToMnist(OffCentreDigit(), Width, Height));
        int w = right - left + 1, h = bottom - top + 1;
        Assert.That(h, Is.EqualTo(DigitPreprocessing.Fit), "the longer side (height 120 px) becomes 20");
        Assert.That(w, Is.EqualTo(10).Within(1), "the shorter side keeps the 60:120 ratio");
    }

    [Test]
    public void Light_on_dark_and_dark_on_light_give_the_same_image()
    {
        Assert.That(DigitPreprocessing.ToMnist(OffCentreDigit(darkOnLight: false), Width, Height),
            Is.EqualTo(DigitPreprocessing.ToMnist(OffCentreDigit(darkOnLight: true), Width, Height)));
    }

    [Test]
    public void The_digit_s_strongest_ink_becomes_full_ink()
    {
        Assert.That(DigitPreprocessing.ToMnist(OffCentreDigit(), Width, Height).Max(), Is.EqualTo(255));
    }

    [Test]
    public void A_blank_page_is_refused_with_the_contrast_it_found()
    {
        byte[] paper = Enumerable.Repeat((byte)240, 100 * 100).ToArray();
        paper[5050] = 230; // a speck: 10 of 255, below the contrast that makes a digit
        var e = Assert.Throws<InvalidDataException>(() => DigitPreprocessing.ToMnist(paper, 100, 100));
        Assert.That(e!.Message, Does.Contain("blank").And.Contain("10 of 255"));
    }

    [Test]
    public void Area_resampling_keeps_the_mean_and_averages_blocks()
    {
        double[] source = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15];
        double[] half = DigitPreprocessing.AreaResample(source, 4, 4, 2, 2);
        Assert.That(half, Is.EqualTo(new[] { 2.5, 10.5, 4.5, 12.5 }).Within(1e-12), "each target the mean of its 2x2 block");
        double[] third = DigitPreprocessing.AreaResample(source, 4, 4, 3, 3);
        Assert.That(third.Average(), Is.EqualTo(source.Average()).Within(1e-12), "fractional overlaps keep the mean");
    }
}
