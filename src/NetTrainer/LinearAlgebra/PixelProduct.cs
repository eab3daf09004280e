// zᵀ = xᵀ wᵀ for the first layer, straight from 8-bit pixels (see Kernels.cs for the glossary).
// An image's input x_p = pixel_p / 255 is zero wherever the pixel is (about 4 pixels in 5 of an MNIST digit), and a
// zero term adds nothing: z_j = Σ over the nonzero pixels p, in increasing p, of x_p · w_jp. The lanes run over the
// neurons j, so each z_j is a sum in one fixed order whatever the register width. Evaluation uses it: it needs the
// weighted inputs of many images and never the gathered x.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Diagnostics;
using NetTrainer.Data;

namespace NetTrainer.LinearAlgebra;

/// <summary>
/// wᵀ of a first layer laid out for <see cref="Kernels.MultiplyPixels{T}"/>: row p holds the weights of input p to
/// every neuron, padded with zeros to whole registers.
/// </summary>
public sealed class PixelWeights<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] packed = [];

    /// <summary>k, the inputs (pixels of an image) of the packed layer.</summary>
    internal int InputCount { get; private set; }

    /// <summary>n, the neurons of the packed layer.</summary>
    internal int Neurons { get; private set; }

    /// <summary>Neurons rounded up to whole registers: the length of each packed row.</summary>
    internal int Stride { get; private set; }

    internal T[] Packed => packed;

    /// <summary>Copies w (n, k) as wᵀ (k, Stride); reuses its buffer when the shape is unchanged.</summary>
    public void Pack(Matrix<T> w)
    {
        int lanes = Vector512<T>.Count; // whole registers at either width
        (Neurons, InputCount) = (w.Rows, w.Cols);
        Stride = (w.Rows + lanes - 1) / lanes * lanes;
        if (packed.Length != InputCount * Stride)
            packed = new T[InputCount * Stride]; // the padding columns stay zero
        for (int j = 0; j < Neurons; j++)
        {
            ReadOnlySpan<T> row = w.Row(j); // read w row by row, write wᵀ column by column
            for (int p = 0; p < InputCount; p++)
                packed[p * Stride + j] = row[p];
        }
    }
}

/// <summary>One image's nonzero pixels for <see cref="Kernels.MultiplyPixels{T}"/>: where each one's packed row starts, and its input x.</summary>
public sealed class PixelScratch<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Room for the nonzero pixels of an image of <paramref name="pixels"/> pixels.</summary>
    public PixelScratch(int pixels)
    {
        Offsets = new int[pixels];
        Xs = new T[pixels];
    }

    /// <summary>Pixels this scratch has room for.</summary>
    public int Pixels => Offsets.Length;

    internal int[] Offsets { get; }
    internal T[] Xs { get; }

    /// <summary>A register's lanes, for the last register of neurons, which reaches into the padding.</summary>
    internal T[] LastRegister { get; } = new T[Vector512<T>.Count];
}

/// <summary>
/// The nonzero pixels of images start .. start + count − 1 of a data set, listed once as
/// <see cref="Kernels.MultiplyPixels{T}"/> lists an image's (the offsets of their rows in a <see cref="PixelWeights{T}"/>
/// of the given stride, and their inputs x = pixel / 255) and kept, so that evaluating the same images again skips
/// the listing. Image i's entries are Starts[i] .. Starts[i + 1] − 1 (i counted from start).
/// </summary>
public sealed class NonzeroPixelLists<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private NonzeroPixelLists(int stride, int[] starts, int[] offsets, T[] xs) =>
        (Stride, Starts, Offsets, Xs) = (stride, starts, offsets, xs);

    internal int Stride { get; }
    internal int[] Starts { get; }
    internal int[] Offsets { get; }
    internal T[] Xs { get; }

    /// <summary>Lists the nonzero pixels of <paramref name="count"/> images from <paramref name="start"/>, for weights packed with <paramref name="stride"/>.</summary>
    public static NonzeroPixelLists<T> Of(Dataset images, int start, int count, int stride)
    {
        var starts = new int[count + 1];
        for (int i = 0; i < count; i++)
            starts[i + 1] = starts[i] + Kernels.CountNonzero(images.Image(start + i));
        // NonzeroPixels stores whole registers of 8 entries, one for every 8 pixels of a 32-pixel block with ink,
        // even 8 blank ones after the image's last ink: up to 8 entries from the one after its last (the next
        // image's entries then overwrite them; after the last image they land in this slack).
        const int slack = 8;
        var offsets = new int[starts[count] + slack];
        var xs = new T[starts[count] + slack];
        for (int i = 0; i < count; i++)
        {
            int listed = Kernels.ListNonzero(images.Image(start + i), stride, offsets.AsSpan(starts[i]), xs.AsSpan(starts[i]));
            Debug.Assert(listed == starts[i + 1] - starts[i]);
        }
        return new NonzeroPixelLists<T>(stride, starts, offsets, xs);
    }
}

