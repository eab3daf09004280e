// Glossary: see MiniBatch (m, x (m, n_0), y (m, n_L), labels (m)).
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Data;

/// <summary>Gathers examples of a <see cref="Dataset"/> into a <see cref="MiniBatch{T}"/>, in place.</summary>
public static class Batches
{
    /// <summary>The largest pixel value; inputs are pixel / MaxPixel, in [0, 1].</summary>
    public const int MaxPixel = 255;

    /// <summary>Fills <paramref name="batch"/> with the examples at <paramref name="indices"/>, one per row, in order.</summary>
    public static void Gather<T>(Dataset data, ReadOnlySpan<int> indices, MiniBatch<T> batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFits(data, indices.Length, batch);
        for (int j = 0; j < indices.Length; j++)
            GatherRow(data, indices[j], batch, j);
    }

    /// <summary>
    /// Asks the CPU to start loading the images at <paramref name="indices"/> into its caches, without waiting for
    /// them: the epoch loop names the next mini-batch's images while the current one trains. Shuffled, they are
    /// scattered over the whole data set (47 MB for MNIST), and a gather that waited for each of its cache lines
    /// from memory was a tenth of a 784,30,10 mini-batch 10 epoch. Changes nothing but timing.
    /// </summary>
    public static unsafe void Prefetch(Dataset data, ReadOnlySpan<int> indices)
    {
        if (!Sse.IsSupported)
            return;
        foreach (int index in indices)
        {
            ReadOnlySpan<byte> image = data.Image(index);
            fixed (byte* first = image)
            {
                for (int offset = 0; offset < image.Length; offset += CacheLine)
                    Sse.Prefetch0(first + offset);
                Sse.Prefetch0(first + image.Length - 1); // the last line, when the image does not start on one
            }
        }
    }

    private const int CacheLine = 64;

    /// <summary>Fills <paramref name="batch"/> with examples start .. start + m - 1, in order.</summary>
    public static void GatherRange<T>(Dataset data, int start, MiniBatch<T> batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFits(data, batch.Size, batch);
        for (int j = 0; j < batch.Size; j++)
            GatherRow(data, start + j, batch, j);
    }

    // Row j of the batch: x = pixels / 255, y = one-hot label.
    private static void GatherRow<T>(Dataset data, int index, MiniBatch<T> batch, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // byte -> T is exact and so is the rounding of one division: pixel / 255 exactly as the book's loader.
        Span<T> row = batch.X.Row(j);
        if (!ScaleFloatPixels(data.Image(index), row))
        {
            Widen(data.Image(index), row);
            TensorPrimitives.Divide(row, T.CreateChecked(MaxPixel), row);
        }
        batch.Labels[j] = Target(data, index, batch.Y.Row(j));
    }

    /// <summary>
    /// Fills only the targets of examples start .. start + m − 1, one-hot rows of <paramref name="y"/> (m, classes)
    /// and their <paramref name="labels"/> (m): for a pass that reads the pixels itself (Network.FeedforwardPixels).
    /// Called a chunk at a time, it checks nothing: its caller (Evaluator) checks the data's shape once per pass and
    /// makes y and labels to fit.
    /// </summary>
    internal static void GatherTargets<T>(Dataset data, int start, Matrix<T> y, Span<int> labels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < y.Rows; j++)
            labels[j] = Target(data, start + j, y.Row(j));
    }

    // y = the one-hot vector of example index's label; returns the label.
    private static int Target<T>(Dataset data, int index, Span<T> target) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int label = data.Label(index);
        target.Clear();
        target[label] = T.One;
        return label;
    }

    // Where data meets a network's shape: every mini-batch passes through here.
    private static void RequireFits<T>(Dataset data, int count, MiniBatch<T> batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireShape(data, batch.X.Cols, batch.Y.Cols);
        if (batch.Size != count)
            throw new ArgumentException($"A mini-batch of {batch.Size} does not hold {count} examples.", nameof(batch));
    }

    /// <summary>Throws unless a network with <paramref name="inputs"/> input and <paramref name="outputs"/> output neurons fits <paramref name="data"/>'s examples (also for passes that read the pixels themselves).</summary>
    internal static void RequireShape(Dataset data, int inputs, int outputs)
    {
        if (inputs != data.InputSize || outputs != data.ClassCount)
            throw new ArgumentException(
                $"A network whose input layer has {inputs} neurons and output layer {outputs} does not fit examples of " +
                $"{data.InputSize} pixels in {data.ClassCount} classes.", nameof(data));
    }

    /// <summary>x = pixel / 255 for each of the 256 pixel values, rounded once: the inputs a gather writes.</summary>
    internal static class Inputs<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly T[] OfPixel = Enumerable.Range(0, 256).Select(p => T.CreateChecked(p) / T.CreateChecked(MaxPixel)).ToArray();
    }

    /// <summary>1/255 rounded to float: the start of <see cref="ScaleFloatPixels{T}"/>'s quotient.</summary>
    private const float InverseMaxPixel = 1f / MaxPixel;

    // pixel / 255 in float without a divide (a divide is the gather's slowest step): q = p · (1/255) is off by one
    // unit in the last place for 126 of the 256 pixel values; one correction step, e = p − 255q (exact with FMA),
    // q' = q + e · (1/255), rounds every one of them exactly as the divide does (a test checks all 256). False when
    // T is not float or the CPU has no 256-bit FMA: the caller divides.
    private static bool ScaleFloatPixels<T>(ReadOnlySpan<byte> pixels, Span<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) != typeof(float) || !Vector256.IsHardwareAccelerated || !Fma.IsSupported)
            return false;
        Span<float> floats = MemoryMarshal.Cast<T, float>(row);
        ref byte source = ref MemoryMarshal.GetReference(pixels);
        ref float target = ref MemoryMarshal.GetReference(floats);
        int k = 0;
        for (; k + Vector128<byte>.Count <= pixels.Length; k += Vector128<byte>.Count)
        {
            (Vector128<ushort> low, Vector128<ushort> high) = Vector128.Widen(Vector128.LoadUnsafe(ref source, (nuint)k));
            (Vector256<uint> first, Vector256<uint> second) = Vector256.Widen(Vector256.Create(low, high));
            ScalePixels(Vector256.ConvertToSingle(first.AsInt32())).StoreUnsafe(ref target, (nuint)k);
            ScalePixels(Vector256.ConvertToSingle(second.AsInt32())).StoreUnsafe(ref target, (nuint)(k + Vector256<float>.Count));
        }
        for (; k < pixels.Length; k++)
            floats[k] = Inputs<float>.OfPixel[pixels[k]];
        return true;
    }

    /// <summary>pixel / 255 for 8 pixel values held as floats, rounded exactly as the divide rounds (see ScaleFloatPixels; needs FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ScalePixels(Vector256<float> p)
    {
        Vector256<float> inverse = Vector256.Create(InverseMaxPixel), minusMax = Vector256.Create(-(float)MaxPixel);
        Vector256<float> q = p * inverse;
        return Fma.MultiplyAdd(Fma.MultiplyAdd(q, minusMax, p), inverse, q);
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
}
