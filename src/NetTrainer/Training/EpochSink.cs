namespace NetTrainer.Training;

/// <summary>
/// An <see cref="IEpochSink"/> from a lambda or an <see cref="IProgress{T}"/>, for code that only wants to see each
/// epoch: <c>Sgd.Train(network, training, validation, options, rng, EpochSink.From(r =&gt; Console.WriteLine(r)))</c>.
/// </summary>
public sealed class EpochSink(Action<EpochReport> report) : IEpochSink
{
    /// <summary>A sink that does nothing with the reports.</summary>
    public static IEpochSink None { get; } = new EpochSink(_ => { });

    /// <summary>A sink that calls <paramref name="report"/> with each epoch's report.</summary>
    public static IEpochSink From(Action<EpochReport> report) => new EpochSink(report);

    /// <summary>Reports go to <paramref name="progress"/> (a System.Progress posts them to its synchronisation context).</summary>
    public static IEpochSink From(IProgress<EpochReport> progress) => new EpochSink(progress.Report);

    /// <inheritdoc/>
    public void Report(EpochReport epoch) => report(epoch);
}
