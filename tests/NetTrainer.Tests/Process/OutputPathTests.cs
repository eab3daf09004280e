using NetTrainer.Cli;
using NetTrainer.Persistence;

namespace NetTrainer.Tests.Process;

/// <summary>
/// Output files on a real process: checked before any data is loaded (exit 2, one line), never replacing a device or
/// a FIFO, never writing over an input, and kept when a side output fails mid-run.
/// </summary>
[NonParallelizable]
public sealed class OutputPathTests : CliProcess
{
    /// <summary>Root can write into a folder whatever its permissions, so a read-only folder has to be a read-only mount.</summary>
    private readonly List<string> mounts = [];

    protected override void OnTearDown()
    {
        foreach (string mount in mounts)
            Tool("umount", out _, mount);
    }

    private void AssertUsageErrorBeforeLoading(ProcessResult result, string expected)
    {
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1), "one line");
        Assert.That(result.Error, Does.Contain(expected));
        Assert.That(result.Output, Does.Not.Contain("Data "), "refused before any data was loaded");
    }

    private string Fifo(string name)
    {
        string path = InDir(name);
        if (!Tool("mkfifo", out string why, path))
            Assert.Ignore($"mkfifo failed: {why}");
        return path;
    }

    // A device of our own (never /dev/null itself): mknod needs root, so without it the test is skipped, saying so.
    private string CharDevice(string name, int major, int minor)
    {
        string path = InDir(name);
        if (!Tool("mknod", out string why, path, "c", major.ToString(), minor.ToString()))
            Assert.Ignore($"mknod {path} c {major} {minor} failed (it needs root): {why}");
        return path;
    }

    private string Mount(string name, params string[] options)
    {
        string path = InDir(name);
        Directory.CreateDirectory(path);
        if (!Tool("mount", out string why, ["-t", "tmpfs", "-o", string.Join(",", options), "tmpfs", path]))
            Assert.Ignore($"a tmpfs cannot be mounted here ({why}); as root in a container without CAP_SYS_ADMIN no read-only folder can be made.");
        mounts.Add(path);
        return path;
    }

    [Test]
    public void Save_to_a_fifo_writes_through_it_and_leaves_it_a_fifo()
    {
        string fifo = Fifo("model.pipe");
        Task<byte[]> reader = Task.Run(() => File.ReadAllBytes(fifo)); // opening blocks until the writer opens

        ProcessResult result = Train("--save", fifo);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(reader.Wait(TimeSpan.FromSeconds(30)), Is.True, "the reader got end of file");
        Assert.That(FileIdentity.Of(fifo).Kind, Is.EqualTo(FileKind.Special), "still a FIFO, not replaced by a regular file");
        string copy = InDir("copy.json");
        File.WriteAllBytes(copy, reader.Result);
        Assert.That(NetworkFile.Load<float>(copy).Sizes, Is.EqualTo(new[] { 16, 8, 3 }), "what came through the FIFO is the network");
    }

    [Test]
    public void Save_and_report_to_a_character_device_write_in_place_and_leave_it_a_device()
    {
        string nullDevice = CharDevice("null", 1, 3);

        ProcessResult result = Train("--save", nullDevice);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(FileIdentity.Of(nullDevice).Kind, Is.EqualTo(FileKind.Special), "still a character device");
        Assert.That(Directory.GetFiles(Dir, ".null.tmp-*"), Is.Empty, "no temporary file beside it");
    }

    [Test]
    public void Save_into_a_read_only_folder_exits_2_before_loading_any_data()
    {
        string readOnly = Mount("ro", "ro", "size=64k");

        ProcessResult result = Train("--save", Path.Combine(readOnly, "m.json"));

        AssertUsageErrorBeforeLoading(result, $"--save {Path.Combine(readOnly, "m.json")}: cannot be written (Read-only file system");
    }

    [Test]
    public void Report_to_an_existing_writable_file_in_a_read_only_folder_exits_2_before_loading_any_data()
    {
        // The file itself takes writes, but the atomic write needs a new file beside it.
        string folder = Mount("ro-with-file", "size=64k");
        string report = Path.Combine(folder, "run.html");
        File.WriteAllText(report, "earlier report");
        Assert.That(Tool("mount", out string why, "-o", "remount,ro", folder), Is.True, why);

        ProcessResult result = Train("--report", report);

        AssertUsageErrorBeforeLoading(result, $"--report {report}: cannot be written");
        Assert.That(File.ReadAllText(report), Is.EqualTo("earlier report"));
    }

    [Test]
    public void A_symlink_alias_of_save_is_refused_as_the_same_file()
    {
        string save = InDir("m.json"), alias = InDir("alias.json");
        File.CreateSymbolicLink(alias, save);

        AssertUsageErrorBeforeLoading(Train("--save", save, "--metrics", alias), $"--metrics and --save both name {save}");
    }

    [Test]
    public void An_output_through_a_symlinked_folder_is_refused_as_the_same_file()
    {
        string linked = InDir("linked");
        Directory.CreateSymbolicLink(linked, Dir);

        AssertUsageErrorBeforeLoading(Train("--save", InDir("m.json"), "--report", Path.Combine(linked, "m.json")),
            "--save and --report both name");
    }

    [Test]
    public void Metrics_naming_the_init_from_model_is_refused_and_the_model_is_left_alone()
    {
        string model = InDir("start.json");
        Assert.That(Train("--save", model).ExitCode, Is.EqualTo(ExitCodes.Success));
        byte[] before = File.ReadAllBytes(model);

        ProcessResult result = Train("--init-from", model, "--metrics", Path.Combine(Dir, ".", "sub", "..", "start.json"));

        AssertUsageErrorBeforeLoading(result, "is the same file as --init-from");
        Assert.That(File.ReadAllBytes(model), Is.EqualTo(before));
    }

    [Test]
    public void An_output_naming_a_data_file_is_refused()
    {
        string labels = DataFiles.ElementAt(1);
        byte[] before = File.ReadAllBytes(labels);

        AssertUsageErrorBeforeLoading(Train("--report", labels), "which this command reads");
        Assert.That(File.ReadAllBytes(labels), Is.EqualTo(before));
    }

    [Test]
    public void Compare_outputs_that_are_one_file_through_a_hard_link_are_refused()
    {
        string csv = InDir("c.csv"), link = InDir("c-link.html");
        File.WriteAllText(csv, "");
        Assert.That(Tool("ln", out string why, csv, link), Is.True, why);

        ProcessResult result = Run("compare", "--data-dir", DataDir, "--sizes", FixtureSizes, "--csv", csv, "--report", link);

        AssertUsageErrorBeforeLoading(result, "--csv and --report both name");
    }

    [Test]
    public void A_symlinked_save_updates_the_file_it_points_to_and_stays_a_link()
    {
        string target = InDir("real.json"), link = InDir("link.json");
        File.WriteAllText(target, "old");
        File.CreateSymbolicLink(link, target);

        ProcessResult result = Train("--save", link);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(target), "still a link");
        Assert.That(NetworkFile.Load<float>(target).Sizes, Is.EqualTo(new[] { 16, 8, 3 }));
    }

    [Test]
    public void Stale_temporary_files_of_a_killed_run_are_removed_and_a_live_runs_are_kept()
    {
        string save = InDir("m.json");
        // /proc/sys/kernel/pid_max is at most 2^22, so this process id was never alive.
        string stale = InDir(".m.json.tmp-1073741823-0badf00d");
        string live = InDir($".m.json.tmp-{Environment.ProcessId}-00c0ffee");
        File.WriteAllText(stale, "{\"half\": ");
        File.WriteAllText(live, "in progress");

        ProcessResult result = Train("--save", save);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(File.Exists(stale), Is.False, "left by a process that is gone");
        Assert.That(File.Exists(live), Is.True, "belongs to a process that is running");
        Assert.That(Directory.GetFiles(Dir, ".m.json.tmp-*"), Is.EqualTo(new[] { live }), "the run left none of its own");
    }

    [Test]
    public void A_full_disk_under_metrics_stops_the_run_in_one_line_and_still_saves_the_network()
    {
        // One 4 KiB page: the header and about 60 rows fit, so the disk fills mid-run.
        string small = Mount("small", "size=4k");
        string save = InDir("m.json"), metrics = Path.Combine(small, "m.csv");

        ProcessResult result = Train("--save", save, "--metrics", metrics, "--epochs", "200", "--monitor", "evaluation");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure), result.ToString());
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1), "one line");
        Assert.That(result.Error, Does.Contain($"--metrics {metrics}: cannot be written (No space left on device)")
            .And.Contain($"the network trained so far is saved to {save}"));
        Assert.That(NetworkFile.Load<float>(save).Sizes, Is.EqualTo(new[] { 16, 8, 3 }));
    }

    [Test]
    public void Metrics_to_a_full_character_device_fails_in_one_line_and_leaves_the_device()
    {
        string full = CharDevice("full", 1, 7); // the kernel's "full" device: every write is ENOSPC

        ProcessResult result = Train("--metrics", full);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure), result.ToString());
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(result.Error, Does.Contain("No space left on device"));
        Assert.That(FileIdentity.Of(full).Kind, Is.EqualTo(FileKind.Special));
    }
}
