// Glossary
//   p          the probability of dropping a neuron: --dropout for hidden layers, --input-dropout for the input
//   m          mini-batch size; one mask row per example
//   r^l        (m, n_l) the mask on a^l, l = 0 .. L-1: 0 (dropped) with probability p, else 1/(1 − p) (kept)
using System.Numerics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Training;

/// <summary>
/// Dropout (Nielsen, chapter 3; Srivastava et al. 2014): each step, every example drops each hidden neuron with
/// probability p (and each input pixel with its own p), by a fresh mask r^l the forward pass multiplies a^l by and
/// BP2 multiplies δ^l by (see <see cref="Network{T}.Feedforward"/>). The output layer is never dropped.
/// </summary>
/// <remarks>
/// Inverted dropout: a kept neuron is scaled by 1/(1 − p) while training, so that the expected input of the next layer
/// is what the plain network gives it; evaluation then uses the weights as they are. The book instead halves the
/// outgoing weights at test time (p = 1/2): the same expected input, with the scaling moved to the other side.
/// </remarks>
public sealed class Dropout<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double[] p;

    /// <summary>Masks for mini-batches of <paramref name="m"/> examples of a network of <paramref name="sizes"/>.</summary>
    public Dropout(IReadOnlyList<int> sizes, int m, double input, double hidden)
    {
        Require(input, nameof(input));
        Require(hidden, nameof(hidden));
        int layers = sizes.Count - 1;
        p = Enumerable.Range(0, layers).Select(l => l == 0 ? input : hidden).ToArray();
        Masks = Enumerable.Range(0, layers).Select(l => p[l] > 0 ? new Matrix<T>(m, sizes[l]) : null).ToArray();
    }

    /// <summary>True when either probability drops anything: with both 0 the run takes the plain step, bit for bit.</summary>
    public static bool IsOn(double input, double hidden) => input > 0 || hidden > 0;

    /// <summary>r^l for l = 0 .. L-1, null where nothing is dropped (the input with p = 0, or every layer of a 784,10 network but the input).</summary>
    public Matrix<T>?[] Masks { get; }

    /// <summary>Draws a fresh mask for every example: one uniform sample per neuron, in row order, from <paramref name="rng"/>.</summary>
    public void Draw(Random rng)
    {
        for (int l = 0; l < Masks.Length; l++)
        {
            if (Masks[l] is not { } r)
                continue;
            // 1/(1 − p) in double, rounded once: exact for p = 0.5 (2) and the scale the expectation asks for otherwise.
            T kept = T.CreateChecked(1 / (1 - p[l]));
            foreach (ref T v in r.AsSpan())
                v = rng.NextDouble() < p[l] ? T.Zero : kept;
        }
    }

    private static void Require(double probability, string name)
    {
        if (!(probability >= 0 && probability < 1))
            throw new ArgumentOutOfRangeException(name, probability, "a dropout probability must be at least 0 and below 1");
    }
}
