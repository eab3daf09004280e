using NetTrainer.Data;
using NetTrainer.Data.Augmentation;

namespace NetTrainer.Training;

/// <summary>
/// The images a run of seed s trains on beyond its data set, made alike by `train` and the reproductions. --expand's
/// shuffle and --augment's distortions draw from generators of their own, derived from s: the network starts from the
/// weights the plain run of s starts from, and a resumed run, whose generator is restored past the start, rebuilds
/// the very same images. The distortion producer prepares the next epoch on a core of its own, training takes the rest
/// (<see cref="DistortionProducer.TrainingThreads"/>).
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
    /// training's included: train with its <see cref="DistortionProducer.TrainingThreads"/>.
    /// </summary>
    public static DistortionProducer Distort(Dataset training, IReadOnlyList<IImageTransform> transforms, int seed, int epochs,
        int threads, CancellationToken cancellation = default) =>
        new(new Distortions(training, transforms, AugmentSeed(seed)), epochs, threads, cancellation);
}
