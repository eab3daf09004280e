using System.Numerics;
using System.Runtime.Intrinsics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Costs;

/// <summary>C = ½ ‖a - y‖², the mean squared error of chapter 1.</summary>
public sealed class QuadraticCost : ICost
{
    /// <summary>The one instance of the quadratic cost C = ½ ‖y − a‖²: it holds no state.</summary>
    public static readonly QuadraticCost Instance = new();

    /// <inheritdoc/>
    public string Name => "quadratic";

    /// <inheritdoc/>
    public T Sum<T>(Matrix<T> a, Matrix<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Simd.Enabled<T>())
            return CostLanes.Sum<T, Elementwise>(a, y) / T.CreateChecked(2);
        ReadOnlySpan<T> av = a.AsSpan(), yv = y.AsSpan();
        T sum = T.Zero;
        for (int i = 0; i < av.Length; i++)
        {
            T diff = av[i] - yv[i];
            sum += diff * diff;
        }
        return sum / T.CreateChecked(2);
    }

    // (a − y)².
    private readonly struct Elementwise : ICostTerms
    {
        public static Vector256<T> Terms<T>(Vector256<T> a, Vector256<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
            (a - y) * (a - y);
    }

    // ∂C/∂a = a - y
    /// <inheritdoc/>
    public void Gradient<T>(Matrix<T> a, Matrix<T> y, Matrix<T> gradA) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> av = a.AsSpan(), yv = y.AsSpan();
        Span<T> g = gradA.AsSpan();
        for (int i = 0; i < g.Length; i++)
            g[i] = av[i] - yv[i];
    }
}
