// Glossary
//   m        mini-batch size (rows of the batch matrices)
//   x        (m, n_0) inputs, one example per row, pixels scaled to [0, 1]; the book's X is its transpose
//   y        (m, n_L) one-hot targets, one example per row
using System.Numerics;
using System.Numerics.Tensors;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Data;

/// <summary>Gathers examples of a <see cref="Dataset"/> into mini-batch matrices, in place.</summary>
public static class Batches
{
    /// <summary>The largest pixel value; inputs are pixel / MaxPixel, in [0, 1].</summary>
    public const int MaxPixel = 255;

    /// <summary>
    /// Fills the first indices.Length rows of <paramref name="x"/> with the scaled pixels and of
    /// <paramref name="y"/> with the one-hot labels of the examples at <paramref name="indices"/>.
    /// </summary>
    public static void Gather<T>(Dataset data, ReadOnlySpan<int> indices, Matrix<T> x, Matrix<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Cols != data.InputSize || y.Cols != data.ClassCount || x.Rows < indices.Length || y.Rows < indices.Length)
            throw new ArgumentException(
                $"Batch shapes x {x} and y {y} do not fit {indices.Length} examples of {data.InputSize} pixels and {data.ClassCount} classes.");
        T maxPixel = T.CreateChecked(MaxPixel);
        for (int j = 0; j < indices.Length; j++)
        {
            // byte -> T is exact and so is the rounding of one division: pixel / 255 exactly as the book's loader.
            Span<T> row = x.Row(j);
            TensorPrimitives.ConvertChecked<byte, T>(data.Image(indices[j]), row);
            TensorPrimitives.Divide(row, maxPixel, row);
            Span<T> target = y.Row(j);
            target.Clear();
            target[data.Label(indices[j])] = T.One;
        }
    }

    /// <summary>Gathers examples start .. start + count - 1 in order.</summary>
    public static void GatherRange<T>(Dataset data, int start, int count, Matrix<T> x, Matrix<T> y, Span<int> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<int> indices = scratch[..count];
        for (int j = 0; j < count; j++)
            indices[j] = start + j;
        Gather(data, indices, x, y);
    }
}
