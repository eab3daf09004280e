// Glossary (one example, output layer L, n outputs)
//   z, a, y     (n) weighted input, output activation a = f(z), target
//   requirement ∂C/∂z_j = a_j − y_j for every j: the δ^L = a − y that makes BP1 free of f'(z)
//   recovered   the cost that integrating the requirement over z gives back (up to a constant in y):
//               sigmoid: ∫ (σ(z_j) − y_j) dz_j = softplus(z_j) − y_j z_j = −[y_j ln a_j + (1 − y_j) ln(1 − a_j)]
//               softmax: Σ_m ∫ (a_m − 1[m = T]) dz_m = ln Σ_k e^{z_k} − z_T = −ln a_T
//   h           the central-difference step: (C(z + h e_j) − C(z − h e_j)) / 2h has error O(h²) + O(ε C / h), both
//               near 1e-10 at h = 1e-5 for costs of order 1 in float64
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Course;

/// <summary>One random (z, y) and what the check found there.</summary>
/// <param name="Gradient">∂C/∂z by central differences of the cost under test.</param>
/// <param name="Bp1Delta">The library's general BP1, Jᵀ ∇_a C, for the same cost and activation.</param>
/// <param name="Constant">Cost under test minus the library's own cost (the integration constant), or null for the library's cost itself.</param>
/// <param name="Z">z, the n weighted inputs of the output layer, drawn from [−Range, Range].</param>
/// <param name="Y">y, the n targets.</param>
/// <param name="A">a = f(z), the n output activations.</param>
/// <param name="Cost">C(z, y), the cost under test at this sample.</param>
public sealed record RequirementSample(double[] Z, double[] Y, double[] A, double[] Gradient, double[] Bp1Delta, double Cost, double? Constant)
{
    /// <summary>max_j |∂C/∂z_j − (a_j − y_j)|.</summary>
    public double DeviationFromAMinusY => Z.Select((_, j) => Math.Abs(Gradient[j] - (A[j] - Y[j]))).Max();

    /// <summary>max_j |∂C/∂z_j − (Jᵀ ∇_a C)_j|.</summary>
    public double DeviationFromBp1 => Z.Select((_, j) => Math.Abs(Gradient[j] - Bp1Delta[j])).Max();
}

/// <summary>Whether one cost meets the requirement ∂C/∂z = a − y with one output activation, on random samples.</summary>
public sealed record RequirementCheck(ICost Cost, IActivation Output, bool Recovered, IReadOnlyList<RequirementSample> Samples)
{
    /// <summary>The tolerance of the requirement, far above the finite differences' 1e-10 and far below any real gap.</summary>
    public const double Tolerance = 1e-8;

    /// <summary>The largest |∂C/∂z_j − (a_j − y_j)| over every sample: 0 up to rounding when the cost meets the requirement.</summary>
    public double DeviationFromAMinusY => Samples.Max(s => s.DeviationFromAMinusY);

    /// <summary>The largest |∂C/∂z_j − (Jᵀ ∇_a C)_j| over every sample: how far the library's BP1 is from the finite differences.</summary>
    public double DeviationFromBp1 => Samples.Max(s => s.DeviationFromBp1);

    /// <summary>True when ∂C/∂z = a − y held on every sample.</summary>
    public bool MeetsRequirement => DeviationFromAMinusY <= Tolerance;

    /// <summary>The largest minus the smallest integration constant over the samples (0 when there is none).</summary>
    public double ConstantSpread => Samples.All(s => s.Constant is null) ? 0
        : Samples.Max(s => s.Constant!.Value) - Samples.Min(s => s.Constant!.Value);
}

/// <summary>The requirement integrated for one output activation, checked, and the quadratic cost tried against it.</summary>
public sealed record Derivation(IActivation Output, ICost RecoveredCost, RequirementCheck Recovered, RequirementCheck Quadratic);

/// <summary>
/// Starts from ∂C/∂z_j = a_j − y_j and gives back the cost it integrates to (see the glossary), then checks it on
/// random logits and targets: the cost's finite-difference gradient in z equals a − y, and the cost equals the
/// library's own (cross-entropy for sigmoid, NLL for softmax) up to the integration constant. The quadratic cost is
/// checked the same way: its gradient in z is Jᵀ (a − y), which keeps f'(z), so it fails the requirement.
/// </summary>
public static class CostDerivations
{
    /// <summary>Logits are drawn from [−Range, Range]: wide enough to saturate a sigmoid noticeably, narrow enough that σ's 1 − a keeps its digits.</summary>
    public const double Range = 4;

