// Glossary
//   (y, x)   a point in pixel coordinates of the source image: row y, column x; pixel centres are the integers
//   outside  the image is black (0) beyond its edges, as MNIST's background
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetTrainer.Data.Augmentation;

/// <summary>
/// Reads a byte image at fractional points by bilinear interpolation of the four neighbours (Simard et al. 2003
/// use the same). At integer points the weights are exactly 1 and 0, so a map that sends every pixel onto a pixel
/// copies it unchanged.
/// </summary>
public static class BilinearSampler
{
    // A frame up to this many bytes lives on the stack; larger images take an array.
    private const int StackBytes = 8192;

    /// <summary>The image's value at row <paramref name="y"/>, column <paramref name="x"/> (pixel units, 0 beyond the edges), interpolated from the four neighbouring pixels and rounded to 0..255.</summary>
    public static byte Sample(ReadOnlySpan<byte> image, ImageShape shape, float y, float x)
    {
        float row0 = MathF.Floor(y), col0 = MathF.Floor(x);
        float fy = y - row0, fx = x - col0;
        int r = (int)row0, c = (int)col0;
        float value =
            (1 - fy) * ((1 - fx) * At(image, shape, r, c) + fx * At(image, shape, r, c + 1)) +
            fy * ((1 - fx) * At(image, shape, r + 1, c) + fx * At(image, shape, r + 1, c + 1));
        // Round to nearest: the weights sum to 1, so the value is in [0, 255] up to rounding.
        return (byte)Math.Clamp(MathF.Round(value), 0, byte.MaxValue);
    }

