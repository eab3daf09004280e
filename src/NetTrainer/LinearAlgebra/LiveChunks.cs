// Which pieces of A's rows hold a nonzero, so that A·Bᵀ skips the rest (see Kernels.cs for the glossary).
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetTrainer.LinearAlgebra;

/// <summary>
/// For each row of a matrix A (m, k), one bit per whole 256-bit piece of the row (a chunk: Vector256&lt;T&gt;.Count
/// elements, the step of A·Bᵀ's dot products at every register width), set when an element of the chunk is not ±0.
/// The first layer's input x = pixel / 255 is zero over most of an MNIST image: a dot-product tile of 3 rows finds
/// 44% of its chunks zero in all three, and skips them.
/// </summary>
/// <remarks>
/// Skipping keeps the bits. A zero chunk's terms are 0 · b = ±0, and s + (±0) = s for every s but −0. A lane starts
/// at +0 and reaches −0 only when a product too small for a float rounds to it (a weight under about 1e−43 against a
/// pixel); a skipped +0 term would then have made it +0, and which terms a tile skips depends on its rows, so on the
/// width and the split. The kernels therefore store every finished sum as sum + 0, which is +0 for both zeros and the
/// sum itself otherwise (FinishRow, Epilogue): the same bits with or without skipping, on any width and thread count.
/// Only non-finite values could still tell (0 · ∞ is NaN where a skipped term gives nothing), and those are a diverged
/// network's, which its weights show.
/// </remarks>
internal sealed class LiveChunks
{
    private ulong[] bits = [];

    /// <summary>Whole chunks in a row of the matrix last marked.</summary>
    public int Chunks { get; private set; }

    /// <summary>64-bit words of bits per row.</summary>
    public int Words { get; private set; }

    /// <summary>Marks the chunks of <paramref name="a"/>'s rows that hold a nonzero; reuses its buffer when it is large enough.</summary>
    public void Mark<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count, k = a.Cols;
        uint all = (1u << w) - 1;
        Chunks = k / w;
        Words = WordsFor(Chunks);
        if (bits.Length < a.Rows * Words)
            bits = new ulong[a.Rows * Words];
        ref T a0 = ref a.Start;
        for (int r = 0; r < a.Rows; r++)
        {
            ref T row = ref Unsafe.Add(ref a0, r * k);
            for (int word = 0; word < Words; word++)
            {
                ulong mask = 0;
                for (int chunk = word * 64, last = Math.Min(Chunks, chunk + 64); chunk < last; chunk++)
                {
                    // No branch on whether a chunk is zero (along a stroke's edge it is a coin toss): its lanes that
                    // equal ±0, all w of them for a zero chunk, make the bit (all − zero + all) >> w.
                    uint zeros = Vector256.Equals(Vector256.LoadUnsafe(ref row, (nuint)(chunk * w)), Vector256<T>.Zero).ExtractMostSignificantBits();
                    mask |= (ulong)(((zeros ^ all) + all) >> w) << chunk; // a shift takes its count mod 64
                }
                bits[r * Words + word] = mask;
            }
        }
    }

    /// <summary>The chunks that hold a nonzero in any of rows <paramref name="row"/> .. row + rows − 1, into <paramref name="into"/> (Words long).</summary>
    public void Union(int row, int rows, Span<ulong> into)
    {
        ReadOnlySpan<ulong> first = bits.AsSpan(row * Words, Words);
        first.CopyTo(into);
        for (int r = row + 1; r < row + rows; r++)
        {
            ReadOnlySpan<ulong> next = bits.AsSpan(r * Words, Words);
            for (int word = 0; word < Words; word++)
                into[word] |= next[word];
        }
    }

    /// <summary>Every one of <paramref name="chunks"/> chunks, into <paramref name="into"/> (<see cref="WordsFor"/> long): a row taken whole.</summary>
    public static void All(int chunks, Span<ulong> into)
    {
        into.Fill(ulong.MaxValue);
        if (chunks % 64 != 0)
            into[^1] = (1UL << chunks % 64) - 1;
    }

    /// <summary>Words of bits for <paramref name="chunks"/> chunks.</summary>
    public static int WordsFor(int chunks) => (chunks + 63) / 64;
}
