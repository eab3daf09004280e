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
}
