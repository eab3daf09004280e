using NetTrainer;
using NetTrainer.Activations;
using NetTrainer.Cli.Reports;
using NetTrainer.Costs;
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
        var rng = new Random(1);
        var network = Network<float>.CreateRandom([784, 30, 10], Sigmoid.Instance, Sigmoid.Instance, CrossEntropyCost.Instance, WeightInit.Default, rng);
        var options = new SgdOptions(Epochs: 3, MiniBatchSize: 10, Eta: 0.5);
        var report = new SingleRunReport("run.html", "Sgd.Train from C#");
        Sgd.Train(network, mnist.Training, mnist.Validation, options, rng, report);
        var test = new Evaluator<float>(network).Evaluate(mnist.Test, options.Lambda, mnist.Training.Count);
        Console.WriteLine($"test accuracy {test.Accuracy:P2}; image 0 is a {network.Classify<float>(mnist.Test.Image(0)).Label}, labelled {mnist.Test.Label(0)}");
        report.Write(network, options, seed: 1, mnist.Training, mnist.Validation, "validation");
        // README end
    }
}
