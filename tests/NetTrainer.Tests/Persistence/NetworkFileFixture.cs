// Glossary
//   round trip   Save then Load: every weight and bias must come back with the same bits
using System.Numerics;
using NetTrainer.Activations;
using NetTrainer.Costs;
using static NetTrainer.Tests.Data.IdxFixture;

namespace NetTrainer.Tests.Persistence;

/// <summary>A temp folder with a model path in it, seeded networks, and a bit-for-bit comparison.</summary>
public abstract class NetworkFileFixture
{
    // Not square and of unequal widths, so a transposed or mis-sliced weight matrix cannot load by accident.
    protected static readonly int[] Sizes = [5, 4, 3];

    protected string Dir { get; private set; } = "";
    protected string ModelPath { get; private set; } = "";

    [SetUp]
    public void CreateDirectory()
    {
        Dir = CreateTempDirectory();
        ModelPath = Path.Combine(Dir, "net.json");
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(Dir, recursive: true);

    /// <summary>A (5, 4, 3) network: tanh hidden, softmax output, nll cost.</summary>
    protected static Network<T> RandomNetwork<T>(int seed = 1) where T : unmanaged, IFloatingPointIeee754<T> =>
        Network<T>.CreateRandom(Sizes, Tanh.Instance, Softmax.Instance, NegativeLogLikelihoodCost.Instance, WeightInit.Default,
            new Random(seed));

    protected static void AssertSameBits<T>(Network<T> expected, Network<T> actual) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Multiple(() =>
        {
            Assert.That(actual.Sizes, Is.EqualTo(expected.Sizes), "sizes");
            Assert.That((actual.Hidden.Name, actual.Output.Name, actual.Cost.Name),
                Is.EqualTo((expected.Hidden.Name, expected.Output.Name, expected.Cost.Name)), "hidden, output, cost");
            for (int l = 0; l < expected.LayerCount; l++)
            {
                Assert.That(Bits(actual.Weights[l].ToArray()), Is.EqualTo(Bits(expected.Weights[l].ToArray())), $"weights[{l}] bits");
                Assert.That(Bits(actual.Biases[l]), Is.EqualTo(Bits(expected.Biases[l])), $"biases[{l}] bits");
            }
        });
    }

    private static long[] Bits<T>(T[] values) where T : unmanaged, IFloatingPointIeee754<T> =>
        values.Select(v => v is float f ? BitConverter.SingleToInt32Bits(f) : BitConverter.DoubleToInt64Bits(double.CreateChecked(v)))
            .ToArray();
}
