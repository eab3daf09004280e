using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Tests.Gemm;

/// <summary>
/// The buffers kernels pack for themselves start on a cache line (64 bytes), so that no register load from them spans
/// two lines: made zeroed, of the length asked for, and still on the boundary after the GC has compacted the heap.
/// </summary>
public class AlignedBufferTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(15)]
    [TestCase(784 * 32)]
    public void Starts_on_a_cache_line_with_room_for_the_length_asked_for(int length)
    {
        var buffers = new List<object>();
        for (int i = 0; i < 8; i++) // several in a row: they may land at any 8-byte offset of a line
        {
            var floats = new AlignedBuffer<float>(length);
            var doubles = new AlignedBuffer<double>(length);
            buffers.Add(floats);
            buffers.Add(doubles);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            AssertOnBoundary(floats, length);
            AssertOnBoundary(doubles, length);
        }
        GC.KeepAlive(buffers);
    }

    [Test]
    public void Packed_pixel_weights_start_on_a_cache_line_and_repacking_zeroes_the_padding()
    {
        var weights = new PixelWeights<float>();
        weights.Pack(KernelTests.Random<float>(32, 784, 1));
        weights.Pack(KernelTests.Random<float>(30, 784, 2)); // the same buffer: 32 neurons pad to the same stride
        Assert.That(StartAddress(weights.Packed) % AlignedBuffer<float>.Alignment, Is.Zero);
        Span<float> rows = weights.Packed.Span;
        for (int p = 0; p < 784; p++)
            Assert.That(rows.Slice(p * weights.Stride + 30, weights.Stride - 30).ToArray(), Is.All.Zero, $"padding of row {p}");
    }

    [Test]
    public void A_matrix_starts_on_a_cache_line_so_rows_of_16k_floats_do_too()
    {
        var matrices = new List<object>();
        for (int i = 0; i < 8; i++)
        {
            var m = new Matrix<float>(3, 32);
            var d = new Matrix<double>(2, 16);
            matrices.Add(m);
            matrices.Add(d);
            AssertOnBoundary(m.Storage, 3 * 32);
            AssertOnBoundary(d.Storage, 2 * 16);
            Assert.That(Unsafe.AreSame(ref m.Start, ref m[0, 0]), "Start is element (0, 0)");
            for (int row = 0; row < m.Rows; row++)
                Assert.That(Unsafe.AreSame(ref m.Row(row)[0], ref m.AsSpan()[row * m.Cols]), $"row {row} in place");
        }
        GC.KeepAlive(matrices);
    }

    private static void AssertOnBoundary<T>(AlignedBuffer<T> buffer, int length) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Assert.That(StartAddress(buffer) % AlignedBuffer<T>.Alignment, Is.Zero, typeof(T).Name);
        Assert.That(Unsafe.AreSame(ref buffer.Start, ref MemoryMarshal.GetReference(buffer.Span)), "Start is the Span's first element");
        Assert.That(buffer.Span.Length, Is.EqualTo(length));
        Assert.That(buffer.Span.ToArray(), Is.All.EqualTo(T.Zero));
    }

    // The address of the buffer's first element (its array is pinned already; the handle only reads the address).
    private static long StartAddress<T>(AlignedBuffer<T> buffer) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        GCHandle handle = GCHandle.Alloc(buffer.Array, GCHandleType.Pinned);
        try
        {
            return (long)handle.AddrOfPinnedObject() + (long)buffer.Offset * Unsafe.SizeOf<T>();
        }
        finally
        {
            handle.Free();
        }
    }
}
