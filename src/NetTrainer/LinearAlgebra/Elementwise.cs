using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetTrainer.LinearAlgebra;

/// <summary>f(x, y) for one element and, with the same operations in the same order, for a register of them.</summary>
internal interface IBinaryElementwise
{
    static abstract T Of<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T>;

    static abstract Vector256<T> Of<T>(Vector256<T> x, Vector256<T> y) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>Elementwise loops on 256-bit registers, the last elements one at a time: the same bits either way.</summary>
internal static class Elementwise
{
    /// <summary>result_i = f(x_i, y_i); <paramref name="result"/> may be <paramref name="y"/> itself.</summary>
    public static void Apply<T, TF>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TF : struct, IBinaryElementwise
    {
        if (x.Length != result.Length || y.Length != result.Length)
            throw new ArgumentException($"Elementwise: lengths {x.Length}, {y.Length} and {result.Length} differ.");
        int i = 0;
        if (Simd.Enabled<T>())
        {
            ref T x0 = ref MemoryMarshal.GetReference(x), y0 = ref MemoryMarshal.GetReference(y), r0 = ref MemoryMarshal.GetReference(result);
            for (; i + Vector256<T>.Count <= result.Length; i += Vector256<T>.Count)
                TF.Of(Vector256.LoadUnsafe(ref x0, (nuint)i), Vector256.LoadUnsafe(ref y0, (nuint)i)).StoreUnsafe(ref r0, (nuint)i);
        }
        for (; i < result.Length; i++)
            result[i] = TF.Of(x[i], y[i]);
    }
}
