using System.CommandLine;

namespace NetTrainer.Cli.Commands;

/// <summary>`nettrainer fetch-mnist`: download and verify the four MNIST files.</summary>
public static class FetchMnistCommand
{
    private static readonly Option<string?> DataDirOption = Options.DataDir();

    public static Command Create()
    {
        var command = new Command("fetch-mnist", "Fetch MNIST (verified by SHA-256) into the data folder; files already there and intact are kept.")
        {
            DataDirOption,
        };
        command.SetAction((parse, cancellation) => Guarded.RunAsync(parse, async (output, ct) =>
        {
            DataFolder folder = DataFolder.Resolve(parse.GetValue(DataDirOption));
            using Serilog.Core.Logger log = Logging.To(output);
            log.Information("Data folder {Dir} ({Why}).", folder.Path, folder.Why);
            await DataLoading.FetchAsync(folder.Path, log, output, ct);
            log.Information("MNIST is ready in {Dir}.", folder.Path);
            return ExitCodes.Success;
        }, cancellation));
        return command;
    }
}
