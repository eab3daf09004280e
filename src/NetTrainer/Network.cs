// Index convention (used everywhere in NetTrainer): layers of neurons are numbered 0 .. L, layer 0 the input.
// weights[l] and biases[l], l = 0 .. L-1, map layer l to layer l+1: they are w^{l+1} and b^{l+1}, superscript = the
// layer they feed, as in the book. (The book counts layers from 1, so its w^2 is our w^1 = weights[0].)
//
// Glossary
//   n_l             neurons in layer l (Sizes[l])
//   m               mini-batch size
//   weights[l]      (n_{l+1}, n_l); row = neuron in layer l+1, column = neuron in layer l
//   biases[l]       (n_{l+1})
//   x, y            (m, n_0) inputs and (m, n_L) targets, one example per row. The book stacks examples as
//                   columns (X is n_0 x m); we store the transpose so that each example is contiguous, and
//                   every formula below is the book's, transposed: z = w a + b becomes zᵀ = aᵀ wᵀ + bᵀ.
//   zs, activations see ForwardPass; delta (m, n_{l+1}) = δ^{l+1} per example
//   nablaW, nablaB  see Gradients: summed over the mini-batch
//   eta, lambda     learning rate η and L2 regularisation λ (see the update rules in Training/); n = training set size
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.LinearAlgebra;
using NetTrainer.Training;

namespace NetTrainer;

