using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetTrainer.LinearAlgebra;

/// <summary>Vector helpers shared by the kernels; the typeof tests fold away when the JIT specialises T.</summary>
internal static class Simd
{
    /// <summary>True when the vector kernels run (on 256 or 512 bits); otherwise the kernels fall back to plain scalar loops.</summary>
    public static bool Enabled<T>() where T : unmanaged =>
        Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported;

    /// <summary>
    /// The register width the tests force (256 or 512; 0: what the CPU offers). A forced 512 on a CPU without
    /// AVX-512 runs .NET's software Vector512, slowly but with the same bits, so a test can run every path here.
    /// </summary>
    internal static int ForcedWidth;

    /// <summary>True when the kernels run on 512-bit registers: AVX-512 (with FMA) accelerated, or forced by a test.</summary>
    public static bool Wide<T>() where T : unmanaged =>
        Enabled<T>() && (ForcedWidth == 0 ? Vector512.IsHardwareAccelerated && Fma.IsSupported : ForcedWidth == 512);

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

/// <summary>
/// A register width as a type, so that a kernel is written once and compiled by the JIT once per width (TV is the
/// register, Vector256&lt;T&gt; or Vector512&lt;T&gt;). Every operation rounds each lane as the scalar form does, so
/// a width changes how many elements a step covers, never a result.
/// </summary>
internal interface ILanes<T, TV> where T : unmanaged, IFloatingPointIeee754<T> where TV : struct
{
    /// <summary>Elements per register.</summary>
    static abstract int Count { get; }

    static abstract TV Load(ref T source, nuint offset);

    static abstract void Store(TV value, ref T destination, nuint offset);

    static abstract TV Broadcast(T value);

    static abstract TV Add(TV a, TV b);

    static abstract TV Multiply(TV a, TV b);

    /// <summary>a * b + c per lane, rounded as <see cref="Simd.MultiplyAdd{T}(T, T, T)"/>.</summary>
    static abstract TV MultiplyAdd(TV a, TV b, TV c);

    /// <summary>
    /// For dot products, which keep 256-bit lane-wise sums at every width: the 256-bit pieces at x + offset in
    /// each of the rows a register holds (one row; with 512 bits also the row <paramref name="secondRow"/>
    /// elements further on).
    /// </summary>
    static abstract TV LoadRows(ref T x, nuint secondRow, nuint offset);

    /// <summary>
    /// The 256-bit piece at x + offset, repeated over the register. x must point into pinned memory: with AVX-512
    /// this is one broadcast load (vbroadcastf64x4), which takes a pointer; a shuffle instead would compete with the
    /// multiply-adds for their port.
    /// </summary>
    static abstract TV LoadRepeated(ref T x, nuint offset);

    /// <summary>Row <paramref name="row"/>'s 256-bit lane-wise sums of a register filled by <see cref="LoadRows"/>.</summary>
    static abstract Vector256<T> RowSums(TV value, int row);
}

internal readonly struct Lanes256<T> : ILanes<T, Vector256<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Multiply(Vector256<T> a, Vector256<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c) => Simd.MultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LoadRows(ref T x, nuint secondRow, nuint offset) => Vector256.LoadUnsafe(ref x, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LoadRepeated(ref T x, nuint offset) => Vector256.LoadUnsafe(ref x, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> RowSums(Vector256<T> value, int row) => value;
}

internal readonly struct Lanes512<T> : ILanes<T, Vector512<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> a, Vector512<T> b) => a * b;

    // Every CPU with AVX-512 has FMA; the unfused form only serves a forced 512 on a CPU without it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (Fma.IsSupported)
        {
            if (typeof(T) == typeof(float))
                return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
            if (typeof(T) == typeof(double))
                return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }
        return a * b + c;
    }

    // With AVX-512: the first row's load fills the lower half (the upper is left as it is) and one insert, reading the
    // second row from memory, fills the upper: one shuffle per register. Vector512.Create of two loads compiled to
    // two loads and two inserts, and on Intel the inserts share port 5 with half the FMAs (measured in the JIT's
    // output for x86-64-v4, through crossgen2: 6 inserts beside the 12 FMAs of a 3 x 4 tile's step).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LoadRows(ref T x, nuint secondRow, nuint offset) =>
        Avx512F.IsSupported
            ? Avx512F.InsertVector256(Vector256.LoadUnsafe(ref x, offset).AsDouble().ToVector512Unsafe(),
                Vector256.LoadUnsafe(ref x, secondRow + offset).AsDouble(), 1).As<double, T>()
            : Vector512.Create(Vector256.LoadUnsafe(ref x, offset), Vector256.LoadUnsafe(ref x, secondRow + offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector512<T> LoadRepeated(ref T x, nuint offset) =>
        Avx512F.IsSupported
            ? Avx512F.BroadcastVector256ToVector512((double*)Unsafe.AsPointer(ref Unsafe.Add(ref x, offset))).As<double, T>()
            : Vector512.Create(Vector256.LoadUnsafe(ref x, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> RowSums(Vector512<T> value, int row) => row == 0 ? value.GetLower() : value.GetUpper();
}
