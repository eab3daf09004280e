using System.Globalization;

namespace NetTrainer.Persistence;

/// <summary>
/// A temporary folder inside the folder it works for (the fetcher's npm download inside the data folder), named
/// ".PURPOSE.tmp-PID-RANDOM" as <see cref="AtomicFile"/> names temporary files, so one left by a killed run is
/// found and removed by the next, and nothing is left in the system's temp folder.
/// </summary>
public static class ScratchFolder
{
    /// <summary>Removes the stale scratch folders of <paramref name="purpose"/> in <paramref name="parent"/>, then creates a fresh one.</summary>
    public static DirectoryInfo Create(string parent, string purpose)
    {
        RemoveStale(parent, purpose);
        string name = string.Create(CultureInfo.InvariantCulture,
            $".{purpose}{AtomicFile.TempMarker}{Environment.ProcessId}-{Random.Shared.Next():x8}");
        return Directory.CreateDirectory(Path.Combine(parent, name));
    }

    /// <summary>Removes the scratch folders of <paramref name="purpose"/> whose process is gone; returns how many.</summary>
    public static int RemoveStale(string parent, string purpose)
    {
        if (!Directory.Exists(parent))
            return 0;
        int removed = 0;
        foreach (string folder in Directory.EnumerateDirectories(parent, "." + purpose + AtomicFile.TempMarker + "*"))
        {
            if (AtomicFile.OwnerProcess(folder) is not { } pid || AtomicFile.ProcessIsAlive(pid))
                continue;
            try
            {
                Directory.Delete(folder, recursive: true);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for a later run: a stale folder is not worth failing a fetch.
            }
        }
        return removed;
    }
}
