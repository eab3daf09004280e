// Aᵀ·B: BP4, nablaW = δᵀ a, and the fused step C ← βC + αAᵀB (see Kernels.cs for the glossary).
using System.Numerics;

namespace NetTrainer.LinearAlgebra;

public static partial class Kernels
{
    /// <summary>C (m, n) = Aᵀ · B, with A (k, m) and B (k, n): row i of C is Σ_r A[r,i] · (row r of B).</summary>
    public static void TransposeMultiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shapes.RequireTransposeMultiply(a, b, c);
        CombineRows(a, coefficientRowStride: 1, coefficientTermStride: a.Cols, terms: a.Rows, b, c, Epilogue<T>.Store, threads);
    }

    /// <summary>
    /// C ← beta · C + alpha · Aᵀ · B, reading and writing C once (BLAS's sgemm update; beta = 0 ignores C). SGD uses it to apply
    /// BP4 and weight decay in one pass: w ← (1 - ηλ/n) w - (η/m) δᵀ a.
    /// </summary>
    public static void TransposeMultiplyUpdate<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, T alpha, T beta, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shapes.RequireTransposeMultiply(a, b, c);
        CombineRows(a, coefficientRowStride: 1, coefficientTermStride: a.Cols, terms: a.Rows, b, c, new Epilogue<T>(alpha, beta), threads);
    }
}
