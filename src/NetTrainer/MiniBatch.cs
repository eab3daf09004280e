// Glossary
//   m        examples in the mini-batch (rows of X and Y)
//   X        (m, n_0) inputs, one example per row, pixels scaled to [0, 1]; the book's X is its transpose
//   Y        (m, n_L) one-hot targets, one example per row
//   Labels   (m) the class index of each example (the column of Y that holds 1)
using System.Numerics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer;

/// <summary>
/// The examples one SGD step learns from: inputs x, targets y and their labels. The epoch loop fills it
/// (<see cref="Data.Batches.Gather{T}"/>) and passes it to Feedforward and Backprop as a value.
/// </summary>
public sealed class MiniBatch<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Room for <paramref name="size"/> = m examples: X (m, n_0) with n_0 = <paramref name="inputSize"/>, Y (m, n_L) with n_L = <paramref name="classCount"/>.</summary>
    public MiniBatch(int size, int inputSize, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        X = new Matrix<T>(size, inputSize);
        Y = new Matrix<T>(size, classCount);
        Labels = new int[size];
    }

    /// <summary>A mini-batch shaped for <paramref name="network"/>'s input and output layers.</summary>
    public static MiniBatch<T> For(Network<T> network, int size) => new(size, network.InputSize, network.OutputSize);

    /// <summary>m, the number of examples.</summary>
    public int Size => X.Rows;

    /// <summary>(m, n_0) inputs x.</summary>
    public Matrix<T> X { get; }

    /// <summary>(m, n_L) one-hot targets y.</summary>
    public Matrix<T> Y { get; }

    /// <summary>(m) class indices.</summary>
    public int[] Labels { get; }
}
