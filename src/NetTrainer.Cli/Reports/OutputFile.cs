using NetTrainer.Cli.Commands;

namespace NetTrainer.Cli.Reports;

/// <summary>Checks that an output file can be written before any training starts, so a long run never fails at its end.</summary>
public static class OutputFile
{
    /// <summary>
    /// The folder must exist and the file must be writable (tried by opening it; a file that did not exist is
    /// removed again). A usage error naming the option otherwise.
    /// </summary>
    public static void RequireWritable(string option, string? path)
    {
        if (path is null)
            return;
        Checks.RequireOutputFolder(option, path);
        bool existed = File.Exists(path);
        try
        {
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
            {
            }
            if (!existed)
                File.Delete(path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            string why = e is UnauthorizedAccessException ? "permission denied" : e.Message.TrimEnd('.');
            throw new UsageException($"{option} {path}: cannot be written ({why}).");
        }
    }

    /// <summary>For a default path: its folder is created when missing (an explicit path's folder must exist).</summary>
    public static void CreateDefaultFolder(string path) =>
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
}
