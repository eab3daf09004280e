using NetTrainer.Persistence;
using static NetTrainer.Tests.Data.IdxFixture;

namespace NetTrainer.Tests.Persistence;

/// <summary>All or nothing: a failed write leaves the old file and no temporary one; concurrent writers never share a name.</summary>
public sealed class AtomicFileTests : NetTrainer.Tests.Data.TempFolderTest
{
    [Test]
    public void A_write_that_fails_midway_leaves_the_earlier_file_and_no_temporary_file()
    {
        string path = Path.Combine(Dir, "report.html");
        File.WriteAllText(path, "earlier");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half of the new"u8);
            throw new IOException("disk full");
        }));

        Assert.That(File.ReadAllText(path), Is.EqualTo("earlier"));
        Assert.That(Directory.GetFiles(Dir), Is.EqualTo(new[] { path }), "the temporary file is removed");
    }

    [Test]
    public void Two_writers_of_one_output_at_once_both_finish_and_one_complete_text_remains()
    {
        string path = Path.Combine(Dir, "compare.csv");
        string a = new('a', 100_000), b = new('b', 100_000);

        Parallel.For(0, 8, i => AtomicFile.WriteText(path, i % 2 == 0 ? a : b));

        Assert.That(File.ReadAllText(path), Is.EqualTo(a).Or.EqualTo(b));
        Assert.That(Directory.GetFiles(Dir), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void Temporary_names_carry_the_process_id_so_a_stale_one_can_be_told_from_a_live_one()
    {
        string target = Path.Combine(Dir, "m.json");

        string temporary = AtomicFile.TemporaryName(target);

        Assert.That(Path.GetDirectoryName(temporary), Is.EqualTo(Dir), "beside the target, so the rename stays on one file system");
        Assert.That(Path.GetFileName(temporary), Does.StartWith($".m.json.tmp-{Environment.ProcessId}-"));
        Assert.That(AtomicFile.OwnerProcess(temporary), Is.EqualTo(Environment.ProcessId));
        Assert.That(AtomicFile.OwnerProcess(Path.Combine(Dir, ".m.json.tmp-notes")), Is.Null, "not one of ours");
    }

    [Test]
    public void File_identity_tells_a_file_a_folder_and_a_missing_path_apart_and_sees_through_links()
    {
        string file = Path.Combine(Dir, "a.json"), link = Path.Combine(Dir, "b.json");
        File.WriteAllText(file, "{}");
        File.CreateSymbolicLink(link, file);

        Assert.That(FileIdentity.Of(file).Kind, Is.EqualTo(FileKind.Regular));
        Assert.That(FileIdentity.Of(Dir).Kind, Is.EqualTo(FileKind.Directory));
        Assert.That(FileIdentity.Of(Path.Combine(Dir, "none")).Kind, Is.EqualTo(FileKind.Missing));
        Assert.That(FileIdentity.Of(link).SameFileAs(FileIdentity.Of(Path.Combine(Dir, "..", Path.GetFileName(Dir), "a.json"))), Is.True);
    }
}
