// Glossary
//   sampling point   (ys[i], xs[i]): where output pixel i reads the source image, in source pixel coordinates
//   inverse map      a transform moves the picture; its Map moves the sampling points the opposite way, so every
//                    output pixel gets a value (a forward map would leave holes)
namespace NetTrainer.Data.Augmentation;

/// <summary>
/// One random distortion of an image (rotation, shift, scaling, elastic) as an inverse map on sampling points.
/// Several transforms compose into one map, sampled once (<see cref="Distortions"/>): one interpolation instead of
/// one per transform, each blurring the last. Each call draws its own random parameters from <c>rng</c>.
/// </summary>
public interface IImageTransform
{
    /// <summary>How the transform is written in an augmentation spec, e.g. <c>rotate:15</c>.</summary>
    string Spec { get; }

    /// <summary>Moves every sampling point by this transform's inverse, with parameters drawn from <paramref name="rng"/>.</summary>
    void Map(Span<float> ys, Span<float> xs, ImageShape shape, Random rng);
}
