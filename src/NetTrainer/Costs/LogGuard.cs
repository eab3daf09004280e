using System.Numerics;

namespace NetTrainer.Costs;

/// <summary>
/// The clamp that keeps logarithmic costs finite at saturated outputs: a sigmoid or softmax output can round
/// to exactly 0 or 1, and ln 0 = -∞. Below the machine epsilon the argument is held at epsilon, so the cost
/// stays finite (at most -ln ε ≈ 16 in float, 36 in double per term) and 1/a stays ≤ 1/ε; above it the
/// formula is exact.
/// </summary>
internal static class LogGuard<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Machine epsilon: the gap between 1 and the next value (2^-23 for float, 2^-52 for double).</summary>
    public static readonly T Epsilon = T.BitIncrement(T.One) - T.One;

    public static T Clamp(T p) => T.Max(p, Epsilon);

    public static T Log(T p) => T.Log(Clamp(p));
}
