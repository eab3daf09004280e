using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Costs;

/// <summary>C = -Σ_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)], the binary cross-entropy of chapter 3.</summary>
public sealed class CrossEntropyCost : ICost
{
    /// <summary>The one instance of the cross-entropy cost C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)]: it holds no state.</summary>
    public static readonly CrossEntropyCost Instance = new();

    /// <inheritdoc/>
    public string Name => "cross-entropy";

    // Terms with a zero coefficient are skipped (a zero coefficient times a clamped log in the float path), so
    // C(a = y) is exactly +0 for 0/1 targets.
    /// <inheritdoc/>
    public T Sum<T>(Matrix<T> a, Matrix<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> av = a.AsSpan(), yv = y.AsSpan();
        if (typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated)
            return T.CreateTruncating(SumFloat(MemoryMarshal.Cast<T, float>(av), MemoryMarshal.Cast<T, float>(yv)));
        T sum = T.Zero;
        for (int i = 0; i < av.Length; i++)
        {
            if (yv[i] != T.Zero)
                sum -= yv[i] * LogGuard<T>.Log(av[i]);
            if (yv[i] != T.One)
                sum -= (T.One - yv[i]) * LogGuard<T>.Log(T.One - av[i]);
        }
        return sum;
    }

    // The float sum eight terms at a time (evaluation takes it for every chunk of examples): lane-wise sums of
    // −[y ln a + (1 − y) ln(1 − a)], logs clamped as LogGuard clamps them, then the lanes added and the tail one by
    // one. A zero coefficient times a clamped log is ±0, which leaves a sum as it is. The vector logarithm is within a
    // few units in the last place of MathF.Log, so a cost may differ in its last bits from the scalar path's; the
    // order is fixed, so a run repeats bit for bit.
    private static float SumFloat(ReadOnlySpan<float> a, ReadOnlySpan<float> y)
    {
        if (a.Length != y.Length)
            throw new ArgumentException($"{a.Length} outputs and {y.Length} targets.", nameof(y));
        Vector256<float> epsilon = Vector256.Create(LogGuard<float>.Epsilon), one = Vector256<float>.One, lanes = default;
        ref float a0 = ref MemoryMarshal.GetReference(a), y0 = ref MemoryMarshal.GetReference(y);
        int i = 0;
        for (; i + Vector256<float>.Count <= a.Length; i += Vector256<float>.Count)
        {
            Vector256<float> ai = Vector256.LoadUnsafe(ref a0, (nuint)i), yi = Vector256.LoadUnsafe(ref y0, (nuint)i);
            lanes -= yi * Vector256.Log(Vector256.Max(ai, epsilon)) + (one - yi) * Vector256.Log(Vector256.Max(one - ai, epsilon));
        }
        float sum = Vector256.Sum(lanes);
        for (; i < a.Length; i++)
        {
            if (y[i] != 0)
                sum -= y[i] * LogGuard<float>.Log(a[i]);
            if (y[i] != 1)
                sum -= (1 - y[i]) * LogGuard<float>.Log(1 - a[i]);
        }
        return sum;
    }

    // ∂C/∂a_j = -y_j / a_j + (1 - y_j) / (1 - a_j) = (a_j - y_j) / (a_j (1 - a_j)); clamped like the logs.
    /// <inheritdoc/>
    public void Gradient<T>(Matrix<T> a, Matrix<T> y, Matrix<T> gradA) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> av = a.AsSpan(), yv = y.AsSpan();
        Span<T> g = gradA.AsSpan();
        for (int i = 0; i < g.Length; i++)
            g[i] = -yv[i] / LogGuard<T>.Clamp(av[i]) + (T.One - yv[i]) / LogGuard<T>.Clamp(T.One - av[i]);
    }
}
