namespace NetTrainer.Data.Augmentation;

/// <summary>
/// One random distortion of an image (rotation, shift, scaling, elastic): each call draws its own random
/// parameters from <c>rng</c>, so the same generator state gives the same image.
/// </summary>
public interface IImageTransform
{
    /// <summary>How the transform is written in an augmentation spec, e.g. <c>rotate:15</c>.</summary>
    string Spec { get; }

    void Apply(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape, Random rng);
}
