// What a kernel does with each finished sum.
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetTrainer.LinearAlgebra;

/// <summary>
/// What a kernel does with each finished sum S: C ← beta · C + alpha · S, rounded as
/// <see cref="Update.ScaleAndSubtract{T}"/> rounds (so the fused SGD step equals the separate one bit for bit).
/// As in BLAS, beta = 0 never reads C: C ← alpha · S, exactly S for alpha = 1. S is taken as S + 0, which turns a −0
/// into +0 and leaves every other value as it is: a row combination that leaves out zero terms (CombinePackedPanels)
/// may leave a −0 sum that the whole sum's +0 terms would have made +0, so a zero sum is always +0.
/// </summary>
internal readonly struct Epilogue<T>(T alpha, T beta) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Epilogue<T> Store => new(T.One, T.Zero);

    private readonly bool readsC = beta != T.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply<TV, TL>(TV sum, ref T c, nuint offset) where TV : struct where TL : struct, ILanes<T, TV>
    {
        sum = TL.Add(sum, TL.Broadcast(T.Zero));
        if (readsC)
            TL.Store(TL.MultiplyAdd(sum, TL.Broadcast(alpha), TL.Multiply(TL.Load(ref c, offset), TL.Broadcast(beta))), ref c, offset);
        else
            TL.Store(TL.Multiply(sum, TL.Broadcast(alpha)), ref c, offset);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(T sum, ref T c)
    {
        sum += T.Zero;
        c = readsC ? Simd.MultiplyAdd(sum, alpha, c * beta) : sum * alpha;
    }
}
