using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Xml.Linq;
using static NetTrainer.Reports.Html;

namespace NetTrainer.Reports;

/// <summary>
/// What a report's footer gives so that the run can be repeated: the tool's version, the full command line, the
/// seed when there is one, and the SHA-256 of the data files read.
/// </summary>
public sealed record Footer(string? CommandLine, int? Seed, IReadOnlyList<(string File, string Sha256)> Data)
{
    /// <summary>The version of NetTrainer that wrote the page ("0.1.0").</summary>
    public static string Version =>
        typeof(Footer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(Footer).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>SHA-256 of every IDX file (raw or gzipped) in the folder, by name.</summary>
    public static IReadOnlyList<(string File, string Sha256)> Hashes(string dataDir) =>
        Directory.Exists(dataDir)
            ? Directory.EnumerateFiles(dataDir).Where(f => Path.GetFileName(f).Contains("-ubyte", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                .Select(f => (Path.GetFileName(f), Sha256Of(f))).ToList()
            : [];

    private static string Sha256Of(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The footer element.</summary>
    public XElement ToHtml() =>
        E("footer",
            E("p", $"Written by nettrainer {Version} on {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" +
                   (Seed is { } seed ? $", seed {seed.ToString(CultureInfo.InvariantCulture)}." : ".")),
            CommandLine is null ? null : E("p", "Command: ", E("code", CommandLine)),
            Data.Count == 0 ? null : E("p", "Data (SHA-256): ",
                Data.Select((d, i) => new object[] { i == 0 ? "" : ", ", E("code", $"{d.File} {d.Sha256}") })));
}
