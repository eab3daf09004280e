using NetTrainer.Data;
using NetTrainer.Data.Augmentation;
using NetTrainer.Training;
using NetTrainer.Tests.Data;

namespace NetTrainer.Tests.Augmentation;

/// <summary>Augmentation specs, seeded reproducibility and the refusal of data that is not images.</summary>
public class DistortionTests
{
    private static Dataset Images(int count = 2500, int rows = 8, int cols = 8) =>
        new(IdxFixture.Pixels(count, rows, cols, seed: 4), IdxFixture.Labels(count, 10), rows, cols, classCount: 10);

    [Test]
    public void A_combined_spec_gives_its_transforms_in_order()
    {
        IReadOnlyList<IImageTransform> transforms = AugmentSpec.Parse("rotate:15,elastic:34,4,shift:2,scale:0.1");
        Assert.That(transforms.Select(t => t.Spec), Is.EqualTo(new[] { "rotate:15", "elastic:34,4", "shift:2", "scale:0.1" }));
    }

    [TestCase("spin:3", "'spin' is not a transform")]
    [TestCase("rotate:15,34", "rotate takes 1 value, got 2")]
    [TestCase("elastic:34", "elastic takes 2 values, got 1")]
    [TestCase("shift:1.5", "shift takes a whole number of pixels")]
    [TestCase("scale:1.2", "F must be below 1")]
    [TestCase("rotate:x", "rotate's value 'x' is not a number")]
    [TestCase("", "'' is not NAME:VALUE")]
    public void A_bad_spec_is_refused_saying_why(string spec, string why)
    {
        var e = Assert.Throws<ArgumentException>(() => AugmentSpec.Parse(spec));
        Assert.That(e!.Message, Does.Contain(why).And.Contain("Expected rotate:DEG"));
    }

    [Test]
    public void Two_runs_with_the_same_seed_distort_every_image_identically()
    {
        Dataset data = Images();
        IReadOnlyList<IImageTransform> transforms = AugmentSpec.Parse("rotate:15,elastic:34,4,shift:1,scale:0.1");
        Dataset first = new Distortions(data, transforms, seed: 9).ForEpoch(3);
        Dataset second = new DistortionProducer(new Distortions(data, transforms, seed: 9), epochs: 5, threads: 2).ForEpoch(3);
        for (int i = 0; i < data.Count; i++)
            Assert.That(second.Image(i).ToArray(), Is.EqualTo(first.Image(i).ToArray()), $"image {i}");
    }

