// Glossary
//   a, y     the outputs and targets of a batch, read as one span each (see ICost)
//   term     one element's share of the cost, e.g. −[y ln a + (1 − y) ln(1 − a)] for cross-entropy
//   lanes    the 256-bit register's elements (8 floats, 4 doubles); lane k sums the terms k, k + 8, ...
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Costs;

/// <summary>A cost's per-element terms, a register at a time.</summary>
internal interface ICostTerms
{
    static abstract Vector256<T> Terms<T>(Vector256<T> a, Vector256<T> y) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>
/// Σ over the elements of a cost's term, on 256-bit registers whatever the CPU's widest: each lane sums its terms in
/// order, then Vector256.Sum adds the lanes. The last elements (fewer than a register) go through the same vector
/// code, padded, with the padding's terms replaced by zero, so an element's term never depends on where it sits and
/// a sum never on the CPU. The logs are .NET's vector logs (within 2 ulp), not the scalar ones of the plain loops
/// that machines without 256-bit registers run.
/// </summary>
internal static class CostLanes
{
    public static T Sum<T, TTerms>(Matrix<T> a, Matrix<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTerms : struct, ICostTerms
    {
        ReadOnlySpan<T> av = a.AsSpan(), yv = y.AsSpan();
        if (av.Length != yv.Length)
            throw new ArgumentException($"Outputs {a} and targets {y} differ in shape.", nameof(y));
        int w = Vector256<T>.Count, i = 0;
        ref T a0 = ref MemoryMarshal.GetReference(av), y0 = ref MemoryMarshal.GetReference(yv);
        Vector256<T> sums = Vector256<T>.Zero;
        for (; i + w <= av.Length; i += w)
            sums += TTerms.Terms(Vector256.LoadUnsafe(ref a0, (nuint)i), Vector256.LoadUnsafe(ref y0, (nuint)i));
        if (i < av.Length)
        {
            Span<T> lastA = stackalloc T[Vector256<T>.Count], lastY = stackalloc T[Vector256<T>.Count];
            lastA.Clear();
            lastY.Clear();
            av[i..].CopyTo(lastA);
            yv[i..].CopyTo(lastY);
            Vector256<T> inside = Vector256.LessThan(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(av.Length - i)));
            Vector256<T> terms = TTerms.Terms(Vector256.Create((ReadOnlySpan<T>)lastA), Vector256.Create((ReadOnlySpan<T>)lastY));
            sums += Vector256.ConditionalSelect(inside, terms, Vector256<T>.Zero);
        }
        return Vector256.Sum(sums);
    }

    /// <summary>ln(max(p, ε)) lane by lane, as LogGuard.Log takes it one value at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> GuardedLog<T>(Vector256<T> p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T> clamped = Vector256.Max(p, Vector256.Create(LogGuard<T>.Epsilon));
        if (typeof(T) == typeof(float))
            return Vector256.Log(clamped.AsSingle()).As<float, T>();
        return Vector256.Log(clamped.AsDouble()).As<double, T>();
    }

    /// <summary>value where the condition's lanes are set, +0 elsewhere: a term a plain loop would skip.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Where<T>(Vector256<T> condition, Vector256<T> value) where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector256.ConditionalSelect(condition, value, Vector256<T>.Zero);
}
