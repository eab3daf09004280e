using System.Globalization;

namespace NetTrainer.Cli.Inspection;

/// <summary>--snapshot-epochs: the epochs whose first-layer weights the train report draws (see NetTrainer.Inspection.TrainingInspection).</summary>
public static class SnapshotEpochs
{
    /// <summary>"1,5,10" as epochs (0 = at initialisation), each at most <paramref name="epochs"/>; a usage error naming the option otherwise.</summary>
    public static IReadOnlySet<int> Parse(string option, string? text, int epochs)
    {
        if (text is null)
            return new HashSet<int>();
        var set = new HashSet<int>();
        foreach (string word in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
                throw new UsageException($"{option} {text}: '{word}' is not an epoch number (give a list such as 1,5,10).");
            if (epoch > epochs)
                throw new UsageException($"{option} {text}: epoch {epoch} is past the last epoch, {epochs}.");
            set.Add(epoch);
        }
        return set;
    }
}