    [Test]
    public void Chunks_made_by_four_threads_at_once_are_the_chunks_one_thread_makes_in_order()
    {
        Dataset data = Images(count: 6 * Distortions.ChunkSize + 17);
        var distortions = new Distortions(data, AugmentSpec.Parse("rotate:15,elastic:34,4"), seed: 5);
        Dataset alone = distortions.ForEpoch(2);
        EpochWork work = distortions.Plan(2, new byte[data.Count * data.InputSize]);
        Task[] helpers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => work.Help())).ToArray();
        Dataset together = work.Finish();
        Task.WaitAll(helpers);
        for (int i = 0; i < data.Count; i++)
            Assert.That(together.Image(i).ToArray(), Is.EqualTo(alone.Image(i).ToArray()), $"image {i}");
    }

    [Test]
    public void The_first_images_of_an_epoch_are_the_same_distorted_alone_as_among_all()
    {
        // The report's strip distorts the first few images alone and claims they are what training saw.
        Dataset data = Images(count: 2 * Distortions.ChunkSize + 5);
        IReadOnlyList<IImageTransform> transforms = AugmentSpec.Parse("rotate:15,elastic:34,4");
        Dataset all = new Distortions(data, transforms, seed: 6).ForEpoch(2);
        Dataset firsts = new Distortions(data.Slice(0, 8), transforms, seed: 6).ForEpoch(2);
        for (int i = 0; i < 8; i++)
            Assert.That(firsts.Image(i).ToArray(), Is.EqualTo(all.Image(i).ToArray()), $"image {i}");
    }

    [Test]
    public void Each_epoch_gets_fresh_distortions_with_the_labels_unchanged()
    {
        Dataset data = Images(count: 50);
        var distortions = new Distortions(data, AugmentSpec.Parse("rotate:20"), seed: 1);
        Dataset epoch1 = distortions.ForEpoch(1), epoch2 = distortions.ForEpoch(2);
        int same = Enumerable.Range(0, data.Count).Count(i => epoch1.Image(i).SequenceEqual(epoch2.Image(i)));
        Assert.Multiple(() =>
        {
            Assert.That(same, Is.LessThan(data.Count / 10), "images distorted identically in epochs 1 and 2");
            Assert.That(Enumerable.Range(0, data.Count).Select(epoch2.Label), Is.EqualTo(Enumerable.Range(0, data.Count).Select(data.Label)));
        });
    }

    [Test]
    public void The_producer_hands_out_each_epoch_as_if_made_on_demand()
    {
        Dataset data = Images(count: 30);
        var distortions = new Distortions(data, AugmentSpec.Parse("shift:2"), seed: 2);
        var producer = new DistortionProducer(distortions, epochs: 3, threads: 2);
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            Dataset made = producer.ForEpoch(epoch), expected = distortions.ForEpoch(epoch);
            for (int i = 0; i < data.Count; i++)
                Assert.That(made.Image(i).ToArray(), Is.EqualTo(expected.Image(i).ToArray()), $"epoch {epoch}, image {i}");
        }
    }

    [TestCase(1, 1)]
    [TestCase(2, 1)]
    [TestCase(8, 7)]
    public void Training_keeps_every_core_but_the_one_that_prepares_the_next_epoch(int threads, int training)
    {
        using DistortionProducer producer = RunImages.Distort(Images(count: 30), AugmentSpec.Parse("shift:2"), seed: 2, epochs: 3, threads);
        Assert.That(producer.TrainingThreads, Is.EqualTo(training));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Training_that_splits_its_products_keeps_every_core_and_gets_each_epoch_as_if_made_on_demand(int threads)
    {
        Dataset data = Images(count: 30);
        var distortions = new Distortions(data, AugmentSpec.Parse("shift:2"), seed: 2);
        using var producer = new DistortionProducer(distortions, epochs: 3, threads, prepareAhead: false);
        Assert.That(producer.TrainingThreads, Is.EqualTo(threads));
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            Dataset made = producer.ForEpoch(epoch), expected = distortions.ForEpoch(epoch);
            for (int i = 0; i < data.Count; i++)
                Assert.That(made.Image(i).ToArray(), Is.EqualTo(expected.Image(i).ToArray()), $"epoch {epoch}, image {i}");
        }
    }

    [TestCase(new[] { 784, 800, 10 }, 100, 2, true)] // the record: 63 million multiply-adds a forward product
    [TestCase(new[] { 784, 800, 10 }, 100, 1, false)]
    [TestCase(new[] { 784, 100, 10 }, 10, 2, false)] // under a million: one core
    [TestCase(new[] { 784, 30, 10 }, 100, 2, true)]
    public void Training_splits_when_its_first_product_is_worth_splitting(int[] sizes, int miniBatch, int threads, bool splits) =>
        Assert.That(RunImages.TrainingSplits(sizes, miniBatch, threads), Is.EqualTo(splits && Environment.ProcessorCount >= threads));

    [TestCase(1, 784)]
    [TestCase(784, 1)]
    public void Data_that_is_not_images_is_refused_naming_its_shape(int rows, int cols)
    {
        Dataset vectors = Images(count: 3, rows: rows, cols: cols);
        var e = Assert.Throws<ArgumentException>(() => ShiftExpansion.Expand(vectors, new Random(1)));
        Assert.That(e!.Message, Does.StartWith($"The data's examples are {rows}x{cols}, not images"));
        Assert.Throws<ArgumentException>(() => _ = new Distortions(vectors, AugmentSpec.Parse("rotate:5"), seed: 1));
    }
}
