using NetTrainer.LinearAlgebra;

namespace NetTrainer.Tests.Gemm;

/// <summary>The marks A·Bᵀ skips by: a chunk (8 floats) is live when one of its elements is not ±0.</summary>
public class LiveChunksTests
{
    [Test]
    public void A_chunk_is_live_when_an_element_is_not_plus_or_minus_zero()
    {
        // Rows of 3 whole chunks and a scalar tail of 5, which is never marked (the dot products always add it).
        var a = new Matrix<float>(3, 29);
        a[0, 9] = -0f;            // chunk 1: only −0, so zero
        a[0, 20] = float.NaN;     // chunk 2: live (a NaN must reach C)
        a[0, 27] = 1f;            // the tail
        a[1, 3] = float.Epsilon;  // chunk 0: the smallest subnormal is live
        a[2, 16] = -1f;           // chunk 2
        var live = new LiveChunks();
        live.Mark(a);

        Assert.That((live.Chunks, live.Words), Is.EqualTo((3, 1)));
        Assert.That(Union(live, 0, 1), Is.EqualTo(0b100UL), "row 0: only the NaN's chunk");
        Assert.That(Union(live, 1, 1), Is.EqualTo(0b001UL), "row 1: the subnormal's chunk");
        Assert.That(Union(live, 0, 3), Is.EqualTo(0b101UL), "a tile of all three rows takes the chunks any of them needs");
    }

    [Test]
    public void Rows_longer_than_64_chunks_take_several_words()
    {
        var a = new Matrix<float>(2, 784); // 98 chunks: 2 words
        a[0, 0] = 1f;
        a[0, 97 * 8 + 7] = 1f; // the last chunk
        a[1, 64 * 8] = 1f; // chunk 64, the first of the second word
        var live = new LiveChunks();
        live.Mark(a);
        Span<ulong> both = stackalloc ulong[live.Words];
        live.Union(0, 2, both);
        Assert.That(both.ToArray(), Is.EqualTo(new[] { 1UL, 1UL | 1UL << 33 }));

        Span<ulong> all = stackalloc ulong[LiveChunks.WordsFor(98)];
        LiveChunks.All(98, all);
        Assert.That(all.ToArray(), Is.EqualTo(new[] { ulong.MaxValue, (1UL << 34) - 1 }), "a whole row: 98 chunks, no more");
    }

    [Test]
    public void Doubles_go_four_to_a_chunk_and_a_reused_buffer_forgets_the_last_matrix()
    {
        var live = new LiveChunks();
        var wide = new Matrix<float>(4, 784);
        wide.AsSpan().Fill(1f);
        live.Mark(wide); // every chunk live, in a buffer the next, smaller matrix reuses

        var a = new Matrix<double>(2, 10); // 2 whole chunks of 4 doubles, then a tail of 2
        a[0, 5] = -2.0;
        a[1, 0] = -0.0;
        live.Mark(a);
        Assert.That((live.Chunks, live.Words), Is.EqualTo((2, 1)));
        Assert.That(Union(live, 0, 1), Is.EqualTo(0b10UL), "row 0: its second chunk");
        Assert.That(Union(live, 1, 1), Is.Zero, "row 1: only −0");
    }

    private static ulong Union(LiveChunks live, int row, int rows)
    {
        Span<ulong> into = stackalloc ulong[live.Words];
        live.Union(row, rows, into);
        return into[0];
    }
}
