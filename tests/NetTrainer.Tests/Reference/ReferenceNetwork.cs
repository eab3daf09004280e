// An independent reference for the forward pass and backpropagation, written from the book (Nielsen,
// "Neural Networks and Deep Learning", chapters 1–3) and sharing nothing with NetTrainer but the numbers
// copied out of a Network<double>: no kernels, no IActivation, no ICost, no TensorPrimitives. Plain arrays,
// one example at a time, scalar loops, every formula written out. Slow on purpose: it is the oracle.
//
// Index convention (the library's): layers of neurons 0 .. L, layer 0 the input; weights[l] and biases[l]
// map layer l to layer l+1, so they are the book's w^{l+1} and b^{l+1}.
//
// Glossary
//   n_l             neurons in layer l (Sizes[l])
//   weights[l]      double[n_{l+1}, n_l]; weights[l][j, k] = w^{l+1}_{jk}, from neuron k of layer l to j of l+1
//   biases[l]       double[n_{l+1}]; b^{l+1}_j
//   x, y            double[n_0] input and double[n_L] target of ONE example
//   zs[l]           double[n_{l+1}] z^{l+1}_j = Σ_k w^{l+1}_{jk} a^l_k + b^{l+1}_j
//   activations[l]  double[n_l] a^l; activations[0] = x, activations[L] = a^L the output
//   delta[l]        double[n_{l+1}] δ^{l+1}_j = ∂C/∂z^{l+1}_j
//   jacobian        double[n, n] ∂a_i/∂z_j of the output activation; row i = output, column j = input
//   nablaW, nablaB  shaped like weights and biases: Σ over the examples of ∂C_x/∂w and ∂C_x/∂b
namespace NetTrainer.Tests.Reference;

/// <summary>What <see cref="ReferenceNetwork.Feedforward"/> returns for one example: the book's zs and activations.</summary>
public sealed record ReferencePass(double[][] Zs, double[][] Activations)
{
    /// <summary>a^L, double[n_L].</summary>
    public double[] Output => Activations[^1];
}

/// <summary>Σ_x ∂C_x/∂w and Σ_x ∂C_x/∂b, one array per layer, shaped like the weights and biases.</summary>
public sealed record ReferenceGradients(double[][,] NablaW, double[][] NablaB);

/// <summary>A feedforward network evaluated by the book's formulas, one example at a time.</summary>
public sealed class ReferenceNetwork
{
    public static readonly IReadOnlyList<string> ElementwiseActivations = ["sigmoid", "tanh", "relu"];
    public static readonly IReadOnlyList<string> OutputActivations = ["sigmoid", "tanh", "relu", "softmax"];
    public static readonly IReadOnlyList<string> Costs = ["quadratic", "cross-entropy", "nll"];

    private readonly string hidden, output, cost;

    /// <summary>
    /// Copies the weights and biases out of <paramref name="network"/>; the activations and the cost are
    /// named here, not taken from the network, so a mix-up in the library's catalogs shows as a disagreement.
    /// </summary>
    public ReferenceNetwork(Network<double> network, string hidden, string output, string cost)
    {
        if (!ElementwiseActivations.Contains(hidden))
            throw new ArgumentException($"Hidden activation '{hidden}': expected one of {string.Join(", ", ElementwiseActivations)}.");
        if (!OutputActivations.Contains(output))
            throw new ArgumentException($"Output activation '{output}': expected one of {string.Join(", ", OutputActivations)}.");
        if (!Costs.Contains(cost))
            throw new ArgumentException($"Cost '{cost}': expected one of {string.Join(", ", Costs)}.");
        this.hidden = hidden;
        this.output = output;
        this.cost = cost;

        Sizes = network.Sizes.ToArray();
        Weights = new double[LayerCount][,];
        Biases = new double[LayerCount][];
        for (int l = 0; l < LayerCount; l++)
        {
            Weights[l] = new double[Sizes[l + 1], Sizes[l]];
            for (int j = 0; j < Sizes[l + 1]; j++)
                for (int k = 0; k < Sizes[l]; k++)
                    Weights[l][j, k] = network.Weights[l][j, k];
            Biases[l] = new double[Sizes[l + 1]];
            for (int j = 0; j < Sizes[l + 1]; j++)
                Biases[l][j] = network.Biases[l][j];
        }
    }

    public int[] Sizes { get; }

    /// <summary>L: the number of weight layers.</summary>
    public int LayerCount => Sizes.Length - 1;

