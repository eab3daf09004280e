// Glossary
//   x        (1, n_0) one input as a one-row mini-batch: pixel / 255, as training sees it
//   a^L      (n_L) the output activations of x
//   p        (n_L) a^L as probabilities over the classes
using System.Numerics;
using System.Numerics.Tensors;
using NetTrainer.Activations;
using NetTrainer.Data;
using NetTrainer.LinearAlgebra;

namespace NetTrainer;

/// <summary>What a network says about one input: a probability per class and the most probable class.</summary>
/// <param name="Label">argmax_j p_j, the class the network picks (the lowest index on a tie, as evaluation counts).</param>
/// <param name="Probabilities">p, (n_L): a^L scaled to sum to 1 (softmax outputs already do).</param>
public sealed record Classification<T>(int Label, T[] Probabilities) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The probability of the picked class.</summary>
    public T Confidence => Probabilities[Label];
}

/// <summary>One input at a time through a trained network: `network.Predict(image)` and `network.Classify(image)`.</summary>
public static class Prediction
{
    /// <summary>The output activations a^L of one input (n_0 values, already scaled as the training inputs were).</summary>
    public static T[] Predict<T>(this Network<T> network, ReadOnlySpan<T> input) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (input.Length != network.InputSize)
            throw new ArgumentException($"The network takes {network.InputSize} inputs; got {input.Length}.", nameof(input));
        var x = new Matrix<T>(1, network.InputSize);                                 // (1, n_0)
        input.CopyTo(x.Row(0));
        return network.Feedforward(x, network.CreateWorkspace(1)).Output.Row(0).ToArray(); // a^L (n_L)
    }

    /// <summary>The output activations a^L of one image of raw pixels (0..255), scaled by 1/255 as in training.</summary>
    public static T[] Predict<T>(this Network<T> network, ReadOnlySpan<byte> pixels) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
            x[i] = T.CreateChecked(pixels[i]) / T.CreateChecked(Batches.MaxPixel);     // the same rounding as Batches
        return network.Predict<T>(x);
    }

    /// <summary>The probabilities and the picked class of one input (scaled as the training inputs were).</summary>
    public static Classification<T> Classify<T>(this Network<T> network, ReadOnlySpan<T> input) where T : unmanaged, IFloatingPointIeee754<T> =>
        Classified(network, network.Predict(input));

    /// <summary>The probabilities and the picked class of one image of raw pixels (0..255).</summary>
    public static Classification<T> Classify<T>(this Network<T> network, ReadOnlySpan<byte> pixels) where T : unmanaged, IFloatingPointIeee754<T> =>
        Classified(network, network.Predict<T>(pixels));

    // Softmax outputs are already a distribution. Sigmoid outputs are one independent yes/no per class; dividing by
    // their sum makes them a distribution over the classes that keeps their order, so the argmax is the same.
    private static Classification<T> Classified<T>(Network<T> network, T[] a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] p = a;
        if (network.Output is not Softmax)
        {
            T sum = TensorPrimitives.Sum<T>(a);
            p = sum > T.Zero ? a.Select(v => v / sum).ToArray() : a.Select(_ => T.One / T.CreateChecked(a.Length)).ToArray();
        }
        return new Classification<T>(TensorPrimitives.IndexOfMax<T>(a), p);
    }
}
