// A·B: BP2, δᵀ = δ^{l+1}ᵀ w^{l+1} (see Kernels.cs for the glossary).
using System.Numerics;

namespace NetTrainer.LinearAlgebra;

public static partial class Kernels
{
    /// <summary>C (m, n) = A (m, k) · B (k, n): row i of C is Σ_r A[i,r] · (row r of B).</summary>
    public static void Multiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shapes.RequireMultiply(a, b, c);
        CombineRows(a, coefficientRowStride: a.Cols, coefficientTermStride: 1, terms: a.Cols, b, c, Epilogue<T>.Store, threads);
    }
}
