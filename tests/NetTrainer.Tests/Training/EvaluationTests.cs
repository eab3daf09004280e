using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.LinearAlgebra;
using NetTrainer.Training;

namespace NetTrainer.Tests.Training;

public class EvaluationTests
{
    private static readonly Dataset Data = SyntheticData.Create(103, seed: 21);

    private static Network<float> Net() => Network<float>.CreateRandom([16, 6, 3], Sigmoid.Instance, Softmax.Instance,
        NegativeLogLikelihoodCost.Instance, WeightInit.Default, new Random(5));

    [Test]
    public void Evaluation_gives_the_same_bits_on_one_thread_and_on_all()
    {
        Network<float> network = Net();
        EvaluationResult one = new Evaluator<float>(network, chunk: 10, threads: 1).Evaluate(Data, 1.5, 500);
        EvaluationResult all = new Evaluator<float>(network, chunk: 10, threads: 4).Evaluate(Data, 1.5, 500);
        Assert.That(all, Is.EqualTo(one));
    }

    [TestCase(1)]
    [TestCase(10)]
    [TestCase(103)]
    [TestCase(250)]
    public void Evaluation_counts_every_example_once_whatever_the_chunk(int chunk)
    {
        // Reference: one example at a time, in double.
        Network<double> network = Net().ConvertTo<double>();
        var one = MiniBatch<double>.For(network, 1);
        double cost = 0;
        int correct = 0;
        for (int i = 0; i < Data.Count; i++)
        {
            Batches.Gather(Data, [i], one);
            ForwardPass<double> pass = network.Feedforward(one);
            cost += network.Cost.Sum(pass.Output, one.Y);
            double[] output = pass.Output.Row(0).ToArray();
            if (Array.IndexOf(output, output.Max()) == Data.Label(i))
                correct++;
        }
        double expectedCost = cost / Data.Count + 0.5 * (2.0 / 400) * network.SumOfSquaredWeights();

        EvaluationResult result = new Evaluator<float>(Net(), chunk).Evaluate(Data, lambda: 2.0, trainingSize: 400);
        Assert.That(result.Total, Is.EqualTo(Data.Count));
        Assert.That(result.Correct, Is.EqualTo(correct));
        Assert.That(result.Cost, Is.EqualTo(expectedCost).Within(1e-5));
    }
}