    /// <summary>
    /// Output pixel i = the source read at (ys[i], xs[i]); the same numbers as <see cref="Sample"/> pixel by pixel,
    /// without its bounds checks: the source is copied into a frame of zeros, one pixel wide above and left and two
    /// below and right, and points are clamped to [−1, Rows] x [−1, Cols], where every neighbour read is in the frame.
    /// With AVX2, eight pixels at a time in the same operations in the same order: one gather per row of neighbours
    /// (the four bytes at the left one hold the right one next), and none at all for eight points whose neighbours
    /// all lie outside the bounding box of the image's nonzero pixels (their value is exactly 0).
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised from the first image on (see Distortions)
    public static unsafe void Resample(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape,
        ReadOnlySpan<float> ys, ReadOnlySpan<float> xs)
    {
        int n = shape.Pixels, width = shape.Cols + 3, rows = shape.Rows;
        int size = (rows + 3) * width + sizeof(int); // a gather reads 4 bytes at a pixel, so 3 more after the last
        if (source.Length < n || destination.Length < n || ys.Length < n || xs.Length < n)
            throw new ArgumentException($"Expected {shape.Rows}x{shape.Cols} pixels and points, got {source.Length}, {destination.Length}, {ys.Length} and {xs.Length}.");
        Span<byte> framed = size <= StackBytes ? stackalloc byte[size] : new byte[size];
        framed.Clear();
        for (int r = 0; r < rows; r++)
            source.Slice(r * shape.Cols, shape.Cols).CopyTo(framed[((r + 1) * width + 1)..]);
        int i = 0;
        fixed (byte* frame = framed)
        {
            if (Avx2.IsSupported)
            {
                Ink ink = Ink.Of(source[..n], shape);
                for (; i + Vector256<float>.Count <= n; i += Vector256<float>.Count)
                    Gathered(frame, width, rows, shape.Cols, ys, xs, i, ink).StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)i);
            }
            for (; i < n; i++)
            {
                // A point clamped to −1 or Rows reads only zeros of the frame, as the unclamped point would.
                float y = Math.Clamp(ys[i], -1f, rows), x = Math.Clamp(xs[i], -1f, shape.Cols);
                float row0 = MathF.Floor(y), col0 = MathF.Floor(x);
                float fy = y - row0, fx = x - col0;
                byte* at = frame + ((int)row0 + 1) * width + (int)col0 + 1;
                float value = (1 - fy) * ((1 - fx) * at[0] + fx * at[1]) +
                              fy * ((1 - fx) * at[width] + fx * at[width + 1]);
                destination[i] = (byte)Math.Clamp(MathF.Round(value), 0, byte.MaxValue);
            }
        }
    }

    // Pixels i .. i + 7 of Resample's scalar loop, as vectors: the eight bytes in the low lanes of the result.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector64<byte> Gathered(byte* frame, int width, int rows, int cols,
        ReadOnlySpan<float> ys, ReadOnlySpan<float> xs, int i, in Ink ink)
    {
        Vector256<float> y = Vector256.Clamp(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(ys), (nuint)i), Vector256.Create(-1f), Vector256.Create((float)rows));
        Vector256<float> x = Vector256.Clamp(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(xs), (nuint)i), Vector256.Create(-1f), Vector256.Create((float)cols));
        Vector256<float> row0 = Vector256.Floor(y), col0 = Vector256.Floor(x);
        Vector256<float> fy = y - row0, fx = x - col0, one = Vector256<float>.One;
        // Eight points whose four neighbours all lie outside the ink's bounding box read only zeros: the sum below
        // would be exactly 0 (about half of a digit's frame is background).
        Vector256<float> blank = Vector256.LessThan(row0 + one, ink.Top) | Vector256.GreaterThan(row0, ink.Bottom) |
                                 Vector256.LessThan(col0 + one, ink.Left) | Vector256.GreaterThan(col0, ink.Right);
        if (blank.ExtractMostSignificantBits() == 0xFF)
            return Vector64<byte>.Zero;
        Vector256<int> at = (Vector256.ConvertToInt32(row0) + Vector256<int>.One) * width + Vector256.ConvertToInt32(col0) + Vector256<int>.One;
        // One gather per row: the four bytes at each lane's address hold its left neighbour and, next, its right.
        Vector256<int> top = Avx2.GatherVector256((int*)frame, at, 1), bottom = Avx2.GatherVector256((int*)(frame + width), at, 1);
        Vector256<float> topLeft = Byte(top), topRight = Byte(top >>> 8);
        Vector256<float> bottomLeft = Byte(bottom), bottomRight = Byte(bottom >>> 8);
        Vector256<float> value = (one - fy) * ((one - fx) * topLeft + fx * topRight) +
                                 fy * ((one - fx) * bottomLeft + fx * bottomRight);
        // Round to nearest, ties to even (as MathF.Round), then clamp: the same order as the scalar loop.
        Vector256<int> level = Vector256.ConvertToInt32(Vector256.Clamp(Vector256.Round(value), Vector256<float>.Zero, Vector256.Create((float)byte.MaxValue)));
        Vector256<short> halves = Vector256.Narrow(level, level);
        return Vector256.Narrow(halves.AsUInt16(), halves.AsUInt16()).GetLower().GetLower();
    }

    // The rows and columns of the image's nonzero pixels span Top..Bottom and Left..Right (each broadcast); an image
    // without ink has Top > Bottom, so every point is outside.
    private readonly struct Ink
    {
        public readonly Vector256<float> Top, Bottom, Left, Right;

        private Ink(int top, int bottom, int left, int right) =>
            (Top, Bottom, Left, Right) = (Vector256.Create((float)top), Vector256.Create((float)bottom), Vector256.Create((float)left), Vector256.Create((float)right));

        public static Ink Of(ReadOnlySpan<byte> image, ImageShape shape)
        {
            int top = shape.Rows, bottom = -1, left = shape.Cols, right = -1;
            for (int r = 0; r < shape.Rows; r++)
            {
                ReadOnlySpan<byte> row = image.Slice(r * shape.Cols, shape.Cols);
                int first = row.IndexOfAnyExcept((byte)0);
                if (first < 0)
                    continue;
                (top, bottom) = (Math.Min(top, r), r);
                (left, right) = (Math.Min(left, first), Math.Max(right, row.LastIndexOfAnyExcept((byte)0)));
            }
            return new Ink(top, bottom, left, right);
        }
    }

    // The low byte of each lane, as a float.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Byte(Vector256<int> gathered) =>
        Vector256.ConvertToSingle(gathered & Vector256.Create((int)byte.MaxValue));

    /// <summary>Output pixel i = the source read where one draw of <paramref name="map"/> sends pixel i's own point.</summary>
    public static void Resample(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape, IImageTransform map, Random rng) =>
        Resample(source, destination, shape, (ys, xs) => map.Map(ys, xs, shape, rng));

    /// <summary>Moves the sampling points (row and column of every output pixel) in place.</summary>
    public delegate void PointMove(Span<float> ys, Span<float> xs);

    /// <summary>Output pixel i = the source read where <paramref name="move"/> sends pixel i's own point.</summary>
    public static void Resample(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape, PointMove move)
    {
        var ys = new float[shape.Pixels];
        var xs = new float[shape.Pixels];
        shape.Grid(ys, xs);
        move(ys, xs);
        Resample(source, destination, shape, ys, xs);
    }

    private static float At(ReadOnlySpan<byte> image, ImageShape shape, int r, int c) =>
        (uint)r >= (uint)shape.Rows || (uint)c >= (uint)shape.Cols ? 0 : image[r * shape.Cols + c];
}