/// <summary>A fully connected feedforward network trained by backpropagation (Nielsen, chapters 1–3).</summary>
public sealed class Network<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] sizes;

    /// <summary>A network of layer sizes n_0 .. n_L with weights[l] (n_{l+1}, n_l) and biases[l] (n_{l+1}); the shapes are checked.</summary>
    public Network(IReadOnlyList<int> sizes, Matrix<T>[] weights, T[][] biases,
        IActivation hidden, IActivation output, ICost cost)
    {
        if (sizes.Count < 2)
            throw new ArgumentException("A network needs at least an input and an output layer.", nameof(sizes));
        if (sizes.Any(n => n < 1))
            throw new ArgumentException($"Layer sizes must be positive; got {string.Join(",", sizes)}.", nameof(sizes));
        if (weights.Length != sizes.Count - 1 || biases.Length != sizes.Count - 1)
            throw new ArgumentException("One weight matrix and one bias vector per layer after the input.");
        for (int l = 0; l < weights.Length; l++)
            if (weights[l].Rows != sizes[l + 1] || weights[l].Cols != sizes[l] || biases[l].Length != sizes[l + 1])
                throw new ArgumentException(
                    $"Layer {l}: weights {weights[l]} and {biases[l].Length} biases do not map {sizes[l]} to {sizes[l + 1]} neurons.");
        this.sizes = sizes.ToArray();
        Weights = weights;
        Biases = biases;
        Hidden = hidden;
        Output = output;
        Cost = cost;
    }

    /// <summary>n_0 .. n_L, the neurons of each layer, input first.</summary>
    public IReadOnlyList<int> Sizes => sizes;

    /// <summary>weights[l]: (n_{l+1}, n_l), the book's w^{l+1}.</summary>
    public Matrix<T>[] Weights { get; }

    /// <summary>biases[l]: (n_{l+1}), the book's b^{l+1}.</summary>
    public T[][] Biases { get; }

    /// <summary>The activation of every hidden layer, 1 .. L − 1.</summary>
    public IActivation Hidden { get; }
    /// <summary>The activation of the output layer L.</summary>
    public IActivation Output { get; }
    /// <summary>The cost C(a^L, y) that training minimises, per example.</summary>
    public ICost Cost { get; }

    /// <summary>L: the number of weight layers.</summary>
    public int LayerCount => Weights.Length;

    /// <summary>n_0, the inputs per example (784 for MNIST).</summary>
    public int InputSize => sizes[0];
    /// <summary>n_L, the output neurons (10 for MNIST).</summary>
    public int OutputSize => sizes[^1];

    /// <summary>The activation of the layer that weights[l] feeds: hidden, or the output for the last.</summary>
    public IActivation ActivationOf(int l) => l == LayerCount - 1 ? Output : Hidden;

    /// <summary>A fresh network with weights drawn by <paramref name="init"/> from <paramref name="rng"/>.</summary>
    public static Network<T> CreateRandom(IReadOnlyList<int> sizes, IActivation hidden, IActivation output, ICost cost,
        WeightInit init, Random rng)
    {
        if (sizes.Count < 2 || sizes.Any(n => n < 1))
            throw new ArgumentException($"Layer sizes must be at least two positive numbers; got {string.Join(",", sizes)}.");
        var weights = new Matrix<T>[sizes.Count - 1];
        var biases = new T[sizes.Count - 1][];
        for (int l = 0; l < weights.Length; l++)
        {
            weights[l] = new Matrix<T>(sizes[l + 1], sizes[l]);
            biases[l] = new T[sizes[l + 1]];
            WeightInitializer.Fill(weights[l], biases[l], init, rng);
        }
        return new Network<T>(sizes, weights, biases, hidden, output, cost);
    }

    /// <summary>A new workspace (scratch) for mini-batches of <paramref name="batchSize"/> examples, its products on up to <paramref name="threads"/> threads.</summary>
    public Workspace<T> CreateWorkspace(int batchSize, int threads = 1) => new(sizes, batchSize, threads);

    /// <summary>
    /// The forward pass over the rows of x (m, n_0): z^{l+1} = w^{l+1} a^l + b^{l+1}, a^{l+1} = f(z^{l+1}), with
    /// a^0 = x. With dropout's <paramref name="masks"/> (see Training/Dropout), weights[l] reads a^l ⊙ r^l instead of
    /// a^l, and the pass keeps the masks for BP2. The pass is written into <paramref name="workspace"/> and lasts
    /// until its next use.
    /// </summary>
    public ForwardPass<T> Feedforward(Matrix<T> x, Workspace<T> workspace, Matrix<T>?[]? masks = null)
    {
        RequireRows(x, workspace, nameof(x));
        workspace.Activations[0] = x;
        return ForwardLayers(workspace, masks, from: 0);
    }

    /// <summary>
    /// The forward pass of an evaluation over images <paramref name="start"/> .. start + m − 1 of
    /// <paramref name="images"/>, x = pixel / 255, with weights[0] packed in <paramref name="firstLayer"/>: the first
    /// product is taken from the pixels (Kernels.MultiplyPixels, a sum over the nonzero pixels only), so z^1 equals
    /// Feedforward's up to float rounding and no x is gathered. The pass has no input matrix: only its output is read.
    /// Called a chunk at a time, it checks nothing: its caller (Evaluator) checks once per pass that the images fit
    /// this network, and packs <paramref name="firstLayer"/> from this network's weights[0] just before. With
    /// <paramref name="listed"/>, the chunk's nonzero pixels listed already, it reads those lists instead.
    /// </summary>
    internal ForwardPass<T> FeedforwardPixels(Dataset images, int start, PixelWeights<T> firstLayer,
        PixelScratch<T> scratch, Workspace<T> workspace, NonzeroPixelLists? listed = null)
    {
        Matrix<T> z = workspace.Zs[0];
        for (int row = 0; row < z.Rows; row++) // zᵀ = aᵀ wᵀ from the pixels
            if (listed is null)
                Kernels.MultiplyPixels(images.Image(start + row), firstLayer, z.Row(row), scratch);
            else
                Kernels.MultiplyListedPixels(listed, row, images.Image(start + row), firstLayer, z.Row(row), scratch);
        AddBiasAndActivate(0, workspace);
        return ForwardLayers(workspace, masks: null, from: 1);
    }

    // z^{l+1} = w^{l+1} a^l + b^{l+1}, a^{l+1} = f(z^{l+1}) for the layers from `from` on, from a^from in the workspace.
    private ForwardPass<T> ForwardLayers(Workspace<T> workspace, Matrix<T>?[]? masks, int from)
    {
        Matrix<T>[] zs = workspace.Zs, activations = workspace.Activations;
        (Matrix<T>[] buffers, Matrix<T>[] inputs)? dropped = masks is null ? null : workspace.Dropped;
        for (int l = from; l < LayerCount; l++)
        {
            Matrix<T> input = activations[l];
            if (masks?[l] is { } r)
            {
                input = dropped!.Value.buffers[l];
                TensorPrimitives.Multiply(activations[l].AsSpan(), r.AsSpan(), input.AsSpan()); // a^l ⊙ r^l
            }
            if (dropped is not null)
                dropped.Value.inputs[l] = input;
            // zᵀ = aᵀ wᵀ (m, n_{l+1}); the input layer's x is mostly zeros (an image's background), which the
            // product skips without changing a value (LiveChunks)
            Kernels.MultiplyTransposed(input, Weights[l], zs[l], workspace.Threads, skipZeroChunks: l == 0);
            AddBiasAndActivate(l, workspace);
        }
        return new ForwardPass<T>(zs, activations) { Masks = masks, Dropped = dropped?.inputs };
    }

    // z^{l+1} += b^{l+1} (each row), a^{l+1} = f(z^{l+1}). A wide layer with an elementwise activation that costs an
    // exp per element is done a piece of rows per thread (784,800,10's 100 x 800 sigmoids were a tenth of an epoch
    // on two threads, the other thread waiting); each row is computed as it would be alone.
    private void AddBiasAndActivate(int l, Workspace<T> workspace)
    {
        Matrix<T> z = workspace.Zs[l], a = workspace.Activations[l + 1];
        // At least 16 columns: every piece is then at least a 512-bit register long, and TensorPrimitives takes it
        // through the vector code as it takes the whole matrix (a shorter span may go element by element, other bits).
        if (ActivationOf(l) is IElementwiseActivation f && z.Cols >= Vector512<T>.Count)
        {
            LayerActivation<T> job = workspace.LayerActivation; // holds only the workspace's matrices and our biases
            (job.Z, job.A, job.Biases, job.Activation) = (z, a, Biases[l], f);
            Parallelism.ForRows(z.Rows, 1, (long)z.Rows * z.Cols * f.WorkPerElement, workspace.Threads, job);
            return;
        }
        AddBias(z, Biases[l], 0, z.Rows); // + bᵀ
        ActivationOf(l).Forward(z, a);    // a = f(z)
    }

    // z^{l+1} += b^{l+1} on rows start .. end − 1.
    internal static void AddBias(Matrix<T> z, T[] b, int start, int end)
    {
        for (int row = start; row < end; row++)
            TensorPrimitives.Add(z.Row(row), b, z.Row(row));
    }

    /// <summary>
    /// Backpropagation: from a forward pass and the targets y (m, n_L), the gradient of Σ_x C_x with respect to
    /// every weight and bias, and the errors δ^l. With <paramref name="fusedOutputDelta"/> (the default) the
    /// canonical pairs take δ^L = a − y; otherwise BP1 always takes the general vector–Jacobian path. The result
    /// is written into <paramref name="workspace"/> and lasts until its next use.
    /// </summary>
    public Gradients<T> Backprop(ForwardPass<T> pass, Matrix<T> y, Workspace<T> workspace, bool fusedOutputDelta = true)
    {
        RequireRows(y, workspace, nameof(y));
        Gradients<T> g = workspace.Gradients;
        OutputError(pass, y, g.Deltas[^1], fusedOutputDelta);                            // BP1
        for (int l = LayerCount - 1; l >= 0; l--)
        {
            if (l > 0)
                BackpropagateError(l, pass, g.Deltas, workspace.Threads);                 // BP2
            BiasGradient(g.Deltas[l], g.NablaB[l]);                                       // BP3
            // BP4: ∂C/∂w^{l+1}_{jk} = a^l_k δ^{l+1}_j, summed over the examples: nablaW = δᵀ a  (n_{l+1}, n_l)
            // (under dropout a^l is what weights[l] read, a^l ⊙ r^l: a dropped input's weights get no gradient)
            Kernels.TransposeMultiply(g.Deltas[l], pass.LayerInput(l), g.NablaW[l], workspace.Threads, sparseB: l == 0);
        }
        return g;
    }

    /// <summary>
    /// One step of mini-batch gradient descent, the book's update_mini_batch: feed the mini-batch forward,
    /// backpropagate, and let the update rule move the weights and biases along the gradient.
    /// </summary>
    public void UpdateMiniBatch(MiniBatch<T> batch, IUpdateRule<T> rule, Workspace<T> workspace)
    {
        ForwardPass<T> pass = Feedforward(batch.X, workspace);
        Gradients<T> gradients = Backprop(pass, batch.Y, workspace);
        rule.Apply(this, gradients, batch.Size);
    }

    // BP1: δ^L = ∇_a C ⊙ σ'(z^L); in general δ^L = J_f(z^L)ᵀ ∇_a C, and a − y for the canonical pairs.
    internal void OutputError(ForwardPass<T> pass, Matrix<T> y, Matrix<T> delta, bool fusedOutputDelta = true)
    {
        if (fusedOutputDelta && CanonicalOutputDelta.Applies(Cost, Output))
            CanonicalOutputDelta.AMinusY(pass.Output, y, delta);
        else
        {
            Cost.Gradient(pass.Output, y, delta);
            Output.Backward(pass.Zs[^1], pass.Output, delta, delta);
        }
    }

    // BP2: δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ σ'(z^l); transposed: δᵀ = δ^{l+1}ᵀ w^{l+1}, then the hidden activation's Jᵀ.
    // Under dropout the next layer read a^l ⊙ r^l, so δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ r^l ⊙ σ'(z^l).
    internal void BackpropagateError(int l, ForwardPass<T> pass, Matrix<T>[] deltas, int threads)
    {
        Kernels.Multiply(deltas[l], Weights[l], deltas[l - 1], threads);
        if (pass.Masks?[l] is { } r)
            TensorPrimitives.Multiply(deltas[l - 1].AsSpan(), r.AsSpan(), deltas[l - 1].AsSpan()); // ⊙ r^l
        Hidden.Backward(pass.Zs[l - 1], pass.Activations[l], deltas[l - 1], deltas[l - 1]);
    }

    // BP3: ∂C/∂b^{l+1} = δ^{l+1}, summed over the examples (rows).
    internal static void BiasGradient(Matrix<T> delta, T[] nablaB)
    {
        Array.Clear(nablaB);
        for (int row = 0; row < delta.Rows; row++)
            TensorPrimitives.Add(nablaB, delta.Row(row), nablaB);
    }

    private static void RequireRows(Matrix<T> m, Workspace<T> workspace, string name)
    {
        if (m.Rows != workspace.BatchSize)
            throw new ArgumentException($"{m} has {m.Rows} examples but the workspace holds {workspace.BatchSize}.", name);
    }

    /// <summary>Σ over the weights of |w|, for the L1 term (λ₁/n) Σ |w| of the regularised cost.</summary>
    public T SumOfAbsoluteWeights()
    {
        T sum = T.Zero;
        foreach (Matrix<T> w in Weights)
            sum += TensorPrimitives.SumOfMagnitudes<T>(w.AsSpan());
        return sum;
    }

    /// <summary>Copies every weight and bias from <paramref name="source"/>, a network of the same shape.</summary>
    public void CopyParametersFrom(Network<T> source)
    {
        if (!source.Sizes.SequenceEqual(Sizes))
            throw new ArgumentException($"Cannot copy a {string.Join(",", source.Sizes)} network into a {string.Join(",", Sizes)} one.", nameof(source));
        for (int l = 0; l < LayerCount; l++)
        {
            source.Weights[l].AsSpan().CopyTo(Weights[l].AsSpan());
            source.Biases[l].CopyTo(Biases[l], 0);
        }
    }

    /// <summary>Σ over the weights of w², for the L2 term (λ/2n) Σ w² of the regularised cost.</summary>
    public T SumOfSquaredWeights()
    {
        T sum = T.Zero;
        foreach (Matrix<T> w in Weights)
            sum += TensorPrimitives.SumOfSquares<T>(w.AsSpan());
        return sum;
    }

    /// <summary>A deep copy in element type <typeparamref name="TOther"/> (e.g. float64 for a gradient check).</summary>
    public Network<TOther> ConvertTo<TOther>() where TOther : unmanaged, IFloatingPointIeee754<TOther>
    {
        var weights = new Matrix<TOther>[LayerCount];
        var biases = new TOther[LayerCount][];
        for (int l = 0; l < LayerCount; l++)
        {
            weights[l] = new Matrix<TOther>(Weights[l].Rows, Weights[l].Cols);
            Span<T> from = Weights[l].AsSpan();
            Span<TOther> to = weights[l].AsSpan();
            for (int i = 0; i < from.Length; i++)
                to[i] = TOther.CreateChecked(from[i]);
            biases[l] = Biases[l].Select(TOther.CreateChecked).ToArray();
        }
        return new Network<TOther>(sizes, weights, biases, Hidden, Output, Cost);
    }

    /// <summary>True when every weight and bias is finite.</summary>
    public bool IsFinite() =>
        Weights.All(w => AllFinite(w.AsSpan())) && Biases.All(b => AllFinite(b));

    private static bool AllFinite(ReadOnlySpan<T> values)
    {
        foreach (T v in values)
            if (!T.IsFinite(v))
                return false;
        return true;
    }
}
