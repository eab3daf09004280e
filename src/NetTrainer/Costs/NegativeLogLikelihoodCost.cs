using System.Numerics;
using System.Runtime.Intrinsics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Costs;

/// <summary>C = -ln a_y, the log-likelihood cost of chapter 3; written -Σ_j y_j ln a_j so any target row works.</summary>
public sealed class NegativeLogLikelihoodCost : ICost
{
    /// <summary>The one instance of the log-likelihood cost C = −ln a_y, y the label: it holds no state.</summary>
    public static readonly NegativeLogLikelihoodCost Instance = new();

    /// <inheritdoc/>
    public string Name => "nll";

    /// <inheritdoc/>
    public T Sum<T>(Matrix<T> a, Matrix<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Simd.Enabled<T>())
            return T.Zero - CostLanes.Sum<T, Elementwise>(a, y); // 0 − (+0) is +0: C(a = y) prints 0, not −0
        ReadOnlySpan<T> av = a.AsSpan(), yv = y.AsSpan();
        T sum = T.Zero;
        for (int i = 0; i < av.Length; i++)
            if (yv[i] != T.Zero)
                sum -= yv[i] * LogGuard<T>.Log(av[i]);
        return sum;
    }

    // y ln a, skipped where y is 0, as in the loop above.
    private readonly struct Elementwise : ICostTerms
    {
        public static Vector256<T> Terms<T>(Vector256<T> a, Vector256<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
            CostLanes.Where(~Vector256.Equals(y, Vector256<T>.Zero), y * CostLanes.GuardedLog(a));
    }

    // ∂C/∂a_j = -y_j / a_j, clamped like the log.
    /// <inheritdoc/>
    public void Gradient<T>(Matrix<T> a, Matrix<T> y, Matrix<T> gradA) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> av = a.AsSpan(), yv = y.AsSpan();
        Span<T> g = gradA.AsSpan();
        for (int i = 0; i < g.Length; i++)
            g[i] = -yv[i] / LogGuard<T>.Clamp(av[i]);
    }
}
