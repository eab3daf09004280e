using System.Runtime.InteropServices;

namespace NetTrainer.Cli.Commands;

/// <summary>Why a run reads its data from the folder it does (the order in which <see cref="DataFolder.Resolve"/> looks).</summary>
public enum DataFolderSource
{
    /// <summary>--data-dir was given.</summary>
    Option,

    /// <summary>The NETTRAINER_DATA environment variable is set.</summary>
    Environment,

    /// <summary>./data/mnist exists in the current folder (a clone of the repository).</summary>
    Clone,

    /// <summary>None of the above: the per-user cache, so that one MNIST serves every folder the tool runs from.</summary>
    UserCache,
}

/// <summary>
/// The data folder of a run, resolved in one place: --data-dir; else NETTRAINER_DATA; else ./data/mnist when it
/// exists; else the per-user cache ($XDG_CACHE_HOME/nettrainer/mnist or ~/.cache/nettrainer/mnist on Linux,
/// ~/Library/Caches/nettrainer/mnist on macOS, %LOCALAPPDATA%\nettrainer\mnist on Windows).
/// </summary>
public sealed record DataFolder(string Path, DataFolderSource Source)
{
    public const string EnvironmentVariable = "NETTRAINER_DATA";

    /// <summary>The clone's folder, relative to the current folder.</summary>
    public const string CloneFolder = "data/mnist";

    /// <summary>The cache's subfolder under the platform's per-user cache folder.</summary>
    public static readonly string CacheSubfolder = System.IO.Path.Combine("nettrainer", "mnist");

    /// <summary>
    /// MNIST may be fetched into this folder when it is missing: a folder the tool chose, or the one the environment
    /// names. A --data-dir given by hand must already hold the files (a typo should not download 55 MB).
    /// </summary>
    public bool MayFetch => Source != DataFolderSource.Option;

    /// <summary>Why this folder, for the first line of a run.</summary>
    public string Why => Source switch
    {
        DataFolderSource.Option => "given by --data-dir",
        DataFolderSource.Environment => $"from {EnvironmentVariable}",
        DataFolderSource.Clone => $"./{CloneFolder} exists here",
        _ => $"per-user cache: no --data-dir, {EnvironmentVariable} or ./{CloneFolder}",
    };

    /// <summary>The folder for this process: its environment, current folder and user.</summary>
    public static DataFolder Resolve(string? dataDir) =>
        Resolve(dataDir, System.Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory(), UserCacheRoot());

    /// <summary>The folder given what the process sees (tests pass their own environment and folders).</summary>
    /// <param name="cacheRoot">The platform's per-user cache folder (~/.cache on Linux).</param>
    public static DataFolder Resolve(string? dataDir, Func<string, string?> environment, string currentDirectory, string cacheRoot)
    {
        if (!string.IsNullOrEmpty(dataDir))
            return new DataFolder(dataDir, DataFolderSource.Option);
        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            return new DataFolder(fromEnvironment, DataFolderSource.Environment);
        if (Directory.Exists(System.IO.Path.Combine(currentDirectory, CloneFolder)))
            return new DataFolder(CloneFolder, DataFolderSource.Clone);
        return new DataFolder(System.IO.Path.Combine(cacheRoot, CacheSubfolder), DataFolderSource.UserCache);
    }

    /// <summary>The platform's per-user cache folder: XDG on Linux, Library/Caches on macOS, LocalApplicationData on Windows.</summary>
    public static string UserCacheRoot(Func<string, string?>? environment = null)
    {
        environment ??= System.Environment.GetEnvironmentVariable;
        string home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            return System.Environment.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData);
        if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            return System.IO.Path.Combine(home, "Library", "Caches");
        // XDG Base Directory spec: a relative XDG_CACHE_HOME is invalid and ignored.
        return environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && System.IO.Path.IsPathRooted(xdg)
            ? xdg
            : System.IO.Path.Combine(home, ".cache");
    }
}
