using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;

namespace NetTrainer.Tests.Training;

/// <summary>network.Predict / Classify: one image through the same forward pass and scaling as training and evaluation.</summary>
public class PredictionTests
{
    private static readonly int[] Sizes = [SyntheticData.Side * SyntheticData.Side, 8, SyntheticData.Classes];

    private static Network<float> Network(IActivation output) =>
        Network<float>.CreateRandom(Sizes, Sigmoid.Instance, output, CrossEntropyCost.Instance, WeightInit.Default, new Random(3));

    [Test]
    public void Predict_of_an_image_is_the_forward_pass_of_its_mini_batch_row()
    {
        Network<float> network = Network(Sigmoid.Instance);
        Dataset data = SyntheticData.Create(5, seed: 1);
        var batch = MiniBatch<float>.For(network, data.Count);
        Batches.GatherRange(data, 0, batch);
        ForwardPass<float> pass = network.Feedforward(batch.X, network.CreateWorkspace(data.Count));
        for (int i = 0; i < data.Count; i++)
            // Within a few ulps, not bit for bit: the kernels tile a batch of 5 rows differently from a batch of 1.
            Assert.That(network.Predict<float>(data.Image(i)), Is.EqualTo(pass.Output.Row(i).ToArray()).Within(1e-6f),
                $"image {i}: a^L, with pixels scaled by 1/255 as Batches does");
    }

    [TestCase("sigmoid")]
    [TestCase("softmax")]
    public void Classify_gives_probabilities_that_sum_to_one_and_their_argmax(string output)
    {
        Network<float> network = Network(ActivationCatalog.ParseOutput(output));
        Dataset data = SyntheticData.Create(5, seed: 2);
        for (int i = 0; i < data.Count; i++)
        {
            float[] a = network.Predict<float>(data.Image(i));
            Classification<float> c = network.Classify<float>(data.Image(i));
            Assert.That(c.Probabilities.Sum(), Is.EqualTo(1f).Within(1e-5f), $"image {i}: Σ p");
            Assert.That(c.Label, Is.EqualTo(Array.IndexOf(a, a.Max())), $"image {i}: argmax of a^L, as evaluation counts");
            Assert.That(c.Confidence, Is.EqualTo(c.Probabilities.Max()), $"image {i}: confidence is the largest probability");
        }
    }

    [Test]
    public void Predict_refuses_an_input_of_the_wrong_length_naming_the_parameter()
    {
        var e = Assert.Throws<ArgumentException>(() => Network(Sigmoid.Instance).Predict<float>(new float[3]));
        Assert.That(e!.ParamName, Is.EqualTo("input"));
        Assert.That(e.Message, Does.StartWith("The network takes 16 inputs; got 3."));
    }
}
