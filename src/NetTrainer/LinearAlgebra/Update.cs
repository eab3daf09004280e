using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetTrainer.LinearAlgebra;

/// <summary>The SGD step, fused with weight decay so the weights are read and written once.</summary>
public static class Update
{
    /// <summary>w ← decay · w - step · g, elementwise. With decay = 1 this is plain SGD, bit for bit.</summary>
    public static void ScaleAndSubtract<T>(Span<T> w, T decay, ReadOnlySpan<T> g, T step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (w.Length != g.Length)
            throw new ArgumentException($"Weights ({w.Length}) and gradient ({g.Length}) differ in length.");
        int i = 0;
        if (Simd.Enabled<T>())
        {
            ref T w0 = ref MemoryMarshal.GetReference(w);
            ref T g0 = ref MemoryMarshal.GetReference(g);
            Vector256<T> d = Vector256.Create(decay), s = Vector256.Create(-step);
            for (; i + Vector256<T>.Count <= w.Length; i += Vector256<T>.Count)
            {
                Vector256<T> wi = Vector256.LoadUnsafe(ref w0, (nuint)i);
                Vector256<T> gi = Vector256.LoadUnsafe(ref g0, (nuint)i);
                Simd.MultiplyAdd(gi, s, wi * d).StoreUnsafe(ref w0, (nuint)i);
            }
        }
        for (; i < w.Length; i++)
            w[i] = Simd.MultiplyAdd(g[i], -step, w[i] * decay);
    }

    /// <summary>
    /// Chapter 3's general step on one layer's weights, elementwise: g = ∇w·(1/m) + (λ/n) w + (λ₁/n) sgn(w); with
    /// velocities v ← μ v − η g, w ← w + v, without (v empty) w ← w − η g. Each element is computed with the same
    /// separate multiplies and adds, in the same order, in the vector loop and the scalar tail, so the bits do not
    /// depend on the register width.
    /// </summary>
    public static void MomentumStep<T>(Span<T> w, ReadOnlySpan<T> nablaW, Span<T> v, T invM, T l2, T l1, T momentum, T eta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (w.Length != nablaW.Length || (!v.IsEmpty && v.Length != w.Length))
            throw new ArgumentException($"Weights ({w.Length}), gradient ({nablaW.Length}) and velocities ({v.Length}) differ in length.");
        int i = 0;
        if (Simd.Enabled<T>())
        {
            ref T w0 = ref MemoryMarshal.GetReference(w);
            ref T g0 = ref MemoryMarshal.GetReference(nablaW);
            ref T v0 = ref MemoryMarshal.GetReference(v);
            Vector256<T> scale = Vector256.Create(invM), decay = Vector256.Create(l2), lasso = Vector256.Create(l1);
            Vector256<T> mu = Vector256.Create(momentum), step = Vector256.Create(eta), one = Vector256<T>.One;
            for (; i + Vector256<T>.Count <= w.Length; i += Vector256<T>.Count)
            {
                Vector256<T> wi = Vector256.LoadUnsafe(ref w0, (nuint)i);
                // sgn(w) by comparisons, 0 for NaN as in the scalar form: (w > 0) − (w < 0).
                Vector256<T> sign = (Vector256.GreaterThan(wi, Vector256<T>.Zero) & one) - (Vector256.LessThan(wi, Vector256<T>.Zero) & one);
                Vector256<T> g = Vector256.LoadUnsafe(ref g0, (nuint)i) * scale + decay * wi + lasso * sign;
                if (v.IsEmpty)
                    (wi - step * g).StoreUnsafe(ref w0, (nuint)i);
                else
                {
                    Vector256<T> vi = mu * Vector256.LoadUnsafe(ref v0, (nuint)i) - step * g;
                    vi.StoreUnsafe(ref v0, (nuint)i);
                    (wi + vi).StoreUnsafe(ref w0, (nuint)i);
                }
            }
        }
        for (; i < w.Length; i++)
        {
            // sgn(w) by comparisons: T.Sign throws on NaN, and a diverging run must reach the divergence check.
            T sign = w[i] > T.Zero ? T.One : w[i] < T.Zero ? -T.One : T.Zero;
            T g = nablaW[i] * invM + l2 * w[i] + l1 * sign;
            w[i] = v.IsEmpty ? w[i] - eta * g : w[i] + (v[i] = momentum * v[i] - eta * g);
        }
    }
}
