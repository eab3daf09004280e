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
//   eta, lambda     learning rate η and L2 regularisation λ; n = training set size
using System.Numerics;
using System.Numerics.Tensors;
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.LinearAlgebra;

namespace NetTrainer;

/// <summary>A fully connected feedforward network trained by backpropagation (Nielsen, chapters 1–3).</summary>
public sealed class Network<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] sizes;

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

    public IReadOnlyList<int> Sizes => sizes;

    /// <summary>weights[l]: (n_{l+1}, n_l), the book's w^{l+1}.</summary>
    public Matrix<T>[] Weights { get; }

    /// <summary>biases[l]: (n_{l+1}), the book's b^{l+1}.</summary>
    public T[][] Biases { get; }

    public IActivation Hidden { get; }
    public IActivation Output { get; }
    public ICost Cost { get; }

    /// <summary>L: the number of weight layers.</summary>
    public int LayerCount => Weights.Length;

    public int InputSize => sizes[0];
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

    /// <summary>A new workspace for mini-batches of <paramref name="batchSize"/> examples.</summary>
    public Workspace<T> CreateWorkspace(int batchSize) => new(sizes, batchSize);

    /// <summary>
    /// The forward pass over the rows of workspace.Inputs (the returned pass lives in the workspace: the next
    /// call on it overwrites it): z^{l+1} = w^{l+1} a^l + b^{l+1}, a^{l+1} = f(z^{l+1}).
    /// </summary>
    public ForwardPass<T> Feedforward(Workspace<T> workspace)
    {
        ForwardPass<T> pass = workspace.Pass;
        for (int l = 0; l < LayerCount; l++)
        {
            Matrix<T> z = pass.Zs[l], aIn = pass.Activations[l];
            Kernels.MultiplyTransposed(aIn, Weights[l], z);               // zᵀ = aᵀ wᵀ   (m, n_{l+1})
            for (int row = 0; row < z.Rows; row++)
                TensorPrimitives.Add(z.Row(row), Biases[l], z.Row(row));  //    + bᵀ
            ActivationOf(l).Forward(z, pass.Activations[l + 1]);          // a = f(z)
        }
        return pass;
    }

    /// <summary>
    /// Backpropagation over the mini-batch in workspace.Inputs/Targets: the gradient of Σ_x C_x with
    /// respect to every weight and bias. With <paramref name="fusedOutputDelta"/> (the default) the canonical
    /// pairs use δ^L = a - y; otherwise BP1 always takes the general vector–Jacobian path.
    /// </summary>
    public Gradients<T> Backprop(Workspace<T> workspace, bool fusedOutputDelta = true)
    {
        Backpropagate(workspace, fusedOutputDelta, workspace.Gradients.NablaW, alpha: T.One, beta: T.Zero);
        return workspace.Gradients;
    }

    /// <summary>
    /// One step of mini-batch SGD with L2 weight decay (Nielsen's update_mini_batch):
    /// w ← (1 - ηλ/n) w - (η/m) nablaW, b ← b - (η/m) nablaB. Biases are not decayed. BP4 writes straight
    /// into the weights (the weights are read and written once); workspace.Gradients.NablaW is not filled.
    /// </summary>
    public void UpdateMiniBatch(Workspace<T> workspace, T eta, T lambda, int n)
    {
        T step = eta / T.CreateChecked(workspace.BatchSize);
        T decay = T.One - eta * lambda / T.CreateChecked(n);
        Backpropagate(workspace, fusedOutputDelta: true, Weights, alpha: -step, beta: decay);
        for (int l = 0; l < LayerCount; l++)
            Update.ScaleAndSubtract(Biases[l], T.One, workspace.Gradients.NablaB[l], step);
    }

    /// <summary>
    /// The same step as <see cref="UpdateMiniBatch(Workspace{T}, T, T, int)"/>, bit for bit, taken as backprop into
    /// workspace.Gradients followed by the update, so that the gradients can be looked at (the learning signal).
    /// </summary>
    public void UpdateMiniBatchFromGradients(Workspace<T> workspace, T eta, T lambda, int n)
    {
        Gradients<T> g = Backprop(workspace);
        T step = eta / T.CreateChecked(workspace.BatchSize);
        T decay = T.One - eta * lambda / T.CreateChecked(n);
        for (int l = 0; l < LayerCount; l++)
        {
            Update.ScaleAndSubtract(Weights[l].AsSpan(), decay, g.NablaW[l].AsSpan(), step);
            Update.ScaleAndSubtract(Biases[l], T.One, g.NablaB[l], step);
        }
    }

    /// <summary>
    /// One step of mini-batch SGD with chapter 3's extensions, from the gradient g = nablaW/m + (λ/n) w + (λ₁/n) sgn(w)
    /// (biases: nablaB/m): with momentum μ, v ← μ v − η g and w ← w + v; without, w ← w − η g. Leaves the gradients
    /// in workspace.Gradients. The plain step of <see cref="UpdateMiniBatch(Workspace{T}, T, T, int)"/> is faster;
    /// this one is for when momentum or L1 is on.
    /// </summary>
    public void UpdateMiniBatch(Workspace<T> workspace, SgdStep<T> step, int n)
    {
        Gradients<T> g = Backprop(workspace);
        T invM = T.One / T.CreateChecked(workspace.BatchSize);
        T l2 = step.Lambda / T.CreateChecked(n), l1 = step.L1 / T.CreateChecked(n);
        for (int l = 0; l < LayerCount; l++)
        {
            Span<T> w = Weights[l].AsSpan(), nablaW = g.NablaW[l].AsSpan();
            Span<T> v = step.WeightVelocity is null ? default : step.WeightVelocity[l].AsSpan();
            for (int i = 0; i < w.Length; i++)
            {
                // sgn(w) by comparisons: T.Sign throws on NaN, and a diverging run must reach the divergence check.
                T sign = w[i] > T.Zero ? T.One : w[i] < T.Zero ? -T.One : T.Zero;
                T gradient = nablaW[i] * invM + l2 * w[i] + l1 * sign;
                if (v.IsEmpty)
                    w[i] -= step.Eta * gradient;
                else
                    w[i] += v[i] = step.Momentum * v[i] - step.Eta * gradient;
            }
            Span<T> b = Biases[l], nablaB = g.NablaB[l];
            Span<T> vb = step.BiasVelocity is null ? default : step.BiasVelocity[l];
            for (int i = 0; i < b.Length; i++)
            {
                T gradient = nablaB[i] * invM;
                if (vb.IsEmpty)
                    b[i] -= step.Eta * gradient;
                else
                    b[i] += vb[i] = step.Momentum * vb[i] - step.Eta * gradient;
            }
        }
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
            throw new ArgumentException($"Cannot copy a {string.Join(",", source.Sizes)} network into a {string.Join(",", Sizes)} one.");
        for (int l = 0; l < LayerCount; l++)
        {
            source.Weights[l].Data.CopyTo(Weights[l].Data, 0);
            source.Biases[l].CopyTo(Biases[l], 0);
        }
    }

    // Backprop with BP4's result going to wTarget[l] ← beta · wTarget[l] + alpha · nablaW[l]: the gradient itself
    // (alpha 1, beta 0) or the SGD step on the weights. BP2 for a layer runs before BP4 changes its weights.
    private void Backpropagate(Workspace<T> workspace, bool fusedOutputDelta, Matrix<T>[] wTarget, T alpha, T beta)
    {
        ForwardPass<T> pass = Feedforward(workspace);
        Matrix<T>[] zs = pass.Zs, activations = pass.Activations, delta = workspace.Deltas;
        T[][] nablaB = workspace.Gradients.NablaB;
        int last = LayerCount - 1;

        // BP1: δ^L = ∇_a C ⊙ σ'(z^L), in general δ^L = J_f(z^L)ᵀ ∇_a C
        if (fusedOutputDelta && CanonicalOutputDelta.Applies(Cost, Output))
            CanonicalOutputDelta.AMinusY(activations[^1], workspace.Targets, delta[last]);
        else
        {
            Cost.Gradient(activations[^1], workspace.Targets, delta[last]);
            Output.Backward(zs[last], activations[^1], delta[last], delta[last]);
        }

        for (int l = last; l >= 0; l--)
        {
            if (l > 0)
            {
                // BP2: δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ σ'(z^l);  transposed: δᵀ = δ^{l+1}ᵀ w^{l+1}, then J_fᵀ
                Kernels.Multiply(delta[l], Weights[l], delta[l - 1]);
                Hidden.Backward(zs[l - 1], activations[l], delta[l - 1], delta[l - 1]);
            }
            // BP3: ∂C/∂b^{l+1} = δ^{l+1}, summed over the examples (rows)
            Array.Clear(nablaB[l]);
            for (int row = 0; row < delta[l].Rows; row++)
                TensorPrimitives.Add(nablaB[l], delta[l].Row(row), nablaB[l]);
            // BP4: ∂C/∂w^{l+1}_{jk} = a^l_k δ^{l+1}_j, summed over the examples: nablaW = δᵀ a  (n_{l+1}, n_l)
            Kernels.TransposeMultiplyUpdate(delta[l], activations[l], wTarget[l], alpha, beta);
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
            for (int i = 0; i < Weights[l].Data.Length; i++)
                weights[l].Data[i] = TOther.CreateChecked(Weights[l].Data[i]);
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
