using System.Globalization;
using NetTrainer.Tests.Cli;
using NetTrainer.Training;

namespace NetTrainer.Tests.Extensions;

/// <summary>--sizes 784,10: a network with no hidden layer (logistic regression) trains.</summary>
public class NoHiddenLayerTests
{
    [Test]
    public void A_network_without_a_hidden_layer_learns_the_synthetic_task()
    {
        var options = new SgdOptions(Epochs: 6, MiniBatchSize: 10, Eta: 0.5);
        (Network<float> network, _, Recorder recorder) = Runs.Train(seed: 3, options, sizes: [16, 3]);

        Assert.That(network.LayerCount, Is.EqualTo(1));
        double[] costs = recorder.Reports.Select(r => r.Training!.Cost).ToArray();
        Assert.That(costs[^1], Is.LessThan(costs[0] / 2), "training cost, first epoch to last");
        Assert.That(recorder.Reports[^1].Evaluation!.Accuracy, Is.GreaterThan(0.9));
    }
}

/// <summary>`train --sizes N,K`.</summary>
public class NoHiddenLayerCliTests : CliFixture
{
    [Test]
    public void Train_with_sizes_of_two_layers_trains_and_its_training_cost_falls()
    {
        CliResult result = Succeeds(Train("--sizes", "16,3", "--epochs", "5", "--eta", "0.1"));

        Assert.That(result.OutputLines, Has.Some.StartWith("Network 16,3, no hidden layer, sigmoid output, cross-entropy cost."));
        double[] costs = result.Epochs.Select(e => double.Parse(e.TrainingCost, CultureInfo.InvariantCulture)).ToArray();
        Assert.That(costs, Has.Length.EqualTo(5));
        Assert.That(costs[^1], Is.LessThan(costs[0]), "training cost, epoch 1 to 5");
    }
}
