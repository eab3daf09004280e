// Glossary
//   m          the mini-batch size this workspace holds
using System.Numerics;
using NetTrainer.Activations;
using NetTrainer.LinearAlgebra;

namespace NetTrainer;

/// <summary>
/// Scratch for one forward and backward pass over m examples, allocated once and reused so that the training loop
/// allocates nothing per mini-batch. Data never travels through it: Feedforward takes x and returns the pass,
/// Backprop takes the pass and y and returns the gradients; both are written into this scratch, so a workspace's
/// results last until its next use.
/// </summary>
public sealed class Workspace<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Scratch for a network of layer sizes <paramref name="sizes"/> and <paramref name="batchSize"/> = m examples, whose products use <paramref name="threads"/> threads.</summary>
    public Workspace(IReadOnlyList<int> sizes, int batchSize, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        BatchSize = batchSize;
        Threads = threads;
        int layers = sizes.Count - 1;
        Zs = new Matrix<T>[layers];
        Activations = new Matrix<T>[layers + 1];
        for (int l = 0; l < layers; l++)
        {
            Zs[l] = new Matrix<T>(batchSize, sizes[l + 1]);
            Activations[l + 1] = new Matrix<T>(batchSize, sizes[l + 1]);
        }
        Gradients = new Gradients<T>(sizes, batchSize);
    }

    /// <summary>m, the examples this scratch holds (rows of its matrices).</summary>
    public int BatchSize { get; }

    /// <summary>Threads the products of a pass through this workspace may use (results do not depend on it).</summary>
    public int Threads { get; }

    // The buffers Feedforward writes (Activations[0] is set to the x it is given) and Backprop writes.
    internal Matrix<T>[] Zs { get; }
    internal Matrix<T>[] Activations { get; }
    internal Gradients<T> Gradients { get; }

    // The rows of a layer's bias and activation, a piece per thread (see Network.AddBiasAndActivate).
    internal LayerActivation<T> LayerActivation { get; } = new();

    // Under dropout: the buffers for a^l ⊙ r^l, and what each weights[l] read (a buffer, or a^l where no mask drops),
    // allocated on first use: a run without dropout never pays for them.
    private (Matrix<T>[] Buffers, Matrix<T>[] Inputs)? dropped;

    internal (Matrix<T>[] Buffers, Matrix<T>[] Inputs) Dropped => dropped ??= (
        Gradients.NablaW.Select(w => new Matrix<T>(BatchSize, w.Cols)).ToArray(), new Matrix<T>[Zs.Length]);
}

/// <summary>z += bᵀ and a = f(z) for a piece of a layer's rows (rows start .. end − 1).</summary>
internal sealed class LayerActivation<T> : IRowJob where T : unmanaged, IFloatingPointIeee754<T>
{
    public Matrix<T>? Z, A;
    public T[]? Biases;
    public IElementwiseActivation? Activation;

    public void Run(int start, int end)
    {
        Matrix<T> z = Z!;
        Network<T>.AddBias(z, Biases!, start, end);
        int first = start * z.Cols, count = (end - start) * z.Cols; // the rows' elements, row-major
        Activation!.Forward<T>(z.AsSpan().Slice(first, count), A!.AsSpan().Slice(first, count));
    }
}
