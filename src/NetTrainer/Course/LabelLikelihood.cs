// Glossary
//   N         examples in the data looked at; x one of them, y_x its label
//   ℓ         the log-likelihood of the labels under the network, Σ_x ln a_{y_x}(x)
//   n_i, p_i  how many labels are class i, and the empirical distribution p_i = n_i / N
//   q_i       the frequency model's prediction for class i, whatever x: class i's share of the training labels
//   H(p)      the entropy −Σ_i p_i ln p_i; H(p, q) the cross-entropy −Σ_i p_i ln q_i ≥ H(p) (equal iff q = p)
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Training;

namespace NetTrainer.Course;

/// <summary>Class i: its count n_i in the data, its share p_i = n_i / N, and the frequency model's q_i.</summary>
public sealed record ClassShare(int Class, int Count, double P, double Q);

/// <summary>The likelihood of a data set's labels, under a network and under the frequency model that ignores x.</summary>
/// <param name="LogLikelihood">ℓ = Σ_x ln a_{y_x}(x) (each log clamped at the machine epsilon, as the NLL cost is).</param>
/// <param name="AverageNll">−ℓ / N: the NLL cost per example, what `evaluate` reports for an NLL network.</param>
/// <param name="FrequencyLogLikelihood">ln Π_i q_i^{n_i} = Σ_i n_i ln q_i = −N H(p, q).</param>
/// <param name="N">N, the examples looked at.</param>
/// <param name="Classes">n_i, p_i and q_i for each class i.</param>
/// <param name="CrossEntropy">H(p, q) = −Σ_i p_i ln q_i, in nats.</param>
/// <param name="Entropy">H(p) = −Σ_i p_i ln p_i, in nats: the least −ℓ / N any x-blind model can reach.</param>
public sealed record LabelLikelihood(int N, double LogLikelihood, double AverageNll, IReadOnlyList<ClassShare> Classes,
    double FrequencyLogLikelihood, double CrossEntropy, double Entropy);

/// <summary>
/// Measures how likely a network finds a data set's labels. The network's part goes through the library's
/// <see cref="Evaluator{T}"/> with the NLL cost, so the average NLL is `evaluate`'s cost, bit for bit; ℓ is −N times it.
/// </summary>
public static class LabelLikelihoods
{
    /// <summary>
    /// <paramref name="frequenciesFrom"/> gives the q_i of the frequency model (the training labels: a model may only
    /// learn from them).
    /// </summary>
    public static LabelLikelihood Measure(Network<float> network, Dataset data, Dataset frequenciesFrom)
    {
        if (network.Output is not Softmax)
            throw new ArgumentException(
                $"The network's outputs are {network.Output.Name}, not a probability distribution over the classes; a likelihood needs softmax outputs.",
                nameof(network));
        if (data.Count == 0)
            throw new ArgumentException("The data has no examples.", nameof(data));
        var asNll = new Network<float>(network.Sizes, network.Weights, network.Biases, network.Hidden, network.Output,
            NegativeLogLikelihoodCost.Instance);
        double averageNll = new Evaluator<float>(asNll).Evaluate(data, lambda: 0, trainingSize: frequenciesFrom.Count).Cost;

        int classes = network.OutputSize;
        int[] counts = Counts(data, classes), reference = Counts(frequenciesFrom, classes);
        var shares = Enumerable.Range(0, classes).Select(i => new ClassShare(i, counts[i],
            (double)counts[i] / data.Count, (double)reference[i] / frequenciesFrom.Count)).ToList();
        // 0 · ln 0 = 0: a class absent from the data adds nothing; one present but never seen in training makes H(p, q) infinite.
        double crossEntropy = -shares.Where(s => s.Count > 0).Sum(s => s.P * Math.Log(s.Q));
        double entropy = -shares.Where(s => s.Count > 0).Sum(s => s.P * Math.Log(s.P));
        double frequencyLogLikelihood = shares.Where(s => s.Count > 0).Sum(s => s.Count * Math.Log(s.Q));
        return new LabelLikelihood(data.Count, -data.Count * averageNll, averageNll, shares, frequencyLogLikelihood, crossEntropy, entropy);
    }

    private static int[] Counts(Dataset data, int classes)
    {
        var counts = new int[classes];
        for (int i = 0; i < data.Count; i++)
            counts[data.Label(i)]++;
        return counts;
    }
}
