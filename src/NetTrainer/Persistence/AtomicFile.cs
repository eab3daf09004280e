using System.Globalization;

namespace NetTrainer.Persistence;

/// <summary>
/// Writes an output file so that a reader never sees half of it: a regular file is written to a temporary file
/// beside it (a unique name, removed on every failure) and renamed over it; a symbolic link updates the file it
/// points to; a device or FIFO (/dev/stdout, a pipe) is written in place, since a rename would replace it.
/// </summary>
public static class AtomicFile
{
    /// <summary>Temporary files are named ".NAME.tmp-PID-RANDOM", hidden and tied to the process that wrote them.</summary>
    internal const string TempMarker = ".tmp-";

    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>, all or nothing.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string target = Target(path);
        if (FileIdentity.Of(target).Kind == FileKind.Special)
        {
            // Open, not Create: a device or FIFO has nothing to truncate, and a rename would replace it.
            using var direct = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            write(direct);
            return;
        }
        string temporary = TemporaryName(target);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>Writes text as UTF-8 without a byte-order mark.</summary>
    public static void WriteText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>
    /// The file a write to <paramref name="path"/> lands in: the final target of a symbolic link (so the link stays
    /// a link), else the full path.
    /// </summary>
    public static string Target(string path)
    {
        string full = Path.GetFullPath(path);
        var file = new FileInfo(full);
        if (file.LinkTarget is null)
            return full;
        try
        {
            return file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full; // a loop of links: opening it fails later with the system's own message
        }
    }

    /// <summary>
    /// Removes the temporary files of <paramref name="path"/> left by runs that were killed before they could
    /// (their process is gone); a live run's are left alone. Returns how many were removed.
    /// </summary>
    public static int RemoveStale(string path)
    {
        string target = Target(path);
        string? folder = Path.GetDirectoryName(target);
        if (folder is null || !Directory.Exists(folder))
            return 0;
        int removed = 0;
        foreach (string file in Directory.EnumerateFiles(folder, "." + Path.GetFileName(target) + TempMarker + "*"))
            if (OwnerProcess(file) is { } pid && !ProcessIsAlive(pid) && TryDelete(file))
                removed++;
        return removed;
    }

    /// <summary>A fresh temporary name beside <paramref name="target"/>: two runs writing one output never share it.</summary>
    public static string TemporaryName(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!,
            string.Create(CultureInfo.InvariantCulture,
                $".{Path.GetFileName(target)}{TempMarker}{Environment.ProcessId}-{Random.Shared.Next():x8}"));

    /// <summary>The process id in a temporary name, or null for a file that is not one of ours.</summary>
    internal static int? OwnerProcess(string temporary)
    {
        string name = Path.GetFileName(temporary);
        int marker = name.LastIndexOf(TempMarker, StringComparison.Ordinal);
        if (marker < 0)
            return null;
        string[] parts = name[(marker + TempMarker.Length)..].Split('-');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    // /proc/PID exists exactly while the process does (Linux); elsewhere ask the process table.
    internal static bool ProcessIsAlive(int pid)
    {
        if (OperatingSystem.IsLinux())
            return Directory.Exists($"/proc/{pid}");
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool TryDelete(string file)
    {
        try
        {
            if (!File.Exists(file))
                return false;
            File.Delete(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
