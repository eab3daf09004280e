// Glossary
//   Eta, Lambda, L1   η, the L2 coefficient λ and the L1 coefficient λ₁ (both divided by n in the update)
//   Momentum          μ; WeightVelocity[l] (n_{l+1}, n_l) and BiasVelocity[l] (n_{l+1}) are the velocities v
using System.Numerics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer;

/// <summary>The settings of one general SGD step (see Network.UpdateMiniBatch with SgdStep), with its velocity buffers.</summary>
public sealed class SgdStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public SgdStep(IReadOnlyList<int> sizes, T eta, T lambda, T l1, T momentum)
    {
        Eta = eta;
        Lambda = lambda;
        L1 = l1;
        Momentum = momentum;
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

    /// <summary>The learning rate; the schedule lowers it between epochs.</summary>
    public T Eta { get; set; }

    public T Lambda { get; }
    public T L1 { get; }
    public T Momentum { get; }
    public Matrix<T>[]? WeightVelocity { get; }
    public T[][]? BiasVelocity { get; }
}
