using NetTrainer.Data;
using NetTrainer.Data.Augmentation;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Training;

/// <summary>
/// The images a run of seed s trains on beyond its data set, made alike by `train` and the reproductions. --expand's
/// shuffle and --augment's distortions draw from generators of their own, derived from s: the network starts from the
/// weights the plain run of s starts from, and a resumed run, whose generator is restored past the start, rebuilds
/// the very same images. The distortion producer prepares the next epoch on a core of its own, training takes the rest
/// (<see cref="DistortionProducer.TrainingThreads"/>), unless training splits its products over every core: then
/// each epoch is made when asked for, on every core.
/// </summary>
public static class RunImages
{
    /// <summary>The images of <paramref name="training"/> and their four one-pixel shifts, in the order the run of <paramref name="seed"/> shuffles them to (--expand shift).</summary>
    public static Dataset ExpandShift(Dataset training, int seed) =>
        ShiftExpansion.Expand(training, new Random(ResumableRandom.DerivedSeed(seed, ResumableRandom.ExpandStream)));

    /// <summary>The seed the distortions of the run of <paramref name="seed"/> are drawn from (--augment).</summary>
    public static int AugmentSeed(int seed) => ResumableRandom.DerivedSeed(seed, ResumableRandom.AugmentStream);

    /// <summary>
    /// The producer of each epoch's distortions of <paramref name="training"/> by <paramref name="transforms"/> (an
    /// --augment SPEC parsed) for the run of <paramref name="seed"/>, on at most <paramref name="threads"/> cores,
    /// training's included: train with its <see cref="DistortionProducer.TrainingThreads"/>. When training splits its
    /// products over every core (<paramref name="trainingSplits"/>, see <see cref="TrainingSplits"/>) each epoch is
    /// made when asked for, on every core, and training keeps them all.
    /// </summary>
    public static DistortionProducer Distort(Dataset training, IReadOnlyList<IImageTransform> transforms, int seed, int epochs,
        int threads, CancellationToken cancellation = default, bool trainingSplits = false) =>
        new(new Distortions(training, transforms, AugmentSeed(seed)), epochs, threads, cancellation, prepareAhead: !trainingSplits);

    /// <summary>
    /// True when training a network of <paramref name="sizes"/> at mini-batch <paramref name="miniBatch"/> splits its
    /// first layer's products over <paramref name="threads"/> threads. Such training would lose a core to a producer
    /// preparing the next epoch, which needs far less than a core: 784,800,10 at mini-batch 100 trains an epoch in about
    /// 1 s on two cores against 2 s on one, and 50,000 elastic distortions take about 0.35 s on two. Smaller products
    /// (mini-batches of 10 up to 784,100,10) stay on one core, and the producer's work hides beside them.
    /// </summary>
    public static bool TrainingSplits(IReadOnlyList<int> sizes, int miniBatch, int threads) =>
        sizes.Count >= 2 && Kernels.SplitsMultiplyTransposed(miniBatch, sizes[1], sizes[0], threads); // zᵀ = xᵀ wᵀ
}
