using System.Numerics;
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Persistence;

namespace NetTrainer.Cli.Runs;

/// <summary>The network a request asks for: loaded from its file, or random weights drawn from the run's generator.</summary>
public static class NetworkFactory
{
    public static Network<T> Create<T>(NetworkRequest request, Random rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (request.InitFrom is { } path)
        {
            Network<T> loaded = NetworkFile.Load<T>(path);
            if (request.SizesGiven && !request.Sizes.SequenceEqual(loaded.Sizes))
                throw new UsageException(
                    $"--sizes {string.Join(",", request.Sizes)} disagrees with {path}, which has {string.Join(",", loaded.Sizes)}.");
            return loaded;
        }
        return Network<T>.CreateRandom(
            sizes: request.Sizes,
            hidden: ActivationCatalog.ParseHidden(request.Hidden),
            output: ActivationCatalog.ParseOutput(request.Output),
            cost: CostCatalog.Parse(request.Cost),
            init: request.Init,
            rng: rng);
    }
}
