namespace NetTrainer.Tests.Process;

/// <summary>
/// Output into a real pipe: the live lines a terminal gets (drawn in place with carriage returns) never reach it,
/// only plain lines. Only a real process shows this: in process, the output writer is not the console.
/// </summary>
public sealed class PipedOutputTests : CliProcess
{
    private static void AssertPlainLines(ProcessResult result)
    {
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Not.Contain("\u001b"), "an escape sequence in piped output");
            Assert.That(result.Output, Does.Not.Contain("\r"), "a carriage return redraws a line: terminals only");
            Assert.That(result.Output.Where(c => char.IsControl(c) && c != '\n'), Is.Empty, "control characters in piped output");
        });
    }

    [Test]
    public void Reproduce_quick_writes_plain_lines_into_a_pipe()
    {
        ProcessResult result = Run("reproduce", "weight-init-30", "--quick", "--data-dir", DataDir, "--out", InDir("out"));
        AssertPlainLines(result);
        Assert.That(result.Output, Does.Contain("[2/2] weight-init-30: "), "the plain line of each finished run is kept");
    }
}
