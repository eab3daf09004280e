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
using NetTrainer.Data;

namespace NetTrainer.LinearAlgebra;

/// <summary>
/// wᵀ of a first layer laid out for <see cref="Kernels.MultiplyPixels{T}"/>: row p holds the weights of input p to
/// every neuron, padded with zeros to whole registers.
/// </summary>
public sealed class PixelWeights<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private AlignedBuffer<T> packed = new(0);

    /// <summary>k, the inputs (pixels of an image) of the packed layer.</summary>
    internal int InputCount { get; private set; }

    /// <summary>n, the neurons of the packed layer.</summary>
    internal int Neurons { get; private set; }

    /// <summary>Neurons rounded up to whole registers: the length of each packed row.</summary>
    internal int Stride { get; private set; }

    /// <summary>The packed rows, from a cache line on (a 4-register tile of a 784,30 layer reads two whole lines a pixel).</summary>
    internal AlignedBuffer<T> Packed => packed;

    /// <summary>Copies w (n, k) as wᵀ (k, Stride), padding zero; reuses its buffer when the size is unchanged.</summary>
    public void Pack(Matrix<T> w)
    {
        int lanes = Vector512<T>.Count; // whole registers at either width
        (Neurons, InputCount) = (w.Rows, w.Cols);
        Stride = (w.Rows + lanes - 1) / lanes * lanes;
        bool reused = packed.Length == InputCount * Stride;
        if (!reused)
            packed = new AlignedBuffer<T>(InputCount * Stride); // zeroed
        Span<T> rows = packed.Span;
        if (reused && Stride > Neurons) // another layer of the same size may have left weights in the padding
            for (int p = 0; p < InputCount; p++)
                rows.Slice(p * Stride + Neurons, Stride - Neurons).Clear();
        for (int j = 0; j < Neurons; j++)
        {
            ReadOnlySpan<T> row = w.Row(j); // read w row by row, write wᵀ column by column
            for (int p = 0; p < InputCount; p++)
                rows[p * Stride + j] = row[p];
        }
    }
}

/// <summary>One image's nonzero pixels for <see cref="Kernels.MultiplyPixels{T}"/>: their positions p in the image.</summary>
public sealed class PixelScratch<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Room for the nonzero pixels of an image of <paramref name="pixels"/> pixels.</summary>
    public PixelScratch(int pixels) => Positions = new int[pixels];

    /// <summary>Pixels this scratch has room for.</summary>
    public int Pixels => Positions.Length;

    internal int[] Positions { get; }

    /// <summary>A register's lanes, for the last register of neurons, which reaches into the padding.</summary>
    internal T[] LastRegister { get; } = new T[Vector512<T>.Count];
}

/// <summary>
/// The positions of the nonzero pixels of images start .. start + count − 1 of a data set (images of at most 65,536
/// pixels), listed once as <see cref="Kernels.MultiplyPixels{T}"/> lists an image's and kept, 2 bytes each, so that
/// evaluating the same images again skips the listing. Image i's entries are Starts[i] .. Starts[i + 1] − 1 (i
/// counted from start).
/// </summary>
public sealed class NonzeroPixelLists
{
    /// <summary>The largest image whose pixel positions fit the lists' 16 bits.</summary>
    public const int MaxPixels = ushort.MaxValue + 1;

    private NonzeroPixelLists(int[] starts, ushort[] positions) => (Starts, Positions) = (starts, positions);

    internal int[] Starts { get; }
    internal ushort[] Positions { get; }

    /// <summary>Lists the nonzero pixels of <paramref name="count"/> images from <paramref name="start"/>.</summary>
    public static NonzeroPixelLists Of(Dataset images, int start, int count)
    {
        if (images.InputSize > MaxPixels)
            throw new ArgumentException($"Images of {images.InputSize} pixels are too large to list (at most {MaxPixels}).");
        var starts = new int[count + 1];
        var listed = new ushort[count * images.InputSize]; // room for every pixel; trimmed below
        var scratch = new int[images.InputSize];
        for (int i = 0; i < count; i++)
        {
            int nonzero = Kernels.ListNonzero(images.Image(start + i), scratch);
            for (int e = 0; e < nonzero; e++)
                listed[starts[i] + e] = (ushort)scratch[e];
            starts[i + 1] = starts[i] + nonzero;
        }
        ushort[] positions = listed.AsSpan(0, starts[count]).ToArray();
        return new NonzeroPixelLists(starts, positions);
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
        int count = NonzeroPixels(pixels, scratch.Positions, vectors);
        if (!vectors || !Simd.Enabled<T>())
            PixelColumns<T, int>(weights, pixels, scratch.Positions, count, z);
        else
            ListedPixelProduct(weights, pixels, ref MemoryMarshal.GetArrayDataReference(scratch.Positions), count, z, scratch.LastRegister);
    }

