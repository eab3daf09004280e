// Glossary
//   m        mini-batch size (rows of the batch matrices)
//   x        (m, n_0) inputs, one example per row, pixels scaled to [0, 1]; the book's X is its transpose
//   y        (m, n_L) one-hot targets, one example per row
using System.Numerics;
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
        ReadOnlySpan<T> scale = PixelScale<T>.Table;
        for (int j = 0; j < indices.Length; j++)
        {
            ReadOnlySpan<byte> image = data.Image(indices[j]);
            Span<T> row = x.Row(j);
            for (int k = 0; k < row.Length; k++)
                row[k] = scale[image[k]];
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

    // pixel / 255 for every byte value, computed once per element type: exact and branch-free.
    private static class PixelScale<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly T[] Table = Enumerable.Range(0, MaxPixel + 1)
            .Select(p => T.CreateChecked(p) / T.CreateChecked(MaxPixel))
            .ToArray();
    }
}
