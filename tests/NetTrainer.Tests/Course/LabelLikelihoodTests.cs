using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Course;
using NetTrainer.Data;
using NetTrainer.LinearAlgebra;
using NetTrainer.Tests.Training;
using NetTrainer.Training;

namespace NetTrainer.Tests.Course;

/// <summary>Question 3: the likelihood of the labels, and why NLL per example is a cross-entropy.</summary>
public class LabelLikelihoodTests
{
    // One-pixel images: with zero weights the network predicts softmax(b) = (1/2, 1/4, 1/4) for every x.
    private static Network<float> ConstantNetwork() => new([1, 3], [new Matrix<float>(3, 1)],
        [[MathF.Log(0.5f), MathF.Log(0.25f), MathF.Log(0.25f)]], Sigmoid.Instance, Softmax.Instance, NegativeLogLikelihoodCost.Instance);

    private static Dataset Labels(params byte[] labels) => new(new byte[labels.Length], labels, 1, 1, 3);

    [Test]
    public void The_likelihood_numbers_of_a_tiny_data_set_equal_the_hand_computed_ones()
    {
        Dataset data = Labels(0, 0, 1, 2);            // n = (2, 1, 1), N = 4, p = (1/2, 1/4, 1/4)
        Dataset training = Labels(0, 1, 1, 2, 2, 2);  // q = (1/6, 2/6, 3/6)
        LabelLikelihood l = LabelLikelihoods.Measure(ConstantNetwork(), data, training);

        double ln2 = Math.Log(2);
        double crossEntropy = -(0.5 * Math.Log(1.0 / 6) + 0.25 * Math.Log(2.0 / 6) + 0.25 * Math.Log(3.0 / 6));
        Assert.Multiple(() =>
        {
            Assert.That(l.N, Is.EqualTo(4));
            Assert.That(l.Classes.Select(c => c.Count), Is.EqualTo(new[] { 2, 1, 1 }), "n_i");
            Assert.That(l.Classes.Select(c => c.P), Is.EqualTo(new[] { 0.5, 0.25, 0.25 }), "p_i = n_i / N");
            Assert.That(l.Classes.Select(c => c.Q), Is.EqualTo(new[] { 1.0 / 6, 2.0 / 6, 3.0 / 6 }).Within(1e-15), "q_i from the training labels");
            // ℓ = 2 ln ½ + ln ¼ + ln ¼ = −6 ln 2 (float32 softmax: a few ulps).
            Assert.That(l.LogLikelihood, Is.EqualTo(-6 * ln2).Within(1e-5), "ℓ = Σ ln a_y");
            Assert.That(l.AverageNll, Is.EqualTo(1.5 * ln2).Within(1e-6), "−ℓ / N");
            Assert.That(l.Entropy, Is.EqualTo(1.5 * ln2).Within(1e-12), "H(p) = −Σ p ln p");
            Assert.That(l.CrossEntropy, Is.EqualTo(crossEntropy).Within(1e-12), "H(p, q) = −Σ p ln q");
            Assert.That(l.FrequencyLogLikelihood, Is.EqualTo(2 * Math.Log(1.0 / 6) + Math.Log(2.0 / 6) + Math.Log(3.0 / 6)).Within(1e-12),
                "ln Π q_i^{n_i}");
            Assert.That(l.FrequencyLogLikelihood, Is.EqualTo(-l.N * l.CrossEntropy).Within(1e-12), "ln Π q_i^{N p_i} = −N H(p, q)");
        });
    }

    [Test]
    public void The_cross_entropy_of_the_frequency_model_is_its_entropy_when_q_is_p()
    {
        Dataset data = Labels(0, 1, 1, 2, 2, 2);
        LabelLikelihood l = LabelLikelihoods.Measure(ConstantNetwork(), data, data);
        Assert.That(l.CrossEntropy, Is.EqualTo(l.Entropy).Within(1e-15));
    }

    [Test]
    public void A_class_never_seen_in_training_makes_the_frequency_model_infinitely_surprised()
    {
        LabelLikelihood l = LabelLikelihoods.Measure(ConstantNetwork(), Labels(0, 2), Labels(0, 1));
        Assert.That(l.CrossEntropy, Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void The_average_nll_is_the_evaluators_cost_of_an_nll_network_bit_for_bit()
    {
        Dataset data = SyntheticData.Create(517, seed: 9);
        Network<float> network = Network<float>.CreateRandom([16, 6, 3], Sigmoid.Instance, Softmax.Instance,
            NegativeLogLikelihoodCost.Instance, WeightInit.Default, new Random(2));
        LabelLikelihood l = LabelLikelihoods.Measure(network, data, data);
        Assert.That(l.AverageNll, Is.EqualTo(new Evaluator<float>(network).Evaluate(data, lambda: 0, trainingSize: data.Count).Cost));
    }

    [Test]
    public void A_softmax_network_trained_with_another_cost_is_measured_with_nll_all_the_same()
    {
        Dataset data = SyntheticData.Create(50, seed: 3);
        Network<float> nll = Network<float>.CreateRandom([16, 6, 3], Sigmoid.Instance, Softmax.Instance,
            NegativeLogLikelihoodCost.Instance, WeightInit.Default, new Random(2));
        var quadratic = new Network<float>(nll.Sizes, nll.Weights, nll.Biases, nll.Hidden, nll.Output, QuadraticCost.Instance);
        Assert.That(LabelLikelihoods.Measure(quadratic, data, data).AverageNll, Is.EqualTo(LabelLikelihoods.Measure(nll, data, data).AverageNll));
    }

    [Test]
    public void Sigmoid_outputs_are_refused_they_are_not_a_distribution()
    {
        Network<float> sigmoid = Network<float>.CreateRandom([16, 3], Sigmoid.Instance, Sigmoid.Instance,
            CrossEntropyCost.Instance, WeightInit.Default, new Random(2));
        Assert.That(() => LabelLikelihoods.Measure(sigmoid, SyntheticData.Create(5, seed: 1), SyntheticData.Create(5, seed: 1)),
            Throws.ArgumentException.With.Message.Contains("softmax"));
    }
}
