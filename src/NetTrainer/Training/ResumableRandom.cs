// Glossary
//   seed     what a run's generator starts from (--seed)
//   draws    how many samples of .NET's seeded generator have been taken: with the seed, its whole state
namespace NetTrainer.Training;

/// <summary>
/// A run's one random generator, whose state can be saved and restored for checkpoints. It draws from .NET's seeded
/// <see cref="Random"/> (so a seed gives the same run it always has) and counts the generator's internal samples:
/// every method used here takes exactly one per call (one per byte for NextBytes; two for Next(min, max) over a
/// range wider than int.MaxValue), so (seed, draws) is the whole state and <see cref="Restore"/> replays it.
/// </summary>
public sealed class ResumableRandom : Random
{
    private readonly Random inner;

    /// <summary>The generator of <paramref name="seed"/>, no samples taken.</summary>
    public ResumableRandom(int seed)
    {
        Seed = seed;
        inner = new Random(seed);
    }

    /// <summary>The seed the generator started from.</summary>
    public int Seed { get; }

    /// <summary>
    /// A second seed made from a run's <paramref name="seed"/> and a stream number, for what a run draws apart from its
    /// own generator (the order of an expanded training set: stream 1; the distortions: stream 2), so that a resumed
    /// run, whose generator is restored past the start, rebuilds the same data. A Knuth multiplicative mix:
    /// deterministic, unlike HashCode.Combine.
    /// </summary>
    public static int DerivedSeed(int seed, int stream) => unchecked((int)((uint)seed * 2654435761u + (uint)stream * 40503u));

    /// <summary>The stream of <see cref="DerivedSeed"/> that shuffles an expanded training set (--expand shift).</summary>
    public const int ExpandStream = 1;

    /// <summary>The stream of <see cref="DerivedSeed"/> that draws the distortions (--augment).</summary>
    public const int AugmentStream = 2;

    /// <summary>Samples taken from the seeded generator so far.</summary>
    public long Draws { get; private set; }

    /// <summary>The generator of <paramref name="seed"/> after <paramref name="draws"/> samples (a few milliseconds per million).</summary>
    public static ResumableRandom Restore(int seed, long draws)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(draws);
        var random = new ResumableRandom(seed);
        for (long i = 0; i < draws; i++)
            random.inner.Next(); // Next() is one internal sample
        random.Draws = draws;
        return random;
    }

    /// <inheritdoc/>
    public override int Next() => Take(1, inner.Next());

    /// <inheritdoc/>
    public override int Next(int maxValue) => Take(1, inner.Next(maxValue));

    /// <inheritdoc/>
    public override int Next(int minValue, int maxValue) =>
        Take((long)maxValue - minValue > int.MaxValue ? 2 : 1, inner.Next(minValue, maxValue));

    /// <inheritdoc/>
    public override double NextDouble() => Take(1, inner.NextDouble());

    /// <inheritdoc/>
    public override float NextSingle() => Take(1, inner.NextSingle());

    /// <inheritdoc/>
    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    /// <inheritdoc/>
    public override void NextBytes(Span<byte> buffer)
    {
        inner.NextBytes(buffer);
        Draws += buffer.Length;
    }

    // The 64-bit draws loop a varying number of times inside .NET's generator: their samples cannot be counted.
    /// <summary>Not supported, throws: the samples of a 64-bit draw cannot be counted, so <see cref="Restore"/> could not replay them.</summary>
    public override long NextInt64() => throw Uncounted();

    /// <summary>Not supported, throws: the samples of a 64-bit draw cannot be counted, so <see cref="Restore"/> could not replay them.</summary>
    public override long NextInt64(long maxValue) => throw Uncounted();

    /// <summary>Not supported, throws: the samples of a 64-bit draw cannot be counted, so <see cref="Restore"/> could not replay them.</summary>
    public override long NextInt64(long minValue, long maxValue) => throw Uncounted();

    /// <inheritdoc/>
    protected override double Sample() => NextDouble();

    private T Take<T>(long samples, T value)
    {
        Draws += samples;
        return value;
    }

    private static NotSupportedException Uncounted() =>
        new("ResumableRandom does not offer 64-bit draws: their samples cannot be counted, so a checkpoint could not restore them.");
}
