// Glossary
//   rows, cols   the image size from the IDX header (MNIST: 28x28); pixel (r, c) is byte r * cols + c
//   centre       ((rows - 1) / 2, (cols - 1) / 2): rotations and scalings turn about it, so a 90° turn maps the
//                pixel grid onto itself
namespace NetTrainer.Data.Augmentation;

/// <summary>The size of the images a transform works on, checked once where the data enters.</summary>
public readonly record struct ImageShape(int Rows, int Cols)
{
    /// <summary>Both sides must be at least this long: a 1-pixel side is a vector, not an image to turn or shift.</summary>
    public const int MinSide = 2;

    /// <summary>Pixels per image, rows × cols.</summary>
    public int Pixels => Rows * Cols;
    /// <summary>The centre's row, (rows − 1) / 2, in pixel coordinates.</summary>
    public double CentreRow => (Rows - 1) / 2.0;
    /// <summary>The centre's column, (cols − 1) / 2, in pixel coordinates.</summary>
    public double CentreCol => (Cols - 1) / 2.0;

    /// <summary>The identity map: sampling point i is pixel i's own (row, column).</summary>
    public void Grid(Span<float> ys, Span<float> xs)
    {
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Cols; c++)
                (ys[r * Cols + c], xs[r * Cols + c]) = (r, c);
    }

    /// <summary>The shape of <paramref name="data"/>'s images; throws when its examples are not images.</summary>
    public static ImageShape Of(Dataset data)
    {
        if (data.ImageRows < MinSide || data.ImageCols < MinSide)
            throw new ArgumentException(
                $"The data's examples are {data.ImageRows}x{data.ImageCols}, not images: expanding or distorting needs at " +
                $"least {MinSide}x{MinSide} pixels per example (the IDX image header's rows and columns).", nameof(data));
        return new ImageShape(data.ImageRows, data.ImageCols);
    }
}