    /// <summary>h, the central-difference step in z (see the glossary for why 1e-5).</summary>
    public const double Step = 1e-5;

    /// <summary>Integrates the requirement for <paramref name="output"/> with <paramref name="outputs"/> neurons and checks the recovered and the quadratic cost on <paramref name="samples"/> random (z, y).</summary>
    public static Derivation Derive(IActivation output, int outputs, int samples, Random rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ICost library = output switch
        {
            Sigmoid => CrossEntropyCost.Instance,
            Softmax => NegativeLogLikelihoodCost.Instance,
            _ => throw new ArgumentException($"The requirement is integrated for sigmoid and softmax outputs; got {output.Name}.", nameof(output)),
        };
        var draws = Enumerable.Range(0, samples).Select(_ => Draw(output, outputs, rng)).ToList();
        var recovered = draws.Select(d => Sample(library, output, d.Z, d.Y, RecoveredCost(output, d.Z, d.Y), withConstant: true)).ToList();
        var quadratic = draws.Select(d => Sample(QuadraticCost.Instance, output, d.Z, d.Y,
            zz => LibraryCost(QuadraticCost.Instance, output, zz, d.Y), withConstant: false)).ToList();
        return new Derivation(output, library, new RequirementCheck(library, output, Recovered: true, recovered),
            new RequirementCheck(QuadraticCost.Instance, output, Recovered: false, quadratic));
    }

    /// <summary>The recovered cost as a function of z, for the target y: written in z, so exact at any logit.</summary>
    public static Func<double[], double> RecoveredCost(IActivation output, double[] z, double[] y) => output switch
    {
        Sigmoid => zz => zz.Select((zj, j) => CostForms.Softplus(zj) - y[j] * zj).Sum(),
        _ => zz => CostForms.LogSumExp(zz) - zz.Select((zj, j) => y[j] * zj).Sum(),
    };

    // A sigmoid takes any target in [0, 1] (the requirement holds for all); softmax a one-hot class T.
    private static (double[] Z, double[] Y) Draw(IActivation output, int n, Random rng)
    {
        double[] z = Enumerable.Range(0, n).Select(_ => Range * (2 * rng.NextDouble() - 1)).ToArray();
        var y = new double[n];
        if (output is Softmax)
            y[rng.Next(n)] = 1;
        else
            for (int j = 0; j < n; j++)
                y[j] = Math.Round(rng.NextDouble(), 2);
        return (z, y);
    }

    private static RequirementSample Sample(ICost library, IActivation output, double[] z, double[] y, Func<double[], double> cost, bool withConstant)
    {
        double[] a = Activate(output, z);
        var gradient = new double[z.Length];
        for (int j = 0; j < z.Length; j++)
        {
            double[] plus = (double[])z.Clone(), minus = (double[])z.Clone();
            plus[j] += Step;
            minus[j] -= Step;
            gradient[j] = (cost(plus) - cost(minus)) / (2 * Step);
        }
        double value = cost(z);
        double? constant = withConstant ? value - LibraryCost(library, output, z, y) : null;
        return new RequirementSample(z, y, a, gradient, Bp1(library, output, z, a, y), value, constant);
    }

    private static double LibraryCost(ICost cost, IActivation output, double[] z, double[] y) =>
        cost.Sum(RowOf(Activate(output, z)), RowOf(y));

    // δ^L = Jᵀ ∇_a C, as Network.Backprop's general BP1 computes it.
    private static double[] Bp1(ICost cost, IActivation output, double[] z, double[] a, double[] y)
    {
        Matrix<double> am = RowOf(a), gradA = new(1, a.Length), delta = new(1, a.Length);
        cost.Gradient(am, RowOf(y), gradA);
        output.Backward(RowOf(z), am, gradA, delta);
        return delta.Row(0).ToArray();
    }

    private static double[] Activate(IActivation output, double[] z)
    {
        var a = new Matrix<double>(1, z.Length);
        output.Forward(RowOf(z), a);
        return a.Row(0).ToArray();
    }

    private static Matrix<double> RowOf(double[] v)
    {
        var m = new Matrix<double>(1, v.Length);
        v.CopyTo(m.Row(0));
        return m;
    }
}
