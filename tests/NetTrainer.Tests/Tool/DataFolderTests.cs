using NetTrainer.Cli.Commands;

namespace NetTrainer.Tests.Tool;

/// <summary>Where a run finds MNIST: --data-dir, else NETTRAINER_DATA, else ./data/mnist when it exists, else the user cache.</summary>
public class DataFolderTests
{
    private string here = "", cache = "";

    [SetUp]
    public void CreateFolders()
    {
        here = Directory.CreateTempSubdirectory("nettrainer-cwd-").FullName;
        cache = Directory.CreateTempSubdirectory("nettrainer-cache-").FullName;
    }

    [TearDown]
    public void DeleteFolders()
    {
        Directory.Delete(here, recursive: true);
        Directory.Delete(cache, recursive: true);
    }

    private static Func<string, string?> Environment(string? data) => name => name == DataFolder.EnvironmentVariable ? data : null;

    [Test]
    public void Data_dir_wins_over_the_environment_and_the_clone_folder()
    {
        Directory.CreateDirectory(Path.Combine(here, "data", "mnist"));
        DataFolder folder = DataFolder.Resolve("/given", Environment("/from-env"), here, cache);
        Assert.That(folder, Is.EqualTo(new DataFolder("/given", DataFolderSource.Option)));
        Assert.That(folder.MayFetch, Is.False, "a folder given by hand must hold the files (a typo should not download 55 MB)");
    }

    [Test]
    public void NETTRAINER_DATA_wins_over_the_clone_folder()
    {
        Directory.CreateDirectory(Path.Combine(here, "data", "mnist"));
        Assert.That(DataFolder.Resolve(null, Environment("/from-env"), here, cache),
            Is.EqualTo(new DataFolder("/from-env", DataFolderSource.Environment)));
    }

    [Test]
    public void The_clone_folder_is_used_when_it_exists()
    {
        Directory.CreateDirectory(Path.Combine(here, "data", "mnist"));
        Assert.That(DataFolder.Resolve(null, Environment(null), here, cache),
            Is.EqualTo(new DataFolder("data/mnist", DataFolderSource.Clone)));
    }

    [Test]
    public void Without_any_of_them_the_user_cache_is_used_and_may_be_fetched_into()
    {
        DataFolder folder = DataFolder.Resolve(null, Environment(""), here, cache);
        Assert.That(folder, Is.EqualTo(new DataFolder(Path.Combine(cache, "nettrainer", "mnist"), DataFolderSource.UserCache)),
            "an empty NETTRAINER_DATA counts as unset");
        Assert.That(folder.MayFetch, Is.True);
    }

    [Test]
    public void The_user_cache_follows_XDG_CACHE_HOME_on_Linux_and_ignores_a_relative_one()
    {
        Assume.That(OperatingSystem.IsLinux(), "XDG applies to Linux");
        string home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        Assert.That(DataFolder.UserCacheRoot(name => name == "XDG_CACHE_HOME" ? "/xdg/cache" : null), Is.EqualTo("/xdg/cache"));
        Assert.That(DataFolder.UserCacheRoot(name => name == "XDG_CACHE_HOME" ? "relative" : null), Is.EqualTo(Path.Combine(home, ".cache")));
        Assert.That(DataFolder.UserCacheRoot(_ => null), Is.EqualTo(Path.Combine(home, ".cache")));
    }
}
