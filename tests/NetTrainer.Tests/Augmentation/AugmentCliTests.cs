using NetTrainer.Cli;
using NetTrainer.Tests.Cli;
using static NetTrainer.Tests.Data.IdxFixture;

namespace NetTrainer.Tests.Augmentation;

/// <summary>`train --expand` and `train --augment` on the tiny data set.</summary>
public class AugmentCliTests : CliFixture
{
    [Test]
    public void Train_with_expand_shift_trains_on_five_times_the_images_and_reproduces_with_its_seed()
    {
        CliResult first = Succeeds(Train("--epochs", "2", "--expand", "shift"));
        CliResult second = Succeeds(Train("--epochs", "2", "--expand", "shift"));
        CliResult plain = Succeeds(Train("--epochs", "2"));
        Assert.Multiple(() =>
        {
            Assert.That(second.Epochs.Select(e => e.Figures), Is.EqualTo(first.Epochs.Select(e => e.Figures)), "same seed, same run");
            Assert.That(first.Epochs.Select(e => e.Figures), Is.Not.EqualTo(plain.Epochs.Select(e => e.Figures)), "expansion changes the run");
            Assert.That(first.OutputLines, Has.Some.EndsWith($"from {5 * TrainingImages} (--expand: {TrainingImages} and their shifts) training images."),
                "the count says where the images come from");
        });
    }

    [Test]
    public void Train_with_augment_is_bit_identical_for_the_same_seed_and_differs_for_another()
    {
        string[] options = ["--epochs", "3", "--augment", "rotate:15,elastic:34,4,shift:1"];
        CliResult first = Succeeds(Train(options));
        CliResult second = Succeeds(Train(options));
        CliResult other = Succeeds(Train([.. options, "--seed", "8"]));
        Assert.Multiple(() =>
        {
            Assert.That(first.Epochs, Has.Count.EqualTo(3));
            Assert.That(second.Epochs.Select(e => e.Figures), Is.EqualTo(first.Epochs.Select(e => e.Figures)));
            Assert.That(other.Epochs.Select(e => e.Figures), Is.Not.EqualTo(first.Epochs.Select(e => e.Figures)));
        });
    }

    [Test]
    public void A_bad_augment_spec_is_a_usage_error_naming_the_option()
    {
        AssertFails(Train("--augment", "spin:3"), ExitCodes.Usage, Does.StartWith("nettrainer: --augment: The augmentation 'spin:3' cannot be read: 'spin' is not a transform"));
    }

    [Test]
    public void Expanding_data_that_is_not_images_is_a_usage_error_naming_its_shape()
    {
        string vectors = InDir("vectors");
        WriteTinyMnist(vectors, trainCount: 120, testCount: 20, rows: 1, cols: 16, classCount: 3);
        AssertFails(Train("--data-dir", vectors, "--expand", "shift"), ExitCodes.Usage,
            Does.StartWith("nettrainer: --expand needs images, but the data's examples are 1x16 (from the IDX header)"));
    }
}
