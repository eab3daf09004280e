// Glossary (the book's names, NetTrainer's numbering: layers 0 .. L, layer 0 the input, as in Network.cs)
//   x, y        the one example's input (n_0) and target (n_L)
//   w^l, b^l    weights[l−1] (n_l, n_{l−1}) and biases[l−1] (n_l), l = 1 .. L; w^l_jk joins neuron k of layer l−1
//               to neuron j of layer l (row j, column k)
//   z^l, a^l    (n_l) weighted input and activation of layer l; a^0 = x
//   ∇_a C       (n_L) the cost's gradient with respect to the output activations
//   Jᵀ          (n_L, n_L) the transposed Jacobian of the output activation at z^L: column i is Jᵀ e_i
//   δ^l         (n_l) the error ∂C/∂z^l
using NetTrainer.Costs;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Course;

/// <summary>The forward pass of layer l: z^l = w^l a^{l−1} + b^l and a^l = f(z^l).</summary>
public sealed record ForwardStep(int Layer, Matrix<double> W, double[] B, double[] APrevious, double[] Z, double[] A);

/// <summary>
/// BP1 for the output layer L: δ^L = Jᵀ ∇_a C in general, and δ^L = a^L − y where the pairing is canonical
/// (<see cref="CanonicalDelta"/> is null otherwise).
/// </summary>
public sealed record OutputErrorStep(int Layer, double[] GradientA, Matrix<double> JacobianTransposed, double[] Delta,
    double[]? CanonicalDelta)
{
    /// <summary>max_j |δ^L_j (general) − δ^L_j (a − y)|, or null without the canonical shortcut.</summary>
    public double? LargestDifference => CanonicalDelta?.Zip(Delta, (c, d) => Math.Abs(c - d)).Max();
}

/// <summary>BP2 for hidden layer l: δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ f'(z^l), with its two factors.</summary>
public sealed record HiddenErrorStep(int Layer, Matrix<double> WNext, double[] DeltaNext, double[] BackpropagatedError,
    double[] ActivationDerivative, double[] Delta);

/// <summary>BP3 and BP4 for layer l: ∂C/∂b^l = δ^l and ∂C/∂w^l_jk = a^{l−1}_k δ^l_j.</summary>
public sealed record LayerGradient(int Layer, double[] Delta, double[] APrevious, double[] NablaB, Matrix<double> NablaW);

/// <summary>One example taken through the forward pass and BP1–BP4, every vector and matrix as backprop computed it.</summary>
public sealed record BackpropWalkthrough(
    Network<double> Network,
    double[] X,
    double[] Y,
    double Cost,
    IReadOnlyList<ForwardStep> Forward,
    OutputErrorStep Bp1,
    IReadOnlyList<HiddenErrorStep> Bp2,
    IReadOnlyList<LayerGradient> Gradients);

/// <summary>
/// Builds a <see cref="BackpropWalkthrough"/> from the library itself: <see cref="Network{T}.Backprop"/> with
/// fusedOutputDelta false (the general BP1) gives z, a, every δ^l and the gradients; a second
/// call with true gives δ^L = a − y for the canonical pairs. The factors shown beside them (∇_a C, Jᵀ, f'(z^l),
/// (w^{l+1})ᵀ δ^{l+1}) come from the same cost, activations and kernels that backprop calls.
/// </summary>
public static class Walkthrough
{
    /// <summary>BP1–BP4 on one example (x, y), each factor shown beside the δ^l and gradients it makes; x has n_0 entries, y n_L.</summary>
    public static BackpropWalkthrough Explain(Network<double> network, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != network.InputSize)
            throw new ArgumentException($"The input has {x.Count} numbers but the network's input layer has {network.InputSize} neurons.");
        if (y.Count != network.OutputSize)
            throw new ArgumentException($"The target has {y.Count} numbers but the network's output layer has {network.OutputSize} neurons.");
        int layers = network.LayerCount;
        var example = new MiniBatch<double>(size: 1, network.InputSize, network.OutputSize);
        x.ToArray().CopyTo(example.X.Row(0));
        y.ToArray().CopyTo(example.Y.Row(0));
        Workspace<double> scratch = network.CreateWorkspace(batchSize: 1);

