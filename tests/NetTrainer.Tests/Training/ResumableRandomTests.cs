using NetTrainer.Training;

namespace NetTrainer.Tests.Training;

/// <summary>The run's generator: the same sequence as .NET's seeded Random, and restorable from (seed, draws).</summary>
public class ResumableRandomTests
{
    // Every kind of draw a run makes: Box–Muller's uniforms, shuffles (Next(i, n)), labels, masks, bytes.
    private static List<double> Draw(Random rng, int rounds)
    {
        var values = new List<double>();
        int[] order = Enumerable.Range(0, 37).ToArray();
        for (int r = 0; r < rounds; r++)
        {
            values.Add(rng.NextDouble());
            values.Add(rng.Next(10));
            values.Add(rng.Next(3, 17));
            values.Add(rng.Next());
            values.Add(rng.NextSingle());
            rng.Shuffle(order);
            values.AddRange(order.Select(i => (double)i));
            byte[] bytes = new byte[5];
            rng.NextBytes(bytes);
            values.AddRange(bytes.Select(b => (double)b));
        }
        return values;
    }

    [Test]
    public void It_draws_the_same_numbers_as_dotnets_seeded_Random()
    {
        Assert.That(Draw(new ResumableRandom(42), 20), Is.EqualTo(Draw(new Random(42), 20)));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(7)]
    public void Restored_from_seed_and_draws_it_goes_on_exactly_as_the_original(int rounds)
    {
        var original = new ResumableRandom(5);
        Draw(original, rounds);
        ResumableRandom restored = ResumableRandom.Restore(original.Seed, original.Draws);

        Assert.That(restored.Draws, Is.EqualTo(original.Draws));
        Assert.That(Draw(restored, 5), Is.EqualTo(Draw(original, 5)));
    }

    [Test]
    public void Draws_that_cannot_be_counted_are_refused()
    {
        Assert.Throws<NotSupportedException>(() => new ResumableRandom(1).NextInt64());
    }
}
