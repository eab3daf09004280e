// Glossary
//   n_in   inputs to a neuron (the columns of its weight matrix)
//   N(μ, σ²) a normal distribution
using System.Numerics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer;

/// <summary>How a fresh network's weights are drawn (Nielsen chapter 3, "Weight initialization").</summary>
public enum WeightInit
{
    /// <summary>Weights N(0, 1/n_in), biases N(0, 1): hidden neurons start unsaturated.</summary>
    Default,

    /// <summary>Weights and biases N(0, 1): the chapter 1 initialisation.</summary>
    Large,
}

internal static class WeightInitializer
{
    /// <summary>Fills one layer, weights row by row and then biases, drawing only from <paramref name="rng"/>.</summary>
    public static void Fill<T>(Matrix<T> weights, T[] biases, WeightInit init, Random rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double scale = init == WeightInit.Default ? 1.0 / Math.Sqrt(weights.Cols) : 1.0;
        Span<T> w = weights.AsSpan();
        for (int i = 0; i < w.Length; i++)
            w[i] = T.CreateChecked(scale * Gaussian.Next(rng));
        for (int i = 0; i < biases.Length; i++)
            biases[i] = T.CreateChecked(Gaussian.Next(rng));
    }
}

/// <summary>Standard normal samples from a seeded <see cref="Random"/>.</summary>
public static class Gaussian
{
    /// <summary>One N(0, 1) sample by the Box–Muller transform (uses two uniforms, returns one: simple and reproducible).</summary>
    public static double Next(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(); // in (0, 1], so the log is finite
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
