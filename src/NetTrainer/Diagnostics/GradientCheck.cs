// Glossary
//   g        backprop's gradient of Σ_x C_x (Network.Backprop)
//   ĝ        the central finite difference (C(θ + h) - C(θ - h)) / 2h for each weight and bias θ
//   error    ‖g - ĝ‖ / ‖g + ĝ‖ over one layer's weights (or biases): 0 when they agree, 1 when unrelated
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Diagnostics;

/// <summary>One entry where backprop and the finite difference disagree most.</summary>
public sealed record WorstEntry(int Row, int Col, double Backprop, double FiniteDifference);

/// <summary>Backprop against finite differences for the weights and biases of one layer (weights[Layer], biases[Layer]).</summary>
public sealed record LayerGradientCheck(int Layer, double WeightError, double BiasError, WorstEntry WorstWeight, WorstEntry WorstBias)
{
    /// <summary>The larger of the weight and bias errors ‖g − ĝ‖ / ‖g + ĝ‖.</summary>
    public double MaxError => Math.Max(WeightError, BiasError);
}

/// <summary>
/// Checks backpropagation against central finite differences of the summed mini-batch cost, in float64,
/// for every weight and bias (the check the book recommends in chapter 2 before trusting a gradient).
/// </summary>
public static class GradientCheck
{
    /// <summary>Step h: (h² truncation + ε/h rounding) is smallest near ε^{1/3} ≈ 6e-6 in double.</summary>
    public const double DefaultStep = 1e-5;

    /// <summary>
    /// Checks the gradient of the cost summed over <paramref name="batch"/>; the network is restored exactly afterwards.
    /// With dropout's <paramref name="masks"/>, the cost is that of the thinned network those masks fix.
    /// </summary>
    public static IReadOnlyList<LayerGradientCheck> Run(Network<double> network, MiniBatch<double> batch,
        bool fusedOutputDelta = true, double h = DefaultStep, Matrix<double>?[]? masks = null)
    {
        Workspace<double> workspace = network.CreateWorkspace(batch.Size);
        Gradients<double> backprop = network.Backprop(network.Feedforward(batch.X, workspace, masks), batch.Y, workspace, fusedOutputDelta);
        var results = new List<LayerGradientCheck>();
        for (int l = 0; l < network.LayerCount; l++)
        {
            double[] g = backprop.NablaW[l].AsSpan().ToArray();
            double[] gb = backprop.NablaB[l].ToArray();
            double[] numeric = FiniteDifferences(network, batch, workspace, masks, network.Weights[l].AsSpan(), h);
            double[] numericB = FiniteDifferences(network, batch, workspace, masks, network.Biases[l], h);
            results.Add(new LayerGradientCheck(l,
                RelativeError(g, numeric), RelativeError(gb, numericB),
                Worst(g, numeric, network.Weights[l].Cols), Worst(gb, numericB, 1)));
        }
        return results;
    }

    /// <summary>‖g - ĝ‖ / ‖g + ĝ‖, and 0 when both are zero.</summary>
    public static double RelativeError(ReadOnlySpan<double> g, ReadOnlySpan<double> gHat)
    {
        double diff = 0, sum = 0;
        for (int i = 0; i < g.Length; i++)
        {
            diff += (g[i] - gHat[i]) * (g[i] - gHat[i]);
            sum += (g[i] + gHat[i]) * (g[i] + gHat[i]);
        }
        return sum == 0 ? Math.Sqrt(diff) : Math.Sqrt(diff) / Math.Sqrt(sum);
    }

    private static double[] FiniteDifferences(Network<double> network, MiniBatch<double> batch, Workspace<double> workspace,
        Matrix<double>?[]? masks, Span<double> parameters, double h)
    {
        var result = new double[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            double saved = parameters[i];
            parameters[i] = saved + h;
            double plus = BatchCost(network, batch, workspace, masks);
            parameters[i] = saved - h;
            double minus = BatchCost(network, batch, workspace, masks);
            parameters[i] = saved;
            result[i] = (plus - minus) / (2 * h);
        }
        return result;
    }

    private static double BatchCost(Network<double> network, MiniBatch<double> batch, Workspace<double> workspace,
        Matrix<double>?[]? masks) =>
        network.Cost.Sum(network.Feedforward(batch.X, workspace, masks).Output, batch.Y);

    private static WorstEntry Worst(double[] g, double[] gHat, int cols)
    {
        int worst = 0;
        for (int i = 1; i < g.Length; i++)
            if (Math.Abs(g[i] - gHat[i]) > Math.Abs(g[worst] - gHat[worst]))
                worst = i;
        return new WorstEntry(worst / cols, worst % cols, g[worst], gHat[worst]);
    }
}