    /// <summary>
    /// <see cref="MultiplyPixels{T}"/> for image <paramref name="image"/> of <paramref name="lists"/>, whose pixels are
    /// <paramref name="pixels"/> and whose nonzero pixels are listed already: the same sums, without listing them again.
    /// </summary>
    internal static void MultiplyListedPixels<T>(NonzeroPixelLists lists, int image, ReadOnlySpan<byte> pixels,
        PixelWeights<T> weights, Span<T> z, PixelScratch<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (pixels.Length != weights.InputCount || z.Length != weights.Neurons)
            throw new ArgumentException(
                $"MultiplyListedPixels: {pixels.Length} pixels and {z.Length} outputs do not fit a layer of {weights.Neurons} neurons with {weights.InputCount} inputs.");
        int first = lists.Starts[image], count = lists.Starts[image + 1] - first;
        if (!Simd.Enabled<T>())
            PixelColumns<T, ushort>(weights, pixels, lists.Positions.AsSpan(first, count), count, z);
        else
            ListedPixelProduct(weights, pixels, ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lists.Positions), first),
                count, z, scratch.LastRegister);
    }

    // z from the `count` nonzero pixels at the listed positions of an image.
    private static void ListedPixelProduct<T, TPosition>(PixelWeights<T> weights, ReadOnlySpan<byte> pixels, ref TPosition positions,
        int count, Span<T> z, T[] lastRegister)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TPosition : unmanaged, IBinaryInteger<TPosition>
    {
        if (Simd.Wide<T>())
            PixelTiles<T, Vector512<T>, Lanes512<T>, TPosition>(weights, pixels, ref positions, count, z, lastRegister);
        else
            PixelTiles<T, Vector256<T>, Lanes256<T>, TPosition>(weights, pixels, ref positions, count, z, lastRegister);
    }

    // Tiles of 4 registers, then one of 1 to 3; the last register may reach into the zero padding.
    private static void PixelTiles<T, TV, TL, TPosition>(PixelWeights<T> weights, ReadOnlySpan<byte> pixels, ref TPosition positions,
        int count, Span<T> z, T[] lastRegister)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TL : struct, ILanes<T, TV>
        where TPosition : unmanaged, IBinaryInteger<TPosition>
    {
        int w = TL.Count, registers = (weights.Neurons + w - 1) / w * w, col = 0;
        ref byte image = ref MemoryMarshal.GetReference(pixels);
        for (; col + 4 * w <= registers; col += 4 * w)
            PixelTile<T, TV, TL, Four, TPosition>(weights, ref image, ref positions, count, z, col, lastRegister);
        switch ((registers - col) / w)
        {
            case 3: PixelTile<T, TV, TL, Three, TPosition>(weights, ref image, ref positions, count, z, col, lastRegister); break;
            case 2: PixelTile<T, TV, TL, Two, TPosition>(weights, ref image, ref positions, count, z, col, lastRegister); break;
            case 1: PixelTile<T, TV, TL, One, TPosition>(weights, ref image, ref positions, count, z, col, lastRegister); break;
        }
    }

    /// <summary>Lists an image's nonzero pixels as MultiplyPixels does, into room for pixels.Length positions.</summary>
    internal static int ListNonzero(ReadOnlySpan<byte> pixels, Span<int> positions) => NonzeroPixels(pixels, positions, vectors: true);

    // NonzeroTable[8m .. 8m+7]: the positions of the set bits of the byte m, in increasing order (then zeros).
    private static readonly int[] NonzeroTable = Enumerable.Range(0, 256)
        .SelectMany(m => Enumerable.Range(0, 8).Where(bit => (m >> bit & 1) != 0).Concat(Enumerable.Repeat(0, 8)).Take(8))
        .ToArray();

    // Lists the positions of the nonzero pixels in increasing order into `positions` (room for pixels.Length);
    // returns how many. With AVX2 there is no branch per pixel: each group of 8 moves the positions its mask byte
    // selects to the front of a register (a permutation from NonzeroTable), stores the whole register, and advances
    // by the mask's population count (a branch on whether a pixel is ink would be mispredicted along the edge of
    // every stroke). The stores stay inside `positions`: a group's 8 entries start at `count`, at most the group's
    // first pixel, and the group ends inside the image.
    private static int NonzeroPixels(ReadOnlySpan<byte> pixels, Span<int> positions, bool vectors)
    {
        int count = 0, p = 0;
        if (vectors && Avx2.IsSupported)
        {
            ref byte source = ref MemoryMarshal.GetReference(pixels);
            ref int table = ref MemoryMarshal.GetArrayDataReference(NonzeroTable);
            ref int position0 = ref MemoryMarshal.GetReference(positions);
            for (; p + Vector256<byte>.Count <= pixels.Length; p += Vector256<byte>.Count)
            {
                uint mask = ~Vector256.Equals(Vector256.LoadUnsafe(ref source, (nuint)p), Vector256<byte>.Zero).ExtractMostSignificantBits();
                if (mask == 0)
                    continue; // a blank stretch: the margins of a digit
                for (int group = p; group < p + Vector256<byte>.Count; group += 8, mask >>= 8)
                {
                    uint bits = mask & 0xFF;
                    (Vector256.LoadUnsafe(ref table, bits * 8) + Vector256.Create(group)).StoreUnsafe(ref position0, (nuint)count);
                    count += BitOperations.PopCount(bits);
                }
            }
        }
        for (; p < pixels.Length; p++)
            if (pixels[p] != 0)
                positions[count++] = p;
        return count;
    }

    // Up to 4 registers of neurons from col, kept in registers over all the nonzero pixels: two sets of
    // accumulators, one for the 1st, 3rd, 5th ... nonzero pixel and one for the 2nd, 4th ..., so that two chains of
    // dependent multiply-adds run at once; z = first + second. Each pixel's input x = pixel / 255 comes from
    // Batches.Inputs.OfPixel, its weights from row p of the packed wᵀ. Lanes past the last neuron read the zero
    // padding and are not stored.
    private static void PixelTile<T, TV, TL, TRegisters, TPosition>(PixelWeights<T> weights, ref byte image, ref TPosition positions,
        int count, Span<T> z, int col, T[] lastRegister)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TL : struct, ILanes<T, TV>
        where TRegisters : struct, ITileSize
        where TPosition : unmanaged, IBinaryInteger<TPosition>
    {
        int regs = TRegisters.Count, stride = weights.Stride;
        nuint w = (nuint)TL.Count;
        TV s0 = default, s1 = default, s2 = default, s3 = default;
        TV t0 = default, t1 = default, t2 = default, t3 = default;
        ref T packed = ref Unsafe.Add(ref weights.Packed.Start, col);
        ref T inputs = ref MemoryMarshal.GetArrayDataReference(Batches.Inputs<T>.OfPixel);
        int i = 0;
        for (; i + 2 <= count; i += 2)
        {
            int p = int.CreateTruncating(Unsafe.Add(ref positions, i)), q = int.CreateTruncating(Unsafe.Add(ref positions, i + 1));
            TV x = TL.Broadcast(Unsafe.Add(ref inputs, Unsafe.Add(ref image, p))), y = TL.Broadcast(Unsafe.Add(ref inputs, Unsafe.Add(ref image, q)));
            ref T row = ref Unsafe.Add(ref packed, p * stride);
            ref T next = ref Unsafe.Add(ref packed, q * stride);
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
            int p = int.CreateTruncating(Unsafe.Add(ref positions, i));
            TV x = TL.Broadcast(Unsafe.Add(ref inputs, Unsafe.Add(ref image, p)));
            ref T row = ref Unsafe.Add(ref packed, p * stride);
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
    private static void PixelColumns<T, TPosition>(PixelWeights<T> weights, ReadOnlySpan<byte> pixels, ReadOnlySpan<TPosition> positions,
        int count, Span<T> z)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TPosition : unmanaged, IBinaryInteger<TPosition>
    {
        Span<T> packed = weights.Packed.Span;
        for (int j = 0; j < z.Length; j++)
        {
            T first = T.Zero, second = T.Zero;
            for (int i = 0; i < count; i++)
            {
                int p = int.CreateTruncating(positions[i]);
                T x = Batches.Inputs<T>.OfPixel[pixels[p]], term = packed[p * weights.Stride + j];
                if (i % 2 == 0)
                    first = Simd.MultiplyAdd(x, term, first);
                else
                    second = Simd.MultiplyAdd(x, term, second);
            }
            z[j] = first + second;
        }
    }
}
