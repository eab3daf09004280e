// Aᵀ·B: BP4, nablaW = δᵀ a, and the fused step C ← βC + αAᵀB (see Kernels.cs for the glossary).
using System.Numerics;

namespace NetTrainer.LinearAlgebra;

public static partial class Kernels
{
    /// <summary>C (m, n) = Aᵀ · B, with A (k, m) and B (k, n): row i of C is Σ_r A[r,i] · (row r of B).</summary>
    public static void TransposeMultiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        TransposeMultiply(a, b, c, threads, sparseB: false);

    /// <summary>
    /// Aᵀ · B; with <paramref name="sparseB"/>, for a B that is mostly zeros (BP4 on the first layer, B = x), B is
    /// copied in panels, which leave out the terms whose piece of B is zero (CombinePackedPanels), however few the
    /// terms, when C has the rows to repay the copy.
    /// </summary>
    internal static void TransposeMultiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, int threads, bool sparseB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shapes.RequireTransposeMultiply(a, b, c);
        CombineRows(a, coefficientRowStride: 1, coefficientTermStride: a.Cols, terms: a.Rows, b, c, Epilogue<T>.Store, threads, sparseB);
    }

    /// <summary>
    /// C ← beta · C + alpha · Aᵀ · B, reading and writing C once (BLAS's sgemm update; beta = 0 ignores C). SGD uses it to apply
    /// BP4 and weight decay in one pass: w ← (1 - ηλ/n) w - (η/m) δᵀ a.
    /// </summary>
    public static void TransposeMultiplyUpdate<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, T alpha, T beta, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        TransposeMultiplyUpdate(a, b, c, alpha, beta, threads, sparseB: false);

    /// <summary>C ← beta · C + alpha · Aᵀ · B; <paramref name="sparseB"/> as for <see cref="TransposeMultiply{T}(Matrix{T}, Matrix{T}, Matrix{T}, int, bool)"/>.</summary>
    internal static void TransposeMultiplyUpdate<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, T alpha, T beta, int threads, bool sparseB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shapes.RequireTransposeMultiply(a, b, c);
        CombineRows(a, coefficientRowStride: 1, coefficientTermStride: a.Cols, terms: a.Rows, b, c, new Epilogue<T>(alpha, beta), threads, sparseB);
    }
}
