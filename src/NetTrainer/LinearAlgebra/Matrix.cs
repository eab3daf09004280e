// Glossary
//   Rows, Cols  the shape; storage is row-major: element (i, j) is Data[i * Cols + j]
//   T           float (training) or double (gradient checks): one implementation of the math for both
using System.Numerics;

namespace NetTrainer.LinearAlgebra;

/// <summary>A dense row-major matrix over a plain array, so kernels can walk rows as spans.</summary>
public sealed class Matrix<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A zeroed matrix of shape (<paramref name="rows"/>, <paramref name="cols"/>).</summary>
    public Matrix(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        Rows = rows;
        Cols = cols;
        Data = new T[checked(rows * cols)];
    }

    /// <summary>The number of rows: in the network's matrices, examples or the neurons of layer l+1.</summary>
    public int Rows { get; }
    /// <summary>The number of columns.</summary>
    public int Cols { get; }
    /// <summary>The Rows × Cols elements, row-major: element (i, j) is Data[i * Cols + j].</summary>
    public T[] Data { get; }

    /// <summary>Element (<paramref name="row"/>, <paramref name="col"/>), by reference.</summary>
    public ref T this[int row, int col] => ref Data[row * Cols + col];

    /// <summary>Row <paramref name="row"/>'s Cols elements, in place.</summary>
    public Span<T> Row(int row) => Data.AsSpan(row * Cols, Cols);

    /// <summary>All Rows × Cols elements, row-major, in place.</summary>
    public Span<T> AsSpan() => Data.AsSpan();

    /// <summary>A copy with its own array.</summary>
    public Matrix<T> Clone()
    {
        var copy = new Matrix<T>(Rows, Cols);
        Data.CopyTo(copy.Data, 0);
        return copy;
    }

    /// <summary>The shape, "Matrix(rows x cols)", for error messages.</summary>
    public override string ToString() => $"Matrix({Rows}x{Cols})";
}
