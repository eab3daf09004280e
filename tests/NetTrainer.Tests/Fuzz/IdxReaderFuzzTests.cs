using NetTrainer.Data;
using static NetTrainer.Tests.Data.IdxFixture;

namespace NetTrainer.Tests.Fuzz;

/// <summary>
/// Seeded mutation fuzzing of the IDX reader: every damaged file either still reads or is refused with an
/// InvalidDataException in one line, quickly, allocating no more than the file can hold.
/// </summary>
public sealed class IdxReaderFuzzTests : NetTrainer.Tests.Data.TempFolderTest
{
    private const int MutationsPerFile = 1200;

    /// <summary>A stuck read would take seconds; a small file reads in well under one.</summary>
    private static readonly TimeSpan Slowest = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The reader's own buffers and message text (64 KiB covers GZipStream's managed buffer), plus the data array,
    /// which the header may declare only as large as the file can hold: its length for a raw file, 1032 times it for
    /// gzip (deflate's largest expansion).
    /// </summary>
    private static long AllocationBound(long fileBytes) => 256 * 1024 + 1032 * fileBytes;

    [Test]
    public void Mutated_image_files_are_read_or_refused_as_invalid_data_quickly_and_within_bounded_memory()
    {
        // Header: magic at 0, then count, rows, cols at 4, 8, 12.
        byte[] images = ImageFileBytes(Pixels(30, 4, 4), 30, 4, 4);
        Mutations.Report report = Mutations.Run(Path.Combine(Dir, "images"), MutationsPerFile,
            i => Mutations.Make(images, i, [4, 8, 12]), path => IdxReader.ReadImages(path),
            [typeof(InvalidDataException)], AllocationBound, Slowest);

        TestContext.Out.WriteLine($"IDX images: {report}");
        Assert.That(report.Rejected, Is.GreaterThan(MutationsPerFile / 2), "most damage is caught");
    }

    [Test]
    public void Mutated_label_files_are_read_or_refused_as_invalid_data_quickly_and_within_bounded_memory()
    {
        byte[] labels = LabelFileBytes(Labels(30, 10));
        Mutations.Report report = Mutations.Run(Path.Combine(Dir, "labels"), MutationsPerFile,
            i => Mutations.Make(labels, i, [4]), path => IdxReader.ReadLabels(path),
            [typeof(InvalidDataException)], AllocationBound, Slowest);

        TestContext.Out.WriteLine($"IDX labels: {report}");
        Assert.That(report.Rejected, Is.GreaterThan(MutationsPerFile / 2));
    }
}
