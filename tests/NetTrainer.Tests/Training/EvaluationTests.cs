using System.Numerics.Tensors;
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

    [TestCase(1)]
    [TestCase(4)]
    public void Data_that_does_not_fit_the_network_is_refused_once_before_any_chunk_naming_both_shapes(int threads)
    {
        Network<float> wrongOutputs = Network<float>.CreateRandom([16, 6, 4], Sigmoid.Instance, Softmax.Instance,
            NegativeLogLikelihoodCost.Instance, WeightInit.Default, new Random(5));
        var e = Assert.Throws<ArgumentException>(() => new Evaluator<float>(wrongOutputs, chunk: 10, threads).Evaluate(Data, 0, Data.Count));
        Assert.That(e!.Message, Does.Contain("output layer 4").And.Contain("in 3 classes"));
    }

    // Digit-like 28x28 images: ink in a random box, about four pixels in five blank, as MNIST.
    private static Dataset Digits(int count, int seed)
    {
        var rng = new Random(seed);
        var pixels = new byte[count * 784];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = (byte)rng.Next(10);
            int top = rng.Next(2, 10), left = rng.Next(2, 10);
            for (int r = top; r < top + 16; r++)
                for (int c = left; c < left + 14; c++)
                    if (rng.NextDouble() < 0.45)
                        pixels[i * 784 + r * 28 + c] = (byte)rng.Next(1, 256);
        }
        return new Dataset(pixels, labels, 28, 28, 10);
    }

    [Test]
    public void Evaluation_from_the_pixels_agrees_with_the_gathered_forward_pass()
    {
        // The evaluation's first layer sums only the nonzero pixels (Kernels.MultiplyPixels); the gathered pass sums
        // all 784 inputs. Same network, same images: the same count, and the cost within float rounding.
        Dataset digits = Digits(600, seed: 4);
        Network<float> network = Network<float>.CreateRandom([784, 30, 10], Sigmoid.Instance, Sigmoid.Instance,
            CrossEntropyCost.Instance, WeightInit.Default, new Random(6));
        var batch = MiniBatch<float>.For(network, 1);
        Workspace<float> workspace = network.CreateWorkspace(1);
        double cost = 0;
        int correct = 0;
        for (int i = 0; i < digits.Count; i++)
        {
            Batches.Gather(digits, [i], batch);
            ForwardPass<float> pass = network.Feedforward(batch.X, workspace);
            cost += network.Cost.Sum(pass.Output, batch.Y);
            if (TensorPrimitives.IndexOfMax<float>(pass.Output.Row(0)) == digits.Label(i))
                correct++;
        }

        EvaluationResult result = new Evaluator<float>(network, chunk: 250, threads: 2).Evaluate(digits, lambda: 0, trainingSize: 600);
        Assert.That(result.Correct, Is.EqualTo(correct));
        Assert.That(result.Cost, Is.EqualTo(cost / digits.Count).Within(1e-5));
    }

    [Test]
    public void An_evaluator_sees_the_weights_as_they_are_at_each_evaluation()
    {
        // The packed first layer is rebuilt on every call: after a step changes the weights, the same evaluator
        // must give what a fresh one gives.
        Dataset digits = Digits(300, seed: 8);
        Network<float> network = Network<float>.CreateRandom([784, 30, 10], Sigmoid.Instance, Softmax.Instance,
            NegativeLogLikelihoodCost.Instance, WeightInit.Default, new Random(9));
        var evaluator = new Evaluator<float>(network, chunk: 100, threads: 1);
        EvaluationResult before = evaluator.Evaluate(digits, 0, 300);
        network.Weights[0].AsSpan().Reverse(); // a different first layer of the same shape
        EvaluationResult after = evaluator.Evaluate(digits, 0, 300);
        Assert.That(after, Is.Not.EqualTo(before));
        Assert.That(after, Is.EqualTo(new Evaluator<float>(network, chunk: 100, threads: 1).Evaluate(digits, 0, 300)));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Evaluating_the_same_images_again_reads_their_listed_pixels_with_the_same_bits(int threads)
    {
        // The second pass lists each chunk's nonzero pixels, the third reads the lists; chunks of 70 leave a short
        // last chunk of 40.
        Dataset digits = Digits(250, seed: 10);
        Network<float> network = Network<float>.CreateRandom([784, 30, 10], Sigmoid.Instance, Sigmoid.Instance,
            CrossEntropyCost.Instance, WeightInit.Default, new Random(11));
        var evaluator = new Evaluator<float>(network, chunk: 70, threads: threads);
        EvaluationResult first = evaluator.Evaluate(digits, 0, 250);
        Assert.That(evaluator.Evaluate(digits, 0, 250), Is.EqualTo(first), "the pass that lists the pixels");
        Assert.That(evaluator.Evaluate(digits, 0, 250), Is.EqualTo(first), "a pass that reads the lists");
        Dataset shifted = digits.Slice(35, 140); // the same pixels from image 35 on: chunks that are not digits' chunks
        EvaluationResult fresh = new Evaluator<float>(network, chunk: 70, threads: threads).Evaluate(shifted, 0, 250);
        for (int pass = 0; pass < 3; pass++)
            Assert.That(evaluator.Evaluate(shifted, 0, 250), Is.EqualTo(fresh), $"a slice has lists of its own (pass {pass + 1})");
    }
}