    /// <summary>weights[l]: double[n_{l+1}, n_l], the book's w^{l+1}. Mutable, so a finite-difference check can nudge it.</summary>
    public double[][,] Weights { get; }

    /// <summary>biases[l]: double[n_{l+1}], the book's b^{l+1}.</summary>
    public double[][] Biases { get; }

    /// <summary>z^{l+1} = w^{l+1} a^l + b^{l+1}, a^{l+1} = f(z^{l+1}) for l = 0 .. L-1.</summary>
    public ReferencePass Feedforward(double[] x)
    {
        if (x.Length != Sizes[0])
            throw new ArgumentException($"Input of length {x.Length}; the network takes {Sizes[0]}.");
        var zs = new double[LayerCount][];
        var activations = new double[LayerCount + 1][];
        activations[0] = (double[])x.Clone();
        for (int l = 0; l < LayerCount; l++)
        {
            zs[l] = new double[Sizes[l + 1]];
            for (int j = 0; j < Sizes[l + 1]; j++)
            {
                double z = Biases[l][j];
                for (int k = 0; k < Sizes[l]; k++)
                    z += Weights[l][j, k] * activations[l][k];
                zs[l][j] = z;
            }
            activations[l + 1] = Activate(l == LayerCount - 1 ? output : hidden, zs[l]);
        }
        return new ReferencePass(zs, activations);
    }

    /// <summary>C(a, y) for one example, by the book's formula for the named cost.</summary>
    public double Cost(double[] a, double[] y)
    {
        RequireLogArguments(a);
        double c = 0;
        for (int j = 0; j < a.Length; j++)
            c += cost switch
            {
                "quadratic" => 0.5 * (a[j] - y[j]) * (a[j] - y[j]),                          // ½ Σ (a - y)²
                "cross-entropy" => -(y[j] * System.Math.Log(a[j]) + (1 - y[j]) * System.Math.Log(1 - a[j])),
                "nll" => -y[j] * System.Math.Log(a[j]),                                       // -Σ y ln a
                _ => throw new InvalidOperationException(cost),
            };
        return c;
    }

    /// <summary>Σ_x C(a^L(x), y(x)) over the examples.</summary>
    public double TotalCost(double[][] xs, double[][] ys)
    {
        double total = 0;
        for (int x = 0; x < xs.Length; x++)
            total += Cost(Feedforward(xs[x]).Output, ys[x]);
        return total;
    }

    /// <summary>BP1–BP4 for each example, the gradients summed over the examples.</summary>
    public ReferenceGradients Backprop(double[][] xs, double[][] ys)
    {
        if (xs.Length != ys.Length)
            throw new ArgumentException($"{xs.Length} inputs but {ys.Length} targets.");
        var nablaW = new double[LayerCount][,];
        var nablaB = new double[LayerCount][];
        for (int l = 0; l < LayerCount; l++)
        {
            nablaW[l] = new double[Sizes[l + 1], Sizes[l]];
            nablaB[l] = new double[Sizes[l + 1]];
        }
        for (int x = 0; x < xs.Length; x++)
            BackpropOne(xs[x], ys[x], nablaW, nablaB);
        return new ReferenceGradients(nablaW, nablaB);
    }

    // Adds one example's ∂C/∂w and ∂C/∂b into nablaW and nablaB.
    private void BackpropOne(double[] x, double[] y, double[][,] nablaW, double[][] nablaB)
    {
        ReferencePass pass = Feedforward(x);
        int last = LayerCount - 1;
        var delta = new double[LayerCount][];

        // BP1: δ^L_j = Σ_i (∂a_i/∂z_j)(∂C/∂a_i), with the output activation's full n x n Jacobian.
        double[] gradA = CostGradient(pass.Output, y);
        double[,] jacobian = Jacobian(output, pass.Zs[last]);
        int nL = Sizes[^1];
        delta[last] = new double[nL];
        for (int j = 0; j < nL; j++)
        {
            double sum = 0;
            for (int i = 0; i < nL; i++)
                sum += jacobian[i, j] * gradA[i];
            delta[last][j] = sum;
        }

        for (int l = last; l >= 0; l--)
        {
            if (l < last)
            {
                // BP2: δ^{l+1}_k = (Σ_j w^{l+2}_{jk} δ^{l+2}_j) σ'(z^{l+1}_k)
                delta[l] = new double[Sizes[l + 1]];
                for (int k = 0; k < Sizes[l + 1]; k++)
                {
                    double sum = 0;
                    for (int j = 0; j < Sizes[l + 2]; j++)
                        sum += Weights[l + 1][j, k] * delta[l + 1][j];
                    delta[l][k] = sum * Derivative(hidden, pass.Zs[l][k]);
                }
            }
            for (int j = 0; j < Sizes[l + 1]; j++)
            {
                nablaB[l][j] += delta[l][j];                                  // BP3: ∂C/∂b^{l+1}_j = δ^{l+1}_j
                for (int k = 0; k < Sizes[l]; k++)
                    nablaW[l][j, k] += pass.Activations[l][k] * delta[l][j];  // BP4: ∂C/∂w^{l+1}_{jk} = a^l_k δ^{l+1}_j
            }
        }
    }

