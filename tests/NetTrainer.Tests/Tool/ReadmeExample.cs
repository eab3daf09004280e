using NetTrainer;
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Reports;
using NetTrainer.Training;

namespace NetTrainer.Tests.Tool;

/// <summary>
/// The README's "Use it from C#" example, as code the build compiles; <see cref="ReadmeExampleTests"/> checks that
/// the README shows exactly these lines (the usings above, then the body below) and runs them.
/// </summary>
public static class ReadmeExample
{
    public static void Run()
    {
        // README begin
        var mnist = NetTrainer.Data.Mnist.Load("data/mnist");
        var start = RunStart<float>.FromSeed(1, [784, 30, 10], Sigmoid.Instance, Sigmoid.Instance, CrossEntropyCost.Instance);
        var options = new SgdOptions(Epochs: 3, MiniBatchSize: 10, Eta: 0.5) { MeasureLearningSignal = true };
        var epochs = new List<EpochReport>();
        Sgd.Train(start, mnist.Training, mnist.Validation, options, EpochSink.From(epochs.Add));
        var network = start.Network;
        var test = new Evaluator<float>(network).Evaluate(mnist.Test, options.Lambda, mnist.Training.Count);
        Console.WriteLine($"test accuracy {test.Accuracy:P2}; image 0 is a {network.Classify<float>(mnist.Test.Image(0)).Label}, labelled {mnist.Test.Label(0)}");
        new TrainingReport { Title = "Sgd.Train from C#", Network = network, Options = options, Epochs = epochs, Training = mnist.Training, Evaluation = mnist.Validation, Seed = 1 }.WriteHtml("run.html");
        // README end
    }
}
