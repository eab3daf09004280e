// Glossary
//   pattern   a generated 7x5 or 6x6 image whose every pixel differs (1 + 7 i mod 256), so a moved pixel is recognised
using NetTrainer.Data;
using NetTrainer.Data.Augmentation;
using NetTrainer.Tests.Data;

namespace NetTrainer.Tests.Augmentation;

/// <summary>Each image transform against the move it should make, pixel by pixel.</summary>
public class TransformTests
{
    private static readonly ImageShape Oblong = new(7, 5), Square = new(6, 6);

    private static byte[] Pattern(ImageShape shape) =>
        Enumerable.Range(0, shape.Pixels).Select(i => (byte)(1 + 7 * i % 255)).ToArray();

    private static byte At(byte[] image, ImageShape shape, int r, int c) =>
        r < 0 || c < 0 || r >= shape.Rows || c >= shape.Cols ? (byte)0 : image[r * shape.Cols + c];

    [TestCase(1, 0, TestName = "Shift_down_by_one_moves_every_pixel_one_row_down_and_zeroes_the_top_row")]
    [TestCase(-1, 0, TestName = "Shift_up_by_one_moves_every_pixel_one_row_up_and_zeroes_the_bottom_row")]
    [TestCase(0, 1, TestName = "Shift_right_by_one_moves_every_pixel_one_column_right_and_zeroes_the_left_column")]
    [TestCase(0, -1, TestName = "Shift_left_by_one_moves_every_pixel_one_column_left_and_zeroes_the_right_column")]
    [TestCase(2, -3, TestName = "Shift_by_two_rows_and_minus_three_columns_moves_every_pixel_exactly")]
    public void Shift_moves_every_pixel_exactly(int dy, int dx)
    {
        byte[] source = Pattern(Oblong), shifted = new byte[Oblong.Pixels];
        Translation.Shift(source, shifted, Oblong, dy, dx);
        Assert.Multiple(() =>
        {
            for (int r = 0; r < Oblong.Rows; r++)
                for (int c = 0; c < Oblong.Cols; c++)
                    Assert.That(shifted[r * Oblong.Cols + c], Is.EqualTo(At(source, Oblong, r - dy, c - dx)),
                        $"pixel ({r}, {c}) should be the source's ({r - dy}, {c - dx}), or 0 where that is outside");
        });
    }

    [Test]
    public void Expansion_holds_each_image_and_its_four_one_pixel_shifts_with_its_label()
    {
        var shape = new ImageShape(4, 4);
        var data = new Dataset(IdxFixture.Pixels(3, 4, 4, seed: 1), [0, 1, 2], 4, 4, classCount: 3);
        Dataset expanded = ShiftExpansion.Expand(data, new Random(5));

        Assert.That(expanded.Count, Is.EqualTo(15), "5 copies of 3 images");
        var found = Enumerable.Range(0, expanded.Count).Select(i => (Image: expanded.Image(i).ToArray(), Label: expanded.Label(i))).ToList();
        for (int i = 0; i < data.Count; i++)
        {
            var expected = new List<byte[]> { data.Image(i).ToArray() };
            foreach ((int dy, int dx) in ShiftExpansion.Shifts)
            {
                var shifted = new byte[shape.Pixels];
                Translation.Shift(data.Image(i), shifted, shape, dy, dx);
                expected.Add(shifted);
            }
            foreach (byte[] image in expected)
                Assert.That(found.Count(f => f.Label == data.Label(i) && f.Image.SequenceEqual(image)), Is.EqualTo(1),
                    $"image {i} (label {data.Label(i)}) or one of its shifts is missing or doubled");
        }
    }

    [Test]
    public void Rotation_by_zero_degrees_is_the_identity()
    {
        byte[] source = Pattern(Oblong), rotated = new byte[Oblong.Pixels];
        Rotation.Rotate(source, rotated, Oblong, degrees: 0);
        Assert.That(rotated, Is.EqualTo(source));
    }

    [Test]
    public void Random_rotation_of_at_most_zero_degrees_is_the_identity()
    {
        byte[] source = Pattern(Oblong), rotated = new byte[Oblong.Pixels];
        BilinearSampler.Resample(source, rotated, Oblong, new Rotation(0), new Random(1));
        Assert.That(rotated, Is.EqualTo(source));
    }

    [Test]
    public void Rotation_by_90_degrees_equals_the_pattern_turned_counter_clockwise_by_hand()
    {
        byte[] source = Pattern(Square), rotated = new byte[Square.Pixels];
        Rotation.Rotate(source, rotated, Square, degrees: 90);
        int n = Square.Rows;
        // numpy's rot90: the top row becomes the left column read bottom to top.
        var byHand = new byte[Square.Pixels];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
                byHand[r * n + c] = source[c * n + (n - 1 - r)];
        Assert.That(rotated, Is.EqualTo(byHand));
    }

    [Test]
    public void Elastic_distortion_with_alpha_zero_is_the_identity()
    {
        byte[] source = Pattern(Oblong), distorted = new byte[Oblong.Pixels];
        BilinearSampler.Resample(source, distorted, Oblong, new ElasticDistortion(alpha: 0, sigma: 4), new Random(3));
        Assert.That(distorted, Is.EqualTo(source));
    }

    [Test]
    public void Elastic_distortion_with_a_constant_whole_pixel_field_is_that_shift()
    {
        byte[] source = Pattern(Oblong), distorted = new byte[Oblong.Pixels], shifted = new byte[Oblong.Pixels];
        float[] ys = new float[Oblong.Pixels], xs = new float[Oblong.Pixels];
        Oblong.Grid(ys, xs);
        ElasticDistortion.Displace(ys, xs, Enumerable.Repeat(-1f, Oblong.Pixels).ToArray(), Enumerable.Repeat(2f, Oblong.Pixels).ToArray());
        BilinearSampler.Resample(source, distorted, Oblong, ys, xs);
        Translation.Shift(source, shifted, Oblong, dy: 1, dx: -2); // reading at (r − 1, c + 2) moves the picture down 1, left 2
        Assert.That(distorted, Is.EqualTo(shifted));
    }

    [Test]
    public void Bilinear_sampling_halfway_between_two_pixels_is_their_mean()
    {
        var shape = new ImageShape(2, 2);
        byte[] image = [10, 30, 50, 71];
        Assert.Multiple(() =>
        {
            Assert.That(BilinearSampler.Sample(image, shape, 0, 0.5f), Is.EqualTo(20), "between (0,0) and (0,1)");
            Assert.That(BilinearSampler.Sample(image, shape, 0.5f, 0), Is.EqualTo(30), "between (0,0) and (1,0)");
            Assert.That(BilinearSampler.Sample(image, shape, 0.5f, 0.5f), Is.EqualTo(40), "(10 + 30 + 50 + 71) / 4 = 40.25 rounds to 40");
            Assert.That(BilinearSampler.Sample(image, shape, -1, 0), Is.EqualTo(0), "outside the image is black");
        });
    }

    [Test]
    public void Scaling_by_one_is_the_identity()
    {
        byte[] source = Pattern(Oblong), scaled = new byte[Oblong.Pixels];
        Scaling.Scale(source, scaled, Oblong, factor: 1);
        Assert.That(scaled, Is.EqualTo(source));
    }
}
