// Glossary
//   Rows, Cols  the shape; storage is row-major: element (i, j) is AsSpan()[i * Cols + j]
//   T           float (training) or double (gradient checks): one implementation of the math for both
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetTrainer.LinearAlgebra;

/// <summary>
/// A dense row-major matrix, so kernels can walk rows as spans. Its elements start on a cache line (an
/// <see cref="AlignedBuffer{T}"/>): when a row is 16k floats long (784, 800), every row does, so a register load from
/// it never spans two lines and threads that split a product's columns on multiples of 16 write different lines.
/// </summary>
public sealed class Matrix<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly AlignedBuffer<T> storage;
    // storage's array and where its elements start, and their count: read on every access, one load away each
    private readonly T[] array;
    private readonly int offset, length;

    /// <summary>A zeroed matrix of shape (<paramref name="rows"/>, <paramref name="cols"/>).</summary>
    public Matrix(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        Rows = rows;
        Cols = cols;
        storage = new AlignedBuffer<T>(checked(rows * cols));
        (array, offset, length) = (storage.Array, storage.Offset, storage.Length);
    }

    /// <summary>The number of rows: in the network's matrices, examples or the neurons of layer l+1.</summary>
    public int Rows { get; }
    /// <summary>The number of columns.</summary>
    public int Cols { get; }

    /// <summary>Element (0, 0), on a 64-byte boundary: where the kernels start reading (the others follow row by row).</summary>
    internal ref T Start => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), offset);

    /// <summary>The elements' pinned, aligned storage (for kernels that read B in place or from a packed copy alike).</summary>
    internal AlignedBuffer<T> Storage => storage;

    /// <summary>Element (<paramref name="row"/>, <paramref name="col"/>), by reference.</summary>
    public ref T this[int row, int col] => ref AsSpan()[row * Cols + col];

    /// <summary>Row <paramref name="row"/>'s Cols elements, in place.</summary>
    public Span<T> Row(int row) => AsSpan().Slice(row * Cols, Cols);

    /// <summary>All Rows × Cols elements, row-major (element (i, j) at i * Cols + j), in place.</summary>
    public Span<T> AsSpan() => MemoryMarshal.CreateSpan(ref Start, length);

    /// <summary>A copy of the Rows × Cols elements, row-major, in an array of their own.</summary>
    public T[] ToArray() => AsSpan().ToArray();

    /// <summary>A copy with its own storage.</summary>
    public Matrix<T> Clone()
    {
        var copy = new Matrix<T>(Rows, Cols);
        AsSpan().CopyTo(copy.AsSpan());
        return copy;
    }

    /// <summary>The shape, "Matrix(rows x cols)", for error messages.</summary>
    public override string ToString() => $"Matrix({Rows}x{Cols})";
}
