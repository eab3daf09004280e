// Glossary
//   n        training set size
//   m        mini-batch size; the last mini-batch of an epoch holds n mod m examples when m does not divide n
//   order    the permutation of 0..n-1 that the epoch walks, mini-batch by mini-batch
using System.Numerics;
using NetTrainer.Data;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Training;

/// <summary>
/// The SGD epochs of one training run: the mini-batches, the scratch and the example order, allocated once, so that
/// an epoch allocates nothing (but the learning-signal record, when asked for). <see cref="Sgd"/>.Train runs
/// them; the benchmark times them alone.
/// </summary>
public sealed class SgdEpochs<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Network<T> network;
    private Dataset training;
    private readonly Random rng;
    private readonly bool shuffle;
    private readonly (MiniBatch<T> Batch, Workspace<T> Scratch, Dropout<T>? Dropout) full;
    private readonly (MiniBatch<T> Batch, Workspace<T> Scratch, Dropout<T>? Dropout)? remainder;
    private readonly T? maxNorm;
    private readonly int[] order;
    private readonly IUpdateRule<T> rule;
    private readonly LearningSignalMeter<T>? meter;
    private double eta;

    /// <summary>The epochs of <paramref name="network"/> on <paramref name="training"/> with <paramref name="options"/>; <paramref name="rng"/> shuffles each epoch (unless the options turn shuffling off).</summary>
    public SgdEpochs(Network<T> network, Dataset training, SgdOptions options, Random rng)
    {
        options.Validate();
        this.network = network;
        this.training = training;
        this.rng = rng;
        shuffle = options.Shuffle;
        int n = training.Count, m = Math.Min(options.MiniBatchSize, n);
        Dropout<T>? DropoutFor(int size) => Dropout<T>.IsOn(options.InputDropout, options.Dropout)
            ? new Dropout<T>(network.Sizes, size, options.InputDropout, options.Dropout) : null;
        full = (MiniBatch<T>.For(network, m), network.CreateWorkspace(m, options.Threads), DropoutFor(m));
        remainder = n % m == 0 ? null : (MiniBatch<T>.For(network, n % m), network.CreateWorkspace(n % m, options.Threads), DropoutFor(n % m));
        maxNorm = options.MaxNorm is { } c ? T.CreateChecked(c) : null;
        order = Enumerable.Range(0, n).ToArray();
        rule = options.UpdateRuleFor<T>(network.Sizes, n);
        meter = options.MeasureLearningSignal ? new LearningSignalMeter<T>(network.LayerCount) : null;
        eta = options.Eta;
    }

    /// <summary>The images the next epoch trains on: the same count, shape and classes as those given at first.</summary>
    public Dataset Training
    {
        get => training;
        set
        {
            if (value.Count != training.Count || value.InputSize != training.InputSize || value.ClassCount != training.ClassCount)
                throw new ArgumentException(
                    $"An epoch's training data must match the first: {training.Count} examples of {training.InputSize} inputs " +
                    $"in {training.ClassCount} classes; got {value.Count} of {value.InputSize} in {value.ClassCount}.", nameof(value));
            training = value;
        }
    }

    /// <summary>The learning rate of the next epoch.</summary>
    public double Eta
    {
        get => eta;
        set => rule.Eta = T.CreateChecked(eta = value); // halving is exact in binary, so T(η/2) = T(η)/2
    }

    /// <summary>The example order of the last epoch (a copy), the momentum velocities (copies, null without momentum).</summary>
    public (int[] Order, Matrix<T>[]? WeightVelocity, T[][]? BiasVelocity) Capture() =>
        rule is MomentumSgd<T> { WeightVelocity: { } vw, BiasVelocity: { } vb }
            ? (order.ToArray(), vw.Select(v => v.Clone()).ToArray(), vb.Select(v => v.ToArray()).ToArray())
            : (order.ToArray(), null, null);

    /// <summary>Takes up a checkpoint's example order, η and velocities.</summary>
    public void Restore(TrainingState<T> state)
    {
        if (state.Order.Length != order.Length)
            throw new ArgumentException($"The checkpoint's example order has {state.Order.Length} entries but the training data {order.Length} examples.", nameof(state));
        state.Order.CopyTo(order, 0);
        Eta = state.Eta;
        if (rule is MomentumSgd<T> { WeightVelocity: { } vw, BiasVelocity: { } vb } && state.WeightVelocity is { } sw && state.BiasVelocity is { } sb)
            for (int l = 0; l < vw.Length; l++)
            {
                sw[l].AsSpan().CopyTo(vw[l].AsSpan());
                sb[l].CopyTo(vb[l], 0);
            }
    }

    /// <summary>
    /// One pass over the training data: shuffle (unless turned off), then one SGD step per mini-batch.
    /// Returns the epoch's learning signal when the options ask for it.
    /// </summary>
    /// <param name="examplesDone">Called after each step with the examples trained on so far (for a progress line).</param>
    /// <param name="cancellation">Checked before each mini-batch: a cancelled epoch throws before its next step.</param>
    public LearningSignal? Run(CancellationToken cancellation = default, Action<int>? examplesDone = null)
    {
        int n = order.Length;
        if (shuffle)
            rng.Shuffle(order);
        for (int start = 0; start < n; start += full.Batch.Size)
        {
            cancellation.ThrowIfCancellationRequested();
            (MiniBatch<T> batch, Workspace<T> scratch, Dropout<T>? dropout) = n - start >= full.Batch.Size ? full : remainder!.Value;
            Batches.Gather(training, order.AsSpan(start, batch.Size), batch);
            int next = start + batch.Size;
            Batches.Prefetch(training, order.AsSpan(next, Math.Min(full.Batch.Size, n - next)));
            Step(batch, scratch, dropout);
            examplesDone?.Invoke(start + batch.Size);
        }
        return meter?.Take();
    }

    private void Step(MiniBatch<T> batch, Workspace<T> scratch, Dropout<T>? dropout)
    {
        // The signal is the gradient at the weights the step starts from, measured beside the step, not inside it.
        if (meter is not null)
            meter.Add(network.Backprop(network.Feedforward(batch.X, scratch), batch.Y, scratch));
        if (dropout is not null)
        {
            // Dropout takes the plain path (the fused step has no masks): fresh masks from the run's generator, then
            // BP1–BP4 through them.
            dropout.Draw(rng);
            rule.Apply(network, network.Backprop(network.Feedforward(batch.X, scratch, dropout.Masks), batch.Y, scratch), batch.Size);
        }
        else if (rule is WeightDecaySgd<T> book)
            book.UpdateMiniBatchFused(network, batch, scratch);
        else
            network.UpdateMiniBatch(batch, rule, scratch);
        if (maxNorm is { } c)
            MaxNorm.Apply(network, c);
    }
}
