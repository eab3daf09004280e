namespace NetTrainer.Tests.Process;

/// <summary>Help names the command users type, nettrainer, when the built CLI is started by the dotnet host.</summary>
public sealed class UsageNameTests : CliProcess
{
    [Test]
    public void Help_of_a_command_started_as_dotnet_dll_reads_nettrainer_in_its_usage_line()
    {
        ProcessResult result = Run("bench", "--help");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("nettrainer bench [options]").And.Not.Contain("NetTrainer.Cli"), result.ToString());
    }
}
