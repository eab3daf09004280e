using NUnit.Framework;
using NetTrainer.Data;
using static NetTrainer.Tests.Data.IdxFixture;

namespace NetTrainer.Tests.Data;

public class MnistTests : TempFolderTest
{
    [Test]
    public void The_book_s_split_keeps_10000_of_60000_train_images_for_validation() =>
        Assert.That(60_000 / Mnist.ValidationDivisor, Is.EqualTo(10_000));

    [TestCase(false)]
    [TestCase(true)]
    public void Loading_a_tiny_MNIST_directory_splits_off_the_last_sixth_of_the_train_set_for_validation(bool gzip)
    {
        TinyMnist tiny = WriteTinyMnist(Dir, trainCount: 60, testCount: 10, gzip: gzip);

        MnistSplit split = Mnist.Load(Dir);

        Assert.Multiple(() =>
        {
            Assert.That(split.Training.Count, Is.EqualTo(50));
            Assert.That(split.Validation.Count, Is.EqualTo(10));
            Assert.That(split.Test.Count, Is.EqualTo(10));
            AssertExample(split.Training, 0, tiny.TrainPixels, tiny.TrainLabels, 0, tiny.InputSize);
            AssertExample(split.Training, 49, tiny.TrainPixels, tiny.TrainLabels, 49, tiny.InputSize);
            AssertExample(split.Validation, 0, tiny.TrainPixels, tiny.TrainLabels, 50, tiny.InputSize);
            AssertExample(split.Validation, 9, tiny.TrainPixels, tiny.TrainLabels, 59, tiny.InputSize);
            AssertExample(split.Test, 3, tiny.TestPixels, tiny.TestLabels, 3, tiny.InputSize);
        });
    }

    [TestCase(60, 50, 10)]
    [TestCase(13, 11, 2)]
    [TestCase(6, 5, 1)]
    public void Validation_is_the_last_count_over_six_for_any_train_set_size(int trainCount, int training, int validation)
    {
        WriteTinyMnist(Dir, trainCount: trainCount, classCount: 3);

        MnistSplit split = Mnist.Load(Dir);

        Assert.That((split.Training.Count, split.Validation.Count), Is.EqualTo((training, validation)));
    }

    [Test]
    public void All_splits_declare_the_class_count_of_the_training_labels()
    {
        WriteTinyMnist(Dir, classCount: 8);
        WriteLabels(Path.Combine(Dir, Mnist.TestLabelsFile), [0, 1, 2, 3, 4, 5, 6, 7, 0, 1]);

        MnistSplit split = Mnist.Load(Dir);

        Assert.That(new[] { split.Training, split.Validation, split.Test }.Select(d => d.ClassCount), Is.All.EqualTo(8));
    }

    [Test]
    public void A_test_label_outside_the_training_classes_is_data_damage_naming_the_file_the_index_and_the_value()
    {
        WriteTinyMnist(Dir, classCount: 8);
        string labels = Path.Combine(Dir, Mnist.TestLabelsFile);
        WriteLabels(labels, [0, 1, 2, 255, 4, 5, 6, 7, 0, 1]);

        var e = Assert.Throws<InvalidDataException>(() => Mnist.Load(Dir));

        Assert.That(e!.Message, Does.StartWith(labels).And.Contain("label 255 at index 3 is outside 0..7"));
    }

    [Test]
    public void Train_and_test_images_of_different_sizes_are_rejected()
    {
        WriteTinyMnist(Dir);
        WriteImages(Path.Combine(Dir, Mnist.TestImagesFile), Pixels(10, 5, 4), 10, 5, 4);

        var error = Assert.Throws<InvalidDataException>(() => Mnist.Load(Dir));

        Assert.That(error!.Message, Does.StartWith(
            $"{Dir}: {Mnist.TrainImagesFile} holds images of 4x4 but {Mnist.TestImagesFile} holds 5x4, expected one image size."));
    }

    [Test]
    public void A_train_set_too_small_to_split_is_rejected()
    {
        WriteTinyMnist(Dir, trainCount: 5);

        var error = Assert.Throws<InvalidDataException>(() => Mnist.Load(Dir));

        Assert.That(error!.Message, Does.StartWith($"{Dir}: {Mnist.TrainImagesFile} holds 5 images, expected at least 6"));
    }

    [Test]
    public void A_missing_file_names_both_names_tried_and_how_to_fetch_it()
    {
        WriteTinyMnist(Dir);
        File.Delete(Path.Combine(Dir, Mnist.TestLabelsFile));

        var error = Assert.Throws<FileNotFoundException>(() => Mnist.Load(Dir));

        Assert.That(error!.Message, Is.EqualTo(
            $"{Path.Combine(Dir, Mnist.TestLabelsFile)}: not found (nor {Mnist.TestLabelsFile}.gz), expected the MNIST file " +
            $"{Mnist.TestLabelsFile} in {Dir}. Hint: {Mnist.FetchHint}."));
    }

    [Test]
    public void A_damaged_MNIST_file_hints_at_fetching_it_again()
    {
        WriteTinyMnist(Dir);
        string trainImages = Path.Combine(Dir, Mnist.TrainImagesFile);
        File.WriteAllBytes(trainImages, File.ReadAllBytes(trainImages)[..100]);

        var error = Assert.Throws<InvalidDataException>(() => Mnist.Load(Dir));

        Assert.That(error!.Message, Is.EqualTo(
            $"{trainImages}: truncated: the header promises 60 images of 4x4 (976 bytes) but the file holds 100 bytes. " +
            "Hint: delete it and run `nettrainer fetch-mnist` again."));
    }

    [Test]
    public void Files_are_present_when_each_is_there_raw_or_gzipped()
    {
        Assert.That(Mnist.FilesPresent(Dir), Is.False, "empty directory");

        WriteTinyMnist(Dir, gzip: true);
        File.Delete(Path.Combine(Dir, Mnist.TrainImagesFile + Mnist.GzipSuffix));
        Assert.That(Mnist.FilesPresent(Dir), Is.False, "train images missing");

        WriteImages(Path.Combine(Dir, Mnist.TrainImagesFile), Pixels(60, 4, 4), 60, 4, 4);
        Assert.That(Mnist.FilesPresent(Dir), Is.True, "three gzipped, one raw");
        Assert.That(Mnist.FilesPresent(Path.Combine(Dir, "no-such-directory")), Is.False, "missing directory");
    }

    [Test]
    public void The_raw_file_is_preferred_over_its_gzipped_twin()
    {
        string raw = Path.Combine(Dir, Mnist.TrainImagesFile);
        File.WriteAllText(raw + Mnist.GzipSuffix, "");
        Assert.That(Mnist.FindFile(Dir, Mnist.TrainImagesFile), Is.EqualTo(raw + Mnist.GzipSuffix));

        File.WriteAllText(raw, "");
        Assert.That(Mnist.FindFile(Dir, Mnist.TrainImagesFile), Is.EqualTo(raw));
    }

    private static void AssertExample(Dataset data, int index, byte[] pixels, byte[] labels, int source, int inputSize)
    {
        Assert.That(data.Image(index).ToArray(), Is.EqualTo(pixels.AsSpan(source * inputSize, inputSize).ToArray()), $"image {index}");
        Assert.That(data.Label(index), Is.EqualTo(labels[source]), $"label {index}");
    }
}
