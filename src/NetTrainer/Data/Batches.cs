// Glossary
//   m        mini-batch size (rows of the batch matrices)
//   x        (m, n_0) inputs, one example per row, pixels scaled to [0, 1]; the book's X is its transpose
//   y        (m, n_L) one-hot targets, one example per row
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
            Widen(data.Image(indices[j]), row);
            TensorPrimitives.Divide(row, maxPixel, row);
            Span<T> target = y.Row(j);
            target.Clear();
            target[data.Label(indices[j])] = T.One;
        }
    }

    // bytes -> T, exactly. Float takes 16 pixels per step (TensorPrimitives.ConvertChecked allocates on each call).
    private static void Widen<T>(ReadOnlySpan<byte> pixels, Span<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = 0;
        if (typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated)
        {
            Span<float> floats = MemoryMarshal.Cast<T, float>(row);
            ref byte source = ref MemoryMarshal.GetReference(pixels);
            ref float target = ref MemoryMarshal.GetReference(floats);
            for (; k + Vector128<byte>.Count <= pixels.Length; k += Vector128<byte>.Count)
            {
                (Vector128<ushort> low, Vector128<ushort> high) = Vector128.Widen(Vector128.LoadUnsafe(ref source, (nuint)k));
                (Vector256<uint> first, Vector256<uint> second) = Vector256.Widen(Vector256.Create(low, high));
                Vector256.ConvertToSingle(first.AsInt32()).StoreUnsafe(ref target, (nuint)k);
                Vector256.ConvertToSingle(second.AsInt32()).StoreUnsafe(ref target, (nuint)(k + Vector256<float>.Count));
            }
        }
        for (; k < pixels.Length; k++)
            row[k] = T.CreateTruncating(pixels[k]);
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
