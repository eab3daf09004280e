using System.Globalization;
using NetTrainer.Course;

namespace NetTrainer.Cli.Course;

/// <summary>Writes a <see cref="LabelLikelihood"/>: the network's log-likelihood, then the frequency model's, then why N p_i and why 1/N.</summary>
public static class LikelihoodText
{
    public static void Write(TextWriter output, string model, string set, LabelLikelihood l)
    {
        output.WriteLine($"Likelihood of the {N(l.N)} {set} labels under {model}:");
        output.WriteLine($"  log-likelihood  ℓ = Σ_x ln a_(y_x)(x) = {F(l.LogLikelihood, 2)}");
        output.WriteLine($"  average NLL    −ℓ / N = {F(l.AverageNll, 6)}  (the NLL cost per example, `evaluate`'s cost for an NLL network without L2)");
        output.WriteLine($"  likelihood      L = e^ℓ = {Power(l.LogLikelihood)}; per example e^(ℓ/N) = {F(Math.Exp(-l.AverageNll), 6)} (geometric mean of a_(y_x))");
        output.WriteLine();
        output.WriteLine("The frequency model ignores x and predicts q_i, class i's share of the training labels. Classes of the data:");
        output.WriteLine("  class      n_i    p_i = n_i/N   q_i (training)   −p_i ln q_i   −p_i ln p_i");
        foreach (ClassShare c in l.Classes)
            output.WriteLine($"  {c.Class,5}  {c.Count,7}    {F(c.P, 6),11}   {F(c.Q, 6),14}   {F(Term(c.P, c.Q), 6),11}   {F(Term(c.P, c.P), 6),11}");
        output.WriteLine($"  {"all",5}  {l.N,7}    {F(l.Classes.Sum(c => c.P), 6),11}   {F(l.Classes.Sum(c => c.Q), 6),14}   {F(l.CrossEntropy, 6),11}   {F(l.Entropy, 6),11}");
        output.WriteLine($"  likelihood     Π_i q_i^(n_i) = Π_i q_i^(N p_i) = {Power(l.FrequencyLogLikelihood)}");
        output.WriteLine($"  its logarithm  Σ_i n_i ln q_i = {F(l.FrequencyLogLikelihood, 2)} = −N H(p, q)");
        output.WriteLine($"  cross-entropy  H(p, q) = −Σ_i p_i ln q_i = {F(l.CrossEntropy, 6)} nats per example");
        output.WriteLine($"  entropy        H(p) = −Σ_i p_i ln p_i = {F(l.Entropy, 6)}: the floor of any constant model (H(p, q) ≥ H(p), equal iff q = p)");
        output.WriteLine($"  the network's average NLL {F(l.AverageNll, 4)} against the frequency model's {F(l.CrossEntropy, 4)}: " +
            $"the image is worth {F(l.CrossEntropy - l.AverageNll, 4)} nats per example.");
        output.WriteLine();
        output.WriteLine("Why the exponent is N p_i: examples are independent, so L = Π_x q_(y_x), and the n_i examples of class i each contribute q_i; n_i = N p_i.");
        output.WriteLine("Why divide by N: (1/N) ln L = Σ_i p_i ln q_i = −H(p, q), an average per example that does not grow with the data, so sets of any size compare.");
    }

    private static double Term(double p, double q) => p == 0 ? 0 : -p * Math.Log(q);

    // e^ℓ underflows a double for ℓ < −745: written as a power of ten instead.
    private static string Power(double logValue)
    {
        double log10 = logValue / Math.Log(10);
        double exponent = Math.Floor(log10);
        return $"{F(Math.Pow(10, log10 - exponent), 4)}e{exponent.ToString("0", CultureInfo.InvariantCulture)}";
    }

    private static string F(double v, int digits) => v.ToString("F" + digits, CultureInfo.InvariantCulture);

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
