using NetTrainer.Data;
using NetTrainer.Persistence;

namespace NetTrainer.Cli.Commands;

/// <summary>
/// The one check of a command's output files, made before any data is loaded or anything trained, so a long run
/// never fails at its end and never writes over what it reads. Each failure is a usage error naming the option.
/// </summary>
public static class OutputPaths
{
    /// <summary>
    /// Each output given (null ones are skipped): a non-empty path that is not a folder, in a folder that exists and
    /// takes a new file (tried with a real temporary file there), and not the same file as any input or any other
    /// output once symbolic links, hard links and relative forms are resolved. Then the temporary files a killed
    /// run left beside each output are removed.
    /// </summary>
    public static void Require(IReadOnlyList<(string Option, string? Path)> outputs,
        IReadOnlyList<(string Option, string? Path)>? inputs = null)
    {
        var seen = new List<(string Option, string Path, object Key, bool IsInput)>();
        foreach ((string option, string? path) in inputs ?? [])
            if (path is { Length: > 0 } && FileIdentity.Of(path) is { Kind: not FileKind.Missing } identity)
                seen.Add((option, path, identity, IsInput: true));

        var checkedOutputs = new List<string>();
        foreach ((string option, string? path) in outputs)
        {
            if (path is null)
                continue;
            object key = RequireWritable(option, path);
            if (seen.FirstOrDefault(s => s.Key.Equals(key)) is { Option: not null } earlier)
                throw new UsageException(earlier.IsInput
                    ? $"{option} {path} is the same file as {earlier.Option} {earlier.Path}, which this command reads; give the output its own file."
                    : $"{earlier.Option} and {option} both name {path}; give each its own file.");
            seen.Add((option, path, key, IsInput: false));
            checkedOutputs.Add(path);
        }
        foreach (string path in checkedOutputs)
            AtomicFile.RemoveStale(path);
    }

    /// <summary>For an output left at its default (under artifacts/): its folder is created when missing. A path given on the command line must name a folder that exists.</summary>
    public static void CreateDefaultFolder(string path) =>
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);

    /// <summary>The IDX files of a data folder, as inputs no output may overwrite.</summary>
    public static IReadOnlyList<(string Option, string? Path)> DataFiles(string? dataDir) =>
        Mnist.FileNames.Select(name => ("--data-dir", Mnist.FindFile(DataFolder.Resolve(dataDir).Path, name))).ToArray();

    // Returns what identifies the file: its device and inode when it exists, else its folder's and its name.
    private static object RequireWritable(string option, string path)
    {
        if (path.Length == 0)
            throw new UsageException($"{option}: the path is empty; give a file name.");
        string target = AtomicFile.Target(path);
        FileIdentity identity = FileIdentity.Of(target);
        if (identity.Kind == FileKind.Directory)
            throw new UsageException($"{option} {path}: is a folder; give a file name.");
        string folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
            throw new UsageException($"{option} {path}: the folder {folder} does not exist.");
        // A device or FIFO is written in place; its folder need not take new files.
        if (identity.Kind == FileKind.Special)
            return identity;
        Probe(option, path, target);
        return identity.Kind == FileKind.Regular ? identity : (FileIdentity.Of(folder), Path.GetFileName(target));
    }

    /// <summary>The system's reason without the path .NET appends ("No space left on device : '/x'" -> "No space left on device").</summary>
    public static string Reason(Exception e)
    {
        string message = e.Message;
        int path = message.IndexOf(" : '", StringComparison.Ordinal);
        return (path > 0 ? message[..path] : message).TrimEnd('.');
    }

    // Creating a file is the only sure test: permissions, a read-only mount, root's exemptions and quotas all decide.
    private static void Probe(string option, string path, string target)
    {
        string probe = AtomicFile.TemporaryName(target);
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write))
            {
            }
            File.Delete(probe);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // The probe's random name means nothing to the user: the reason is said of the folder.
            string why = e is UnauthorizedAccessException ? "permission denied" : Reason(e).Replace($" '{probe}'", "");
            throw new UsageException($"{option} {path}: cannot be written ({why} in {Path.GetDirectoryName(target)}).");
        }
    }
}
