using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Persistence;
using NetTrainer.Training;

namespace NetTrainer.Tests.Training;

/// <summary>A run resumed from any epoch's state (through the checkpoint file's bytes) ends bit for bit as the run that never stopped.</summary>
public class ResumeTests
{
    private static readonly Dataset Training = SyntheticData.Create(60, seed: 3), Evaluation = SyntheticData.Create(20, seed: 4);

    private static (Network<float> Network, List<(TrainingState<float>, Network<float>)> States, List<EpochReport> Reports) Run(
        SgdOptions options, Checkpoint? from = null)
    {
        ResumableRandom rng = from is null ? new ResumableRandom(11) : ResumableRandom.Restore(11, from.State.RandomDraws);
        Network<float> network = from?.Network ?? Network<float>.CreateRandom([16, 7, 3], Sigmoid.Instance, Softmax.Instance,
            NegativeLogLikelihoodCost.Instance, WeightInit.Default, rng);
        var states = new List<(TrainingState<float>, Network<float>)>();
        var sink = new NetTrainer.Tests.Extensions.Recorder();
        Sgd.Train(network, Training, Evaluation, options, rng, sink, default,
            new Checkpoints<float>(from?.State, state => states.Add((state, network.ConvertTo<float>()))));
        return (network, states, sink.Reports.ToList());
    }

    private static IEnumerable<SgdOptions> Options()
    {
        var plain = new SgdOptions(Epochs: 6, MiniBatchSize: 7, Eta: 0.3, Lambda: 0.5);
        yield return plain;
        yield return plain with { Momentum = 0.8, L1 = 0.2 };
        yield return plain with { EarlyStopPatience = 2, HalveEtaPatience = 1, Eta = 3.0 };
        yield return plain with { Dropout = 0.5, InputDropout = 0.2, MaxNorm = 1.5 };
    }

    [TestCaseSource(nameof(Options))]
    public void A_run_resumed_after_any_epoch_ends_with_the_same_weights_and_reports(SgdOptions options)
    {
        (Network<float> whole, var states, List<EpochReport> reports) = Run(options);
        Assert.That(states, Is.Not.Empty);

        foreach ((TrainingState<float> state, Network<float> saved) in states)
        {
            // Through the file format, as a resumed process reads it.
            string path = Path.Combine(Path.GetTempPath(), $"nettrainer-resume-{Guid.NewGuid():N}.json");
            File.WriteAllBytes(path, CheckpointFile.Serialize(new Checkpoint(new Dictionary<string, string>(), 11, saved, state)));
            Checkpoint checkpoint = CheckpointFile.Load(path);
            File.Delete(path);

            (Network<float> resumed, _, List<EpochReport> resumedReports) = Run(options, checkpoint);

            for (int l = 0; l < whole.LayerCount; l++)
            {
                Assert.That(resumed.Weights[l].ToArray(), Is.EqualTo(whole.Weights[l].ToArray()), $"weights[{l}], resumed after epoch {state.Epoch}");
                Assert.That(resumed.Biases[l], Is.EqualTo(whole.Biases[l]), $"biases[{l}], resumed after epoch {state.Epoch}");
            }
            Assert.That(resumedReports.Select(Figures), Is.EqualTo(reports.Select(Figures)), $"reports, resumed after epoch {state.Epoch}");
            Assert.That(resumedReports.Take(state.Epoch).All(r => r.Resumed), Is.True, "the epochs before the checkpoint are marked resumed");
        }
    }

    private static string Figures(EpochReport r) =>
        FormattableString.Invariant($"{r.Epoch} {r.Training?.Cost:R} {r.Training?.Correct} {r.Evaluation?.Cost:R} {r.Evaluation?.Correct} {r.Eta:R}");
}