public static partial class Kernels
{
    /// <summary>
    /// z (n) = w x for one image of 8-bit pixels (x_p = pixel_p / 255), with w packed in <paramref name="weights"/>:
    /// each z_j sums x_p · w_jp over the nonzero pixels in increasing p from zero, one multiply-add per term (fused
    /// where the CPU has FMA, see Simd.MultiplyAdd), the 1st, 3rd, 5th ... nonzero pixel in one sum and the 2nd,
    /// 4th ... in another, added at the end.
    /// </summary>
    public static void MultiplyPixels<T>(ReadOnlySpan<byte> pixels, PixelWeights<T> weights, Span<T> z, PixelScratch<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        PixelProduct(pixels, weights, z, scratch, vectors: true);

    // MultiplyPixels; vectors: false runs the plain loops that machines without 256-bit registers run (for the tests).
    internal static void PixelProduct<T>(ReadOnlySpan<byte> pixels, PixelWeights<T> weights, Span<T> z, PixelScratch<T> scratch,
        bool vectors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (pixels.Length != weights.InputCount || z.Length != weights.Neurons || scratch.Pixels < pixels.Length)
            throw new ArgumentException(
                $"MultiplyPixels: {pixels.Length} pixels, {z.Length} outputs and scratch for {scratch.Pixels} pixels do not fit a layer of {weights.Neurons} neurons with {weights.InputCount} inputs.");
        int count = NonzeroPixels(pixels, weights.Stride, scratch.Offsets, scratch.Xs, vectors);
        if (!vectors || !Simd.Enabled<T>())
        {
            PixelColumns(weights, scratch.Offsets, scratch.Xs, count, z);
            return;
        }
        ListedPixelProduct(weights, ref MemoryMarshal.GetArrayDataReference(scratch.Offsets), ref MemoryMarshal.GetArrayDataReference(scratch.Xs),
            count, z, scratch.LastRegister);
    }

    /// <summary>
    /// <see cref="MultiplyPixels{T}"/> for image <paramref name="image"/> of <paramref name="lists"/>, its nonzero
    /// pixels listed already: the same sums, without listing them again.
    /// </summary>
    internal static void MultiplyListedPixels<T>(NonzeroPixelLists<T> lists, int image, PixelWeights<T> weights, Span<T> z,
        PixelScratch<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (lists.Stride != weights.Stride || z.Length != weights.Neurons)
            throw new ArgumentException($"MultiplyListedPixels: pixels listed for rows of {lists.Stride}, {z.Length} outputs, weights of {weights.Neurons} neurons in rows of {weights.Stride}.");
        int first = lists.Starts[image], count = lists.Starts[image + 1] - first;
        if (!Simd.Enabled<T>())
        {
            PixelColumns(weights, lists.Offsets.AsSpan(first), lists.Xs.AsSpan(first), count, z);
            return;
        }
        ListedPixelProduct(weights, ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lists.Offsets), first),
            ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lists.Xs), first), count, z, scratch.LastRegister);
    }

    // z from `count` listed pixels: the offsets of their packed rows and their inputs x.
    private static void ListedPixelProduct<T>(PixelWeights<T> weights, ref int offsets, ref T inputs, int count, Span<T> z,
        T[] lastRegister)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Simd.Wide<T>())
            PixelTiles<T, Vector512<T>, Lanes512<T>>(weights, ref offsets, ref inputs, count, z, lastRegister);
        else
            PixelTiles<T, Vector256<T>, Lanes256<T>>(weights, ref offsets, ref inputs, count, z, lastRegister);
    }

    // Tiles of 4 registers, then one of 1 to 3; the last register may reach into the zero padding.
    private static void PixelTiles<T, TV, TL>(PixelWeights<T> weights, ref int offsets, ref T inputs, int count, Span<T> z,
        T[] lastRegister)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TL : struct, ILanes<T, TV>
    {
        int w = TL.Count, registers = (weights.Neurons + w - 1) / w * w, col = 0;
        for (; col + 4 * w <= registers; col += 4 * w)
            PixelTile<T, TV, TL, Four>(weights, ref offsets, ref inputs, count, z, col, lastRegister);
        switch ((registers - col) / w)
        {
            case 3: PixelTile<T, TV, TL, Three>(weights, ref offsets, ref inputs, count, z, col, lastRegister); break;
            case 2: PixelTile<T, TV, TL, Two>(weights, ref offsets, ref inputs, count, z, col, lastRegister); break;
            case 1: PixelTile<T, TV, TL, One>(weights, ref offsets, ref inputs, count, z, col, lastRegister); break;
        }
    }

    /// <summary>How many pixels of <paramref name="pixels"/> are nonzero.</summary>
    internal static int CountNonzero(ReadOnlySpan<byte> pixels)
    {
        int count = 0, p = 0;
        ref byte source = ref MemoryMarshal.GetReference(pixels);
        for (; p + Vector256<byte>.Count <= pixels.Length; p += Vector256<byte>.Count)
            count += BitOperations.PopCount(~Vector256.Equals(Vector256.LoadUnsafe(ref source, (nuint)p), Vector256<byte>.Zero).ExtractMostSignificantBits());
        for (; p < pixels.Length; p++)
            count += pixels[p] != 0 ? 1 : 0;
        return count;
    }

    /// <summary>Lists an image's nonzero pixels as MultiplyPixels does, into room for them and 8 more entries.</summary>
    internal static int ListNonzero<T>(ReadOnlySpan<byte> pixels, int stride, Span<int> offsets, Span<T> xs)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        NonzeroPixels(pixels, stride, offsets, xs, vectors: true);

    // NonzeroTable[8m .. 8m+7]: the positions of the set bits of the byte m, in increasing order (then zeros).
    private static readonly int[] NonzeroTable = Enumerable.Range(0, 256)
        .SelectMany(m => Enumerable.Range(0, 8).Where(bit => (m >> bit & 1) != 0).Concat(Enumerable.Repeat(0, 8)).Take(8))
        .ToArray();

    // Lists the nonzero pixels in increasing order, each as the offset p · stride of its packed row and its input
    // pixel / 255; returns how many. For float with AVX2 and FMA there is no branch per pixel: each group of 8 moves
    // the entries its mask byte selects to the front of a register (a permutation from NonzeroTable), stores the
    // whole register, and advances by the mask's population count (a branch on whether a pixel is ink would be
    // mispredicted along the edge of every stroke). The stores stay inside the scratch: a group's 8 entries start at
    // `count`, at most the group's first pixel, and the group ends inside the image.
    // offsets and xs hold pixels.Length entries (a scratch), or the image's nonzero pixels and 8 more (a list).
    private static int NonzeroPixels<T>(ReadOnlySpan<byte> pixels, int stride, Span<int> offsets, Span<T> xs, bool vectors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = 0, p = 0;
        if (vectors && typeof(T) == typeof(float) && Avx2.IsSupported && Fma.IsSupported)
        {
            ref byte source = ref MemoryMarshal.GetReference(pixels);
            ref int table = ref MemoryMarshal.GetArrayDataReference(NonzeroTable);
            ref int offset0 = ref MemoryMarshal.GetReference(offsets);
            ref float inputs = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(xs));
            Vector256<int> strides = Vector256.Create(stride);
            for (; p + Vector256<byte>.Count <= pixels.Length; p += Vector256<byte>.Count)
            {
                uint mask = ~Vector256.Equals(Vector256.LoadUnsafe(ref source, (nuint)p), Vector256<byte>.Zero).ExtractMostSignificantBits();
                if (mask == 0)
                    continue; // a blank stretch: the margins of a digit
                for (int group = p; group < p + Vector256<byte>.Count; group += 8, mask >>= 8)
                {
                    uint bits = mask & 0xFF;
                    Vector256<int> order = Vector256.LoadUnsafe(ref table, bits * 8);
                    ((order + Vector256.Create(group)) * strides).StoreUnsafe(ref offset0, (nuint)count);
                    Vector128<byte> eight = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, group))).AsByte();
                    Vector256<float> x = Batches.ScalePixels(Vector256.ConvertToSingle(Avx2.ConvertToVector256Int32(eight)));
                    Avx2.PermuteVar8x32(x, order).StoreUnsafe(ref inputs, (nuint)count);
                    count += BitOperations.PopCount(bits);
                }
            }
        }
        for (; p < pixels.Length; p++)
            if (pixels[p] != 0)
            {
                offsets[count] = p * stride;
                xs[count++] = Batches.Inputs<T>.OfPixel[pixels[p]];
            }
        return count;
    }

    // Up to 4 registers of neurons from col, kept in registers over all the nonzero pixels: two sets of
    // accumulators, one for the 1st, 3rd, 5th ... nonzero pixel and one for the 2nd, 4th ..., so that two chains of
    // dependent multiply-adds run at once; z = first + second. Lanes past the last neuron read the zero padding
    // and are not stored.
    private static void PixelTile<T, TV, TL, TRegisters>(PixelWeights<T> weights, ref int offsets, ref T inputs, int count, Span<T> z,
        int col, T[] lastRegister)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TL : struct, ILanes<T, TV>
        where TRegisters : struct, ITileSize
    {
        int regs = TRegisters.Count;
        nuint w = (nuint)TL.Count;
        TV s0 = default, s1 = default, s2 = default, s3 = default;
        TV t0 = default, t1 = default, t2 = default, t3 = default;
        ref T packed = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(weights.Packed), col);
        int i = 0;
        for (; i + 2 <= count; i += 2)
        {
            TV x = TL.Broadcast(Unsafe.Add(ref inputs, i)), y = TL.Broadcast(Unsafe.Add(ref inputs, i + 1));
            ref T row = ref Unsafe.Add(ref packed, Unsafe.Add(ref offsets, i));
            ref T next = ref Unsafe.Add(ref packed, Unsafe.Add(ref offsets, i + 1));
            s0 = TL.MultiplyAdd(x, TL.Load(ref row, 0), s0);
            t0 = TL.MultiplyAdd(y, TL.Load(ref next, 0), t0);
            if (regs > 1) s1 = TL.MultiplyAdd(x, TL.Load(ref row, w), s1);
            if (regs > 1) t1 = TL.MultiplyAdd(y, TL.Load(ref next, w), t1);
            if (regs > 2) s2 = TL.MultiplyAdd(x, TL.Load(ref row, 2 * w), s2);
            if (regs > 2) t2 = TL.MultiplyAdd(y, TL.Load(ref next, 2 * w), t2);
            if (regs > 3) s3 = TL.MultiplyAdd(x, TL.Load(ref row, 3 * w), s3);
            if (regs > 3) t3 = TL.MultiplyAdd(y, TL.Load(ref next, 3 * w), t3);
        }
        if (i < count) // an odd count: the last pixel joins the first set
        {
            TV x = TL.Broadcast(Unsafe.Add(ref inputs, i));
            ref T row = ref Unsafe.Add(ref packed, Unsafe.Add(ref offsets, i));
            s0 = TL.MultiplyAdd(x, TL.Load(ref row, 0), s0);
            if (regs > 1) s1 = TL.MultiplyAdd(x, TL.Load(ref row, w), s1);
            if (regs > 2) s2 = TL.MultiplyAdd(x, TL.Load(ref row, 2 * w), s2);
            if (regs > 3) s3 = TL.MultiplyAdd(x, TL.Load(ref row, 3 * w), s3);
        }
        int lanes = (int)w;
        StoreNeurons<T, TV, TL>(TL.Add(s0, t0), z, col, lastRegister);
        if (regs > 1) StoreNeurons<T, TV, TL>(TL.Add(s1, t1), z, col + lanes, lastRegister);
        if (regs > 2) StoreNeurons<T, TV, TL>(TL.Add(s2, t2), z, col + 2 * lanes, lastRegister);
        if (regs > 3) StoreNeurons<T, TV, TL>(TL.Add(s3, t3), z, col + 3 * lanes, lastRegister);
    }

    // The lanes of s that are neurons (z from col on), all of them when a whole register fits. No call here: a call
    // after the tile's loop made the JIT spill its accumulators inside the loop (a fifth slower on one thread).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreNeurons<T, TV, TL>(TV s, Span<T> z, int col, T[] lastRegister)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TL : struct, ILanes<T, TV>
    {
        if (col + TL.Count <= z.Length)
            TL.Store(s, ref MemoryMarshal.GetReference(z), (nuint)col);
        else
        {
            TL.Store(s, ref MemoryMarshal.GetArrayDataReference(lastRegister), 0);
            for (int j = col; j < z.Length; j++)
                z[j] = lastRegister[j - col];
        }
    }

    // Without 256-bit registers: each neuron's two sums one at a time, in the same order as PixelTile.
    private static void PixelColumns<T>(PixelWeights<T> weights, ReadOnlySpan<int> offsets, ReadOnlySpan<T> xs, int count, Span<T> z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < z.Length; j++)
        {
            T first = T.Zero, second = T.Zero;
            for (int i = 0; i < count; i++)
            {
                T term = weights.Packed[offsets[i] + j];
                if (i % 2 == 0)
                    first = Simd.MultiplyAdd(xs[i], term, first);
                else
                    second = Simd.MultiplyAdd(xs[i], term, second);
            }
            z[j] = first + second;
        }
    }
}
