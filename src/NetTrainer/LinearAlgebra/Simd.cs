using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetTrainer.LinearAlgebra;

/// <summary>Vector helpers shared by the kernels; the typeof tests fold away when the JIT specialises T.</summary>
internal static class Simd
{
    /// <summary>True when the 256-bit kernels run; otherwise the kernels fall back to plain scalar loops.</summary>
    public static bool Enabled<T>() where T : unmanaged =>
        Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported;

    /// <summary>a * b + c, fused (one rounding) where the CPU has FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Fma.IsSupported)
        {
            if (typeof(T) == typeof(float))
                return Fma.MultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
            if (typeof(T) == typeof(double))
                return Fma.MultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }
        return a * b + c;
    }

    /// <summary>a * b + c for the scalar tails, rounded as <see cref="MultiplyAdd{T}(Vector256{T}, Vector256{T}, Vector256{T})"/> rounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd<T>(T a, T b, T c) where T : unmanaged, IFloatingPointIeee754<T> =>
        Fma.IsSupported ? T.FusedMultiplyAdd(a, b, c) : a * b + c;
}
