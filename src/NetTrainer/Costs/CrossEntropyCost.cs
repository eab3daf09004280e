using System.Numerics;
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

    // Terms with a zero coefficient are skipped, so C(a = y) is exactly 0 for 0/1 targets.
    /// <inheritdoc/>
    public T Sum<T>(Matrix<T> a, Matrix<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Simd.Enabled<T>())
            return T.Zero - CostLanes.Sum<T, Elementwise>(a, y); // 0 − (+0) is +0: C(a = y) prints 0, not −0
        ReadOnlySpan<T> av = a.AsSpan(), yv = y.AsSpan();
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

    // y ln a + (1 − y) ln(1 − a), each product skipped where its coefficient is 0, as in the loop above.
    private readonly struct Elementwise : ICostTerms
    {
        public static Vector256<T> Terms<T>(Vector256<T> a, Vector256<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
            CostLanes.Where(~Vector256.Equals(y, Vector256<T>.Zero), y * CostLanes.GuardedLog(a)) +
            CostLanes.Where(~Vector256.Equals(y, Vector256<T>.One), (Vector256<T>.One - y) * CostLanes.GuardedLog(Vector256<T>.One - a));
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
