using System.Numerics;
using NetTrainer.Activations;
using NetTrainer.Costs;

namespace NetTrainer.Training;

/// <summary>
/// Where a run starts: a fresh network and the run's one generator. The generator, seeded once, draws the initial
/// weights and then goes on to shuffle the mini-batches, exactly as `train --seed` does, so a seed trains the same
/// bits from code as from the command line. Pass the start to
/// <see cref="Sgd.Train{T}(RunStart{T}, Data.Dataset, Data.Dataset?, SgdOptions, IEpochSink, CancellationToken)"/>.
/// </summary>
/// <param name="Network">The network, its weights as drawn.</param>
/// <param name="Rng">The generator that drew them, which shuffles next.</param>
public sealed record RunStart<T>(Network<T> Network, Random Rng) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A network of <paramref name="sizes"/> with weights drawn by <paramref name="init"/> from a generator seeded with <paramref name="seed"/>.</summary>
    public static RunStart<T> FromSeed(int seed, IReadOnlyList<int> sizes, IActivation hidden, IActivation output, ICost cost,
        WeightInit init = WeightInit.Default)
    {
        var rng = new Random(seed);
        return new RunStart<T>(Network<T>.CreateRandom(sizes, hidden, output, cost, init, rng), rng);
    }
}
