// Glossary
//   A, B, C    row-major matrices, shapes on each method as (rows, cols)
//   W          elements per register: Vector256<T>.Count (8 floats, 4 doubles) or, with AVX-512, Vector512<T>.Count
//              (16, 8); each kernel is written once over the width (ILanes, Simd.cs)
//   tile       a block of C computed in registers (12 accumulators + 4 operands): A·Bᵀ tiles 3 registers of rows
//              (a row each at 256 bits, two at 512) x 4 dot products, Aᵀ·B and A·B tile 3 output rows x 4
//              registers of columns. Rows go in threes (4 left over as 2 + 2, see Tiles.NextRows); leftover
//              columns get a tile 1 to 3 wide (Tiles.cs).
// Every element of C is summed in the same order whichever tile, thread or register width computes it, so the
// results do not depend on the thread count or the CPU's vectors. NaiveKernels is the reference these are tested
// against.
using System.Numerics;
using NetTrainer.Diagnostics;

namespace NetTrainer.LinearAlgebra;

/// <summary>
/// The three products backprop needs, vectorised and (for large shapes) spread over the cores, one per file:
/// MultiplyTransposed (A·Bᵀ), TransposeMultiply (Aᵀ·B, and its update form for the fused SGD step), Multiply (A·B),
/// the last two built on RowCombination; and MultiplyPixels (PixelProduct.cs), evaluation's first layer taken from
/// the nonzero pixels of an image. Training's first-layer products, whose operand x is mostly zeros, skip its zero
/// pieces (LiveChunks.cs) with the same bits.
/// </summary>
public static partial class Kernels
{
    /// <summary>
    /// The instructions the float32 kernels run on this machine, chosen at start-up from what the CPU offers:
    /// "Vector512 + FMA" (AVX-512), "Vector256 + FMA" (AVX2), "Vector256 (multiply, then add)" or "scalar" (the naive
    /// loops). Every path gives the same bits (see Simd.Wide).
    /// </summary>
    public static string Float32Path => Float32Width switch
    {
        null => "scalar",
        VectorWidth.Vector512 => "Vector512 + FMA",
        _ => System.Runtime.Intrinsics.X86.Fma.IsSupported ? "Vector256 + FMA" : "Vector256 (multiply, then add)",
    };

    /// <summary>The register width the float32 kernels run on, null for the scalar loops (<see cref="Float32Path"/>).</summary>
    public static VectorWidth? Float32Width =>
        !Simd.Enabled<float>() ? null : Simd.Wide<float>() ? VectorWidth.Vector512 : VectorWidth.Vector256;

    // One reusable job object per element type and calling thread: a split product allocates nothing.
    private static class Jobs<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic]
        public static MultiplyTransposedJob<T>? MultiplyTransposed;

        [ThreadStatic]
        public static CombineRowsJob<T>? CombineRows;
    }
}
