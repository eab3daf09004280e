using System.CommandLine;
using NetTrainer.Data;
using NetTrainer.Data.Augmentation;
using NetTrainer.Training;

namespace NetTrainer.Cli.Commands;

/// <summary>
/// `--expand` and `--augment` (chapter 3, "Artificially expanding the training data"): what the training set is and
/// which images each epoch trains on. Train calls <see cref="Expand"/> once and passes <see cref="EpochImages"/> to
/// the SGD loop.
/// </summary>
public static class TrainingDataOptions
{
    public const string ExpandShift = "shift";

    public static readonly Option<string?> ExpandOption = new Option<string?>("--expand")
    {
        Description = "shift: add every training image's four one-pixel shifts (Nielsen's expand_mnist: 50,000 -> 250,000 images), after --train-size.",
    }.AcceptOnlyFromAmong(ExpandShift);

    public static readonly Option<string?> AugmentOption = CreateAugment();

    private static Option<string?> CreateAugment()
    {
        var option = new Option<string?>("--augment")
        {
            Description = $"Fresh random distortions of every training image in every epoch: {AugmentSpec.Grammar} " +
                          "(e.g. rotate:15,elastic:34,4). Seeded by --seed.",
        };
        option.Validators.Add(result =>
        {
            try
            {
                AugmentSpec.Parse(result.GetValueOrDefault<string?>() ?? "");
            }
            catch (ArgumentException e)
            {
                result.AddError($"--augment: {e.Message.Split(" (Parameter")[0]}");
            }
        });
        return option;
    }

    /// <summary>The training set, expanded by the one-pixel shifts when --expand shift asks (shuffled as the run of <paramref name="seed"/> shuffles them).</summary>
    public static Dataset Expand(string? expand, Dataset training, int seed) =>
        expand is ExpandShift ? RunImages.ExpandShift(RequireImages("--expand", training), seed) : training;

    /// <summary>
    /// With --augment (<paramref name="spec"/>), the producer of each epoch's images, prepared one epoch ahead beside
    /// training (its ForEpoch goes to the SGD loop); null without. Epoch e's distortions depend only on the run's
    /// <paramref name="seed"/> and e, so a resumed run gets the same ones.
    /// </summary>
    public static DistortionProducer? EpochImages(string? spec, Dataset training, int epochs, int seed, int threads,
        bool trainingSplits, CancellationToken cancellation) =>
        spec is null ? null
            : RunImages.Distort(RequireImages("--augment", training), AugmentSpec.Parse(spec), seed, epochs, threads, cancellation, trainingSplits);

    private static Dataset RequireImages(string option, Dataset training)
    {
        if (training.ImageRows < ImageShape.MinSide || training.ImageCols < ImageShape.MinSide)
            throw new UsageException(
                $"{option} needs images, but the data's examples are {training.ImageRows}x{training.ImageCols} " +
                $"(from the IDX header): at least {ImageShape.MinSide}x{ImageShape.MinSide} pixels are needed to shift or distort them.");
        return training;
    }
}
