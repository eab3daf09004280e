using NUnit.Framework;
using NetTrainer.Data;
using static NetTrainer.Tests.Data.IdxFixture;

namespace NetTrainer.Tests.Data;

public class IdxReaderTests
{
    private const int Count = 3, Rows = 4, Cols = 5, Classes = 7;
    private const int HeaderBytes = 16; // magic + count, rows, cols
    private const int ImageFileBytes = HeaderBytes + Count * Rows * Cols;

    private string dir = "";
    private string images = "";
    private string labels = "";

    [SetUp]
    public void CreateDirectory()
    {
        dir = CreateTempDirectory();
        images = Path.Combine(dir, "images-idx3-ubyte");
        labels = Path.Combine(dir, "labels-idx1-ubyte");
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(dir, recursive: true);

    private static byte[] GoodImageFile() => IdxFixture.ImageFileBytes(Pixels(Count, Rows, Cols), Count, Rows, Cols);

    private static byte[] GoodLabelFile() => LabelFileBytes(Labels(Count, Classes, seed: 4));

    private static string ReadImagesError(string path) =>
        Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path))!.Message;

    [TestCase(false)]
    [TestCase(true)]
    public void Image_and_label_files_round_trip_into_a_dataset(bool gzip)
    {
        byte[] pixels = Pixels(Count, Rows, Cols);
        byte[] expectedLabels = [6, 0, 3];
        WriteImages(images, pixels, Count, Rows, Cols, gzip);
        WriteLabels(labels, expectedLabels, gzip);

        Dataset data = IdxReader.Load(images, labels);

        Assert.Multiple(() =>
        {
            Assert.That((data.Count, data.ImageRows, data.ImageCols, data.ClassCount), Is.EqualTo((Count, Rows, Cols, 7)));
            for (int i = 0; i < Count; i++)
            {
                Assert.That(data.Image(i).ToArray(), Is.EqualTo(pixels[(i * Rows * Cols)..((i + 1) * Rows * Cols)]), $"image {i}");
                Assert.That(data.Label(i), Is.EqualTo(expectedLabels[i]), $"label {i}");
            }
        });
    }

    [Test]
    public void Gzip_is_detected_by_its_magic_bytes_not_by_the_file_name()
    {
        string gzipWithoutSuffix = Path.Combine(dir, "compressed-idx3-ubyte");
        string rawWithGzSuffix = Path.Combine(dir, "plain-idx3-ubyte.gz");
        WriteFile(gzipWithoutSuffix, GoodImageFile(), gzip: true);
        WriteFile(rawWithGzSuffix, GoodImageFile(), gzip: false);

        Assert.That(IdxReader.ReadImages(gzipWithoutSuffix).Pixels, Is.EqualTo(Pixels(Count, Rows, Cols)));
        Assert.That(IdxReader.ReadImages(rawWithGzSuffix).Pixels, Is.EqualTo(Pixels(Count, Rows, Cols)));
    }

    [Test]
    public void The_class_count_is_the_largest_label_plus_one_unless_given()
    {
        WriteFile(images, GoodImageFile());
        WriteLabels(labels, [2, 0, 2]);

        Assert.That(IdxReader.Load(images, labels).ClassCount, Is.EqualTo(3));
        Assert.That(IdxReader.Load(images, labels, classCount: 10).ClassCount, Is.EqualTo(10));
    }

    [Test]
    public void A_label_outside_the_given_class_count_names_the_label_file_and_the_label()
    {
        WriteFile(images, GoodImageFile());
        WriteLabels(labels, [1, 9, 2]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Load(images, labels, classCount: 5));

        Assert.That(error!.Message, Does.StartWith(labels).And.Contain("label 9 at index 1 is outside 0..4"));
    }

    [Test]
    public void Reading_a_missing_file_throws_FileNotFoundException_naming_it()
    {
        var error = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(images));

        Assert.That(error!.Message, Does.StartWith($"{images}: not found, expected an image file"));
        Assert.That(error.FileName, Is.EqualTo(images));
    }

    [Test]
    public void Reading_a_label_file_as_images_says_the_paths_look_swapped()
    {
        WriteFile(images, GoodLabelFile());

        Assert.That(ReadImagesError(images), Is.EqualTo(
            $"{images}: is a label file (magic 2049), expected an image file (2051). Hint: the image and label paths look swapped."));
    }

    [Test]
    public void Reading_an_image_file_as_labels_says_the_paths_look_swapped()
    {
        WriteFile(labels, GoodImageFile());

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(labels));

        Assert.That(error!.Message, Does.StartWith($"{labels}: is an image file (magic 2051), expected a label file (2049)."));
    }

    [Test]
    public void Reading_a_file_that_is_not_IDX_names_its_magic_number()
    {
        File.WriteAllText(images, "<!DOCTYPE html><html>Not Found</html>");

        Assert.That(ReadImagesError(images), Does.StartWith(
            $"{images}: not an IDX file: magic number 0x3C21444F, expected an image file (magic 2051 = 0x00000803)."));
    }

    [Test]
    public void An_image_header_with_two_dimensions_is_a_wrong_dimension_count()
    {
        WriteFile(images, IdxBytes(0x0802, [Count, Rows * Cols], Pixels(Count, Rows, Cols)));

        Assert.That(ReadImagesError(images), Does.StartWith(
            $"{images}: wrong dimension count: the header declares 2 (magic 2050), expected an image file " +
            "(magic 2051 = 0x00000803) with 3 (count, rows, cols)."));
    }

    [Test]
    public void An_image_file_of_floats_names_the_element_type()
    {
        WriteFile(images, IdxBytes(0x0D03, [Count, Rows, Cols], new byte[Count * Rows * Cols * sizeof(float)]));

        Assert.That(ReadImagesError(images), Does.StartWith($"{images}: element type 0x0D (magic 3331)"));
    }

    [TestCase(false, "holds")]
    [TestCase(true, "decompresses to")]
    public void Reading_a_truncated_image_file_names_the_file_and_the_missing_bytes(bool gzip, string holds)
    {
        WriteFile(images, GoodImageFile()[..40], gzip);

        Assert.That(ReadImagesError(images), Is.EqualTo(
            $"{images}: truncated: the header promises 3 images of 4x5 ({ImageFileBytes} bytes) but the file {holds} 40 bytes. " +
            $"Hint: {IdxReader.DefaultRedownloadHint}."));
    }

    [Test]
    public void Reading_a_gzip_stream_cut_short_like_an_interrupted_download_says_truncated()
    {
        const int ManyImages = 200, Side = 28;
        byte[] gzip = Gzip(IdxFixture.ImageFileBytes(Pixels(ManyImages, Side, Side), ManyImages, Side, Side));
        File.WriteAllBytes(images, gzip[..(gzip.Length / 2)]);

        Assert.That(ReadImagesError(images), Does.StartWith(
            $"{images}: truncated: the header promises 200 images of 28x28 (156816 bytes) but the file decompresses to "));
    }

    [TestCase(0)]
    [TestCase(2)]
    [TestCase(10)]
    public void Reading_a_file_cut_inside_its_header_says_truncated(int length)
    {
        WriteFile(images, GoodImageFile()[..length]);

        Assert.That(ReadImagesError(images), Does.StartWith($"{images}: truncated: ").And.Contain($"the file holds {length}"));
    }

    [TestCase(false, "holds")]
    [TestCase(true, "decompresses to")]
    public void Trailing_bytes_after_the_promised_images_are_rejected(bool gzip, string holds)
    {
        WriteFile(images, [.. GoodImageFile(), 1, 2, 3], gzip);

        Assert.That(ReadImagesError(images), Does.StartWith(
            $"{images}: 3 unexpected trailing bytes: the header promises 3 images of 4x5 ({ImageFileBytes} bytes) " +
            $"but the file {holds} {ImageFileBytes + 3} bytes."));
    }

    [TestCase(0, Rows, Cols, "count = 0")]
    [TestCase(Count, 0, Cols, "rows = 0")]
    [TestCase(Count, Rows, -1, "cols = -1")]
    public void A_zero_or_negative_size_in_the_header_is_named(int count, int rows, int cols, string problem)
    {
        WriteFile(images, IdxBytes(IdxReader.ImageMagic, [count, rows, cols], []));

        Assert.That(ReadImagesError(images), Does.StartWith($"{images}: the header declares {problem}, expected a positive size."));
    }

    [Test]
    public void A_header_promising_more_than_an_array_holds_is_rejected_before_allocating()
    {
        WriteFile(images, IdxBytes(IdxReader.ImageMagic, [int.MaxValue, int.MaxValue, int.MaxValue], []), gzip: true);

        Assert.That(ReadImagesError(images), Does.Contain("more than one array can hold"));
    }

    [Test]
    public void Corrupt_gzip_data_names_the_file()
    {
        WriteFile(images, [0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x03, 0xff, 0xff, 0xff, 0xff]);

        Assert.That(ReadImagesError(images), Does.StartWith($"{images}: corrupt gzip data ("));
    }

    [Test]
    public void Image_and_label_counts_that_disagree_name_both_files()
    {
        WriteFile(images, GoodImageFile());
        WriteLabels(labels, Labels(Count + 1, Classes));

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Load(images, labels));

        Assert.That(error!.Message, Does.StartWith($"{images} holds 3 images but {labels} holds 4 labels."));
    }

    [Test]
    public void The_caller_s_redownload_hint_ends_the_message_of_a_damaged_file()
    {
        WriteFile(images, GoodImageFile()[..40]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(images, redownloadHint: "fetch it again"));

        Assert.That(error!.Message, Does.EndWith("Hint: fetch it again."));
    }
}