        ForwardPass<double> pass = network.Feedforward(example.X, scratch);
        Gradients<double> gradients = network.Backprop(pass, example.Y, scratch, fusedOutputDelta: false);
        Matrix<double>[] zs = pass.Zs, activations = pass.Activations, deltas = gradients.Deltas;
        double cost = network.Cost.Sum(activations[^1], example.Y);

        var forward = new List<ForwardStep>();
        for (int l = 0; l < layers; l++)
            forward.Add(new ForwardStep(l + 1, network.Weights[l].Clone(), network.Biases[l].ToArray(),
                Row(activations[l]), Row(zs[l]), Row(activations[l + 1])));

        var gradA = new Matrix<double>(1, network.OutputSize);
        network.Cost.Gradient(activations[^1], example.Y, gradA);
        var bp2 = new List<HiddenErrorStep>();
        for (int l = layers - 1; l >= 1; l--)
        {
            var backpropagated = new Matrix<double>(1, network.Sizes[l]);
            Kernels.Multiply(deltas[l], network.Weights[l], backpropagated, threads: 1);   // ((w^{l+1})ᵀ δ^{l+1})ᵀ = δ^{l+1}ᵀ w^{l+1}
            bp2.Add(new HiddenErrorStep(l, network.Weights[l].Clone(), Row(deltas[l]), Row(backpropagated),
                Row(VectorJacobianProducts(network.Hidden, zs[l - 1], activations[l], Ones(network.Sizes[l]))), Row(deltas[l - 1])));
        }
        var grads = new List<LayerGradient>();
        for (int l = 0; l < layers; l++)
            grads.Add(new LayerGradient(l + 1, Row(deltas[l]), Row(activations[l]), gradients.NablaB[l].ToArray(), gradients.NablaW[l].Clone()));
        Matrix<double> jacobianT = TransposedJacobian(network, zs[^1], activations[^1]);
        double[] generalDelta = Row(deltas[^1]);

        double[]? canonical = null;
        if (CanonicalOutputDelta.Applies(network.Cost, network.Output))
        {
            // The same scratch: the general path's δ^l were copied out above, before this overwrites them.
            canonical = Row(network.Backprop(pass, example.Y, scratch, fusedOutputDelta: true).OutputDelta);
        }
        var bp1 = new OutputErrorStep(layers, Row(gradA), jacobianT, generalDelta, canonical);
        return new BackpropWalkthrough(network, x.ToArray(), y.ToArray(), cost, forward, bp1, bp2, grads);
    }

    // Column i of Jᵀ is Jᵀ e_i: the output activation's own vector–Jacobian product of each unit vector.
    private static Matrix<double> TransposedJacobian(Network<double> network, Matrix<double> z, Matrix<double> a)
    {
        int n = network.OutputSize;
        var jacobianT = new Matrix<double>(n, n);
        for (int i = 0; i < n; i++)
        {
            var unit = new Matrix<double>(1, n);
            unit[0, i] = 1.0;
            Matrix<double> column = VectorJacobianProducts(network.Output, z, a, unit);
            for (int row = 0; row < n; row++)
                jacobianT[row, i] = column[0, row];
        }
        return jacobianT;
    }

    // For an elementwise f (every hidden activation) Jᵀ 1 = f'(z).
    private static Matrix<double> VectorJacobianProducts(Activations.IActivation f, Matrix<double> z, Matrix<double> a, Matrix<double> g)
    {
        var result = new Matrix<double>(1, g.Cols);
        f.Backward(z, a, g, result);
        return result;
    }

    private static Matrix<double> Ones(int n)
    {
        var ones = new Matrix<double>(1, n);
        ones.AsSpan().Fill(1.0);
        return ones;
    }

    private static double[] Row(Matrix<double> m) => m.Row(0).ToArray();
}
