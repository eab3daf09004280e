// Glossary
//   A, B, C   row-major matrices; shapes are given on each method as (rows, cols)
//   C = A·Bᵀ  C[i,j] = Σ_k A[i,k] B[j,k]
//   C = Aᵀ·B  C[i,j] = Σ_k A[k,i] B[k,j]
//   C = A·B   C[i,j] = Σ_k A[i,k] B[k,j]
using System.Numerics;

namespace NetTrainer.LinearAlgebra;

/// <summary>
/// The plain triple loops. They are the reference the fast <see cref="Kernels"/> are tested against,
/// and the readable statement of what each product means.
/// </summary>
public static class NaiveKernels
{
    /// <summary>C (m, n) = A (m, k) · Bᵀ, with B (n, k).</summary>
    public static void MultiplyTransposed<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shapes.RequireMultiplyTransposed(a, b, c);
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < b.Rows; j++)
            {
                T sum = T.Zero;
                for (int k = 0; k < a.Cols; k++)
                    sum += a[i, k] * b[j, k];
                c[i, j] = sum;
            }
    }

    /// <summary>C (m, n) = Aᵀ · B, with A (k, m) and B (k, n).</summary>
    public static void TransposeMultiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shapes.RequireTransposeMultiply(a, b, c);
        for (int i = 0; i < a.Cols; i++)
            for (int j = 0; j < b.Cols; j++)
            {
                T sum = T.Zero;
                for (int k = 0; k < a.Rows; k++)
                    sum += a[k, i] * b[k, j];
                c[i, j] = sum;
            }
    }

    /// <summary>C (m, n) = A (m, k) · B (k, n).</summary>
    public static void Multiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shapes.RequireMultiply(a, b, c);
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < b.Cols; j++)
            {
                T sum = T.Zero;
                for (int k = 0; k < a.Cols; k++)
                    sum += a[i, k] * b[k, j];
                c[i, j] = sum;
            }
    }
}

internal static class Shapes
{
    // Output rows are written while later rows of the inputs are still being read: C must be its own matrix.
    private static void RequireDistinct<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (ReferenceEquals(c, a) || ReferenceEquals(c, b))
            throw new ArgumentException("The product's output must not be one of its inputs.");
    }

    public static void RequireMultiplyTransposed<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Cols != b.Cols || c.Rows != a.Rows || c.Cols != b.Rows)
            throw new ArgumentException($"A·Bᵀ: shapes {a}, {b} do not give {c}.");
        RequireDistinct(a, b, c);
    }

    public static void RequireTransposeMultiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rows != b.Rows || c.Rows != a.Cols || c.Cols != b.Cols)
            throw new ArgumentException($"Aᵀ·B: shapes {a}, {b} do not give {c}.");
        RequireDistinct(a, b, c);
    }

    public static void RequireMultiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Cols != b.Rows || c.Rows != a.Rows || c.Cols != b.Cols)
            throw new ArgumentException($"A·B: shapes {a}, {b} do not give {c}.");
        RequireDistinct(a, b, c);
    }
}
