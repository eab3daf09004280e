// Glossary
//   Rows, Cols  the shape; storage is row-major: element (i, j) is Data[i * Cols + j]
//   T           float (training) or double (gradient checks): one implementation of the math for both
using System.Numerics;

namespace NetTrainer.LinearAlgebra;

/// <summary>A dense row-major matrix over a plain array, so kernels can walk rows as spans.</summary>
public sealed class Matrix<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public Matrix(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        Rows = rows;
        Cols = cols;
        Data = new T[checked(rows * cols)];
    }

    public int Rows { get; }
    public int Cols { get; }
    public T[] Data { get; }

    public ref T this[int row, int col] => ref Data[row * Cols + col];

    public Span<T> Row(int row) => Data.AsSpan(row * Cols, Cols);

    public Span<T> AsSpan() => Data.AsSpan();

    public Matrix<T> Clone()
    {
        var copy = new Matrix<T>(Rows, Cols);
        Data.CopyTo(copy.Data, 0);
        return copy;
    }

    public override string ToString() => $"Matrix({Rows}x{Cols})";
}
