// Glossary
//   η, λ, λ₁, n   learning rate, L2 and L1 regularisation, training-set size
//   μ             momentum coefficient; v (WeightVelocity[l] (n_{l+1}, n_l), BiasVelocity[l] (n_{l+1})) the velocities
//   g             the step's gradient of the regularised cost: nablaW/m + (λ/n) w + (λ₁/n) sgn(w); biases nablaB/m
using System.Numerics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Training;

/// <summary>
/// Chapter 3's general step: with momentum μ, v ← μ v − η g and w ← w + v; with μ = 0, w ← w − η g. The L1 term
/// (λ₁/n) sgn(w) is why this rule, not the book's weight-decay step, runs whenever L1 is on.
/// </summary>
public sealed class MomentumSgd<T> : IUpdateRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A rule for layer sizes <paramref name="sizes"/> with η, λ, λ₁, μ and the training-set size <paramref name="n"/>; the velocities start at 0.</summary>
    public MomentumSgd(IReadOnlyList<int> sizes, T eta, T lambda, T l1, T momentum, int n)
    {
        Eta = eta;
        Lambda = lambda;
        L1 = l1;
        Momentum = momentum;
        TrainingSize = n;
        if (momentum == T.Zero)
            return;
        WeightVelocity = new Matrix<T>[sizes.Count - 1];
        BiasVelocity = new T[sizes.Count - 1][];
        for (int l = 0; l < WeightVelocity.Length; l++)
        {
            WeightVelocity[l] = new Matrix<T>(sizes[l + 1], sizes[l]);
            BiasVelocity[l] = new T[sizes[l + 1]];
        }
    }

    /// <inheritdoc/>
    public T Eta { get; set; }
    /// <summary>λ, the L2 regularisation strength (divided by n).</summary>
    public T Lambda { get; }
    /// <summary>λ₁, the L1 regularisation strength (divided by n).</summary>
    public T L1 { get; }
    /// <summary>μ, the momentum coefficient, 0..1; 0 is plain SGD.</summary>
    public T Momentum { get; }
    /// <summary>n, the training-set size that λ and λ₁ are divided by.</summary>
    public int TrainingSize { get; }

    /// <summary>The velocities v, null when μ = 0.</summary>
    public Matrix<T>[]? WeightVelocity { get; }
    /// <summary>BiasVelocity[l], (n_{l+1}): the biases' velocities; null when μ = 0.</summary>
    public T[][]? BiasVelocity { get; }

    /// <inheritdoc/>
    public void Apply(Network<T> network, Gradients<T> gradients, int m)
    {
        T invM = T.One / T.CreateChecked(m);
        T l2 = Lambda / T.CreateChecked(TrainingSize), l1 = L1 / T.CreateChecked(TrainingSize);
        for (int l = 0; l < network.LayerCount; l++)
        {
            LinearAlgebra.Update.MomentumStep(network.Weights[l].AsSpan(), gradients.NablaW[l].AsSpan(),
                WeightVelocity is null ? default : WeightVelocity[l].AsSpan(), invM, l2, l1, Momentum, Eta);
            Span<T> b = network.Biases[l], nablaB = gradients.NablaB[l];
            Span<T> vb = BiasVelocity is null ? default : BiasVelocity[l];
            for (int i = 0; i < b.Length; i++)
                b[i] = Step(nablaB[i] * invM, b[i], vb, i);
        }
    }

    // w − η g without momentum; else v ← μ v − η g, w + v.
    private T Step(T gradient, T parameter, Span<T> velocity, int i)
    {
        if (velocity.IsEmpty)
            return parameter - Eta * gradient;
        return parameter + (velocity[i] = Momentum * velocity[i] - Eta * gradient);
    }
}