    // ∂C/∂a_j for one example.
    private double[] CostGradient(double[] a, double[] y)
    {
        RequireLogArguments(a);
        var g = new double[a.Length];
        for (int j = 0; j < a.Length; j++)
            g[j] = cost switch
            {
                "quadratic" => a[j] - y[j],
                "cross-entropy" => -y[j] / a[j] + (1 - y[j]) / (1 - a[j]),
                "nll" => -y[j] / a[j],
                _ => throw new InvalidOperationException(cost),
            };
        return g;
    }

    // The reference takes logs unguarded, so it refuses saturated outputs rather than return ±∞.
    private void RequireLogArguments(double[] a)
    {
        if (cost == "quadratic")
            return;
        for (int j = 0; j < a.Length; j++)
            if (!(a[j] > 0 && (cost == "nll" || a[j] < 1)))
                throw new InvalidOperationException(
                    $"The reference {cost} cost is unclamped and needs unsaturated outputs; got a[{j}] = {a[j]:R}.");
    }

    /// <summary>a = f(z) for one layer of one example.</summary>
    public static double[] Activate(string f, double[] z)
    {
        var a = new double[z.Length];
        if (f == "softmax")
        {
            // a_j = e^{z_j - max} / Σ_k e^{z_k - max}: the shift cancels and keeps every exponent ≤ 0.
            double max = double.NegativeInfinity;
            for (int j = 0; j < z.Length; j++)
                max = System.Math.Max(max, z[j]);
            double sum = 0;
            for (int j = 0; j < z.Length; j++)
            {
                a[j] = System.Math.Exp(z[j] - max);
                sum += a[j];
            }
            for (int j = 0; j < z.Length; j++)
                a[j] /= sum;
            return a;
        }
        for (int j = 0; j < z.Length; j++)
            a[j] = Elementwise(f, z[j]);
        return a;
    }

    /// <summary>f(z) for an elementwise activation.</summary>
    public static double Elementwise(string f, double z) => f switch
    {
        "sigmoid" => 1.0 / (1.0 + System.Math.Exp(-z)),
        "tanh" => System.Math.Tanh(z),
        "relu" => z > 0 ? z : 0.0,
        _ => throw new ArgumentException($"'{f}' is not an elementwise activation."),
    };

    /// <summary>f'(z) for an elementwise activation, from z (relu takes the subgradient 0 at z = 0).</summary>
    public static double Derivative(string f, double z) => f switch
    {
        "sigmoid" => Elementwise("sigmoid", z) * (1 - Elementwise("sigmoid", z)),   // σ' = σ(1 - σ)
        "tanh" => 1 - System.Math.Tanh(z) * System.Math.Tanh(z),                     // tanh' = 1 - tanh²
        "relu" => z > 0 ? 1.0 : 0.0,
        _ => throw new ArgumentException($"'{f}' is not an elementwise activation."),
    };

    /// <summary>
    /// J[i, j] = ∂a_i/∂z_j as an explicit n x n matrix: diag(f'(z)) for an elementwise f, and for softmax
    /// a_i (δ_ij - a_j).
    /// </summary>
    public static double[,] Jacobian(string f, double[] z)
    {
        int n = z.Length;
        var jacobian = new double[n, n];
        if (f == "softmax")
        {
            double[] a = Activate("softmax", z);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    jacobian[i, j] = a[i] * ((i == j ? 1.0 : 0.0) - a[j]);
            return jacobian;
        }
        for (int i = 0; i < n; i++)
            jacobian[i, i] = Derivative(f, z[i]);
        return jacobian;
    }
}
