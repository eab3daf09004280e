// Glossary
//   A, B, C    row-major matrices, shapes on each method as (rows, cols)
//   W          Vector256<T>.Count: 8 floats or 4 doubles per register
//   tile       a block of C computed in registers (16 ymm: 12 accumulators + 4 operands): A·Bᵀ tiles 3 x 4
//              dot products, Aᵀ·B and A·B tile 3 output rows x 4 registers of columns. Rows go in threes (4 left
//              over as 2 + 2, see Tiles.NextRows); leftover columns get a tile 1 to 3 wide (Tiles.cs).
// Every element of C is summed in the same order whichever tile or thread computes it, so the
// results do not depend on the thread count. NaiveKernels is the reference these are tested against.
using System.Numerics;

namespace NetTrainer.LinearAlgebra;

/// <summary>
/// The three products backprop needs, vectorised and (for large shapes) spread over the cores, one per file:
/// MultiplyTransposed (A·Bᵀ), TransposeMultiply (Aᵀ·B, and its update form for the fused SGD step), Multiply (A·B),
/// the last two built on RowCombination; and MultiplyPixels (PixelProduct.cs), evaluation's first layer taken from
/// the nonzero pixels of an image.
/// </summary>
public static partial class Kernels
{
    /// <summary>
    /// The instructions the float32 kernels run on this machine: "Vector256 + FMA", "Vector256 (multiply, then add)"
    /// or "scalar" (the naive loops). The kernels are written for Vector256 only, on every CPU.
    /// </summary>
    public static string Float32Path =>
        !Simd.Enabled<float>() ? "scalar" : System.Runtime.Intrinsics.X86.Fma.IsSupported ? "Vector256 + FMA" : "Vector256 (multiply, then add)";

    /// <summary>True when the float32 kernels run on 256-bit registers (<see cref="Float32Path"/>).</summary>
    public static bool Float32Vector256 => Simd.Enabled<float>();

    // One reusable job object per element type and calling thread: a split product allocates nothing.
    private static class Jobs<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic]
        public static MultiplyTransposedJob<T>? MultiplyTransposed;

        [ThreadStatic]
        public static CombineRowsJob<T>? CombineRows;
    }
}
