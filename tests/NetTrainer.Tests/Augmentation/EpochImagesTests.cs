using NetTrainer.Data;
using NetTrainer.Data.Augmentation;
using NetTrainer.Tests.Extensions;
using NetTrainer.Training;

namespace NetTrainer.Tests.Augmentation;

/// <summary>Sgd.Train's hook for the images each epoch trains on (trainingForEpoch).</summary>
public class EpochImagesTests
{
    private static readonly SgdOptions Options = new(Epochs: 3, MiniBatchSize: 10, Eta: 0.5);

    private static Network<float> Train(Func<int, Dataset>? epochImages, Recorder recorder)
    {
        Network<float> network = Runs.Network(seed: 4);
        Sgd.Train(network, Runs.Training, Runs.Validation, Options, new Random(5), recorder, trainingForEpoch: epochImages);
        return network;
    }

    [Test]
    public void Handing_each_epoch_the_training_set_itself_is_plain_training_bit_for_bit()
    {
        var asked = new List<int>();
        Network<float> plain = Train(null, new Recorder());
        Network<float> hooked = Train(epoch => { asked.Add(epoch); return Runs.Training; }, new Recorder());
        Assert.Multiple(() =>
        {
            Assert.That(asked, Is.EqualTo(new[] { 1, 2, 3 }), "the epochs asked for, in order");
            Assert.That(Runs.SameParameters(plain, hooked), Is.True, "the same weights and biases");
        });
    }

    [Test]
    public void Distorted_epochs_change_the_weights_but_the_training_cost_is_measured_on_the_undistorted_images()
    {
        var distortions = new Distortions(Runs.Training, AugmentSpec.Parse("shift:1"), seed: 3);
        var plainReports = new Recorder();
        var distortedReports = new Recorder();
        Network<float> plain = Train(null, plainReports);
        Network<float> distorted = Train(new DistortionProducer(distortions, Options.Epochs, threads: 2).ForEpoch, distortedReports);
        Assert.Multiple(() =>
        {
            Assert.That(Runs.SameParameters(plain, distorted), Is.False, "distorted images train differently");
            Assert.That(distortedReports.Reports.Select(r => r.Training!.Total), Has.All.EqualTo(Runs.Training.Count));
        });
    }

    [Test]
    public void An_epoch_with_a_different_number_of_images_is_refused_naming_both_counts()
    {
        var e = Assert.Throws<ArgumentException>(() => Train(_ => Runs.Training.Slice(0, 10), new Recorder()));
        Assert.That(e!.Message, Does.StartWith($"An epoch's training data must match the first: {Runs.Training.Count} examples").And.Contain("got 10 of"));
    }
}
