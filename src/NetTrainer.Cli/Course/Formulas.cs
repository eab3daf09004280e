using NetTrainer.Activations;
using NetTrainer.Costs;

namespace NetTrainer.Cli.Course;

/// <summary>How the walk-through writes each cost and activation, in plain text and in LaTeX.</summary>
public static class Formulas
{
    /// <summary>The activation's name as a function symbol: σ for the sigmoid.</summary>
    public static Symbol Function(IActivation f) => f switch
    {
        Sigmoid => new("σ", @"\sigma"),
        Tanh => new("tanh", @"\tanh"),
        Relu => new("ReLU", @"\mathrm{ReLU}"),
        Softmax => new("softmax", @"\mathrm{softmax}"),
        _ => new(f.Name, $@"\mathrm{{{f.Name}}}"),
    };

    /// <summary>The derivative of an elementwise activation, as used in BP2: σ'(z) = a(1 − a) and so on.</summary>
    public static Symbol Derivative(IActivation f) => f switch
    {
        Sigmoid => new("σ'(z) = a(1 − a)", @"\sigma'(z) = a(1 - a)"),
        Tanh => new("tanh'(z) = 1 − a²", @"\tanh'(z) = 1 - a^2"),
        Relu => new("ReLU'(z) = 1 for z > 0, else 0", @"\mathrm{ReLU}'(z) = [z > 0]"),
        _ => new($"{f.Name}'(z)", $@"\mathrm{{{f.Name}}}'(z)"),
    };

    /// <summary>Jᵀ, the transposed Jacobian of the output activation at z^L.</summary>
    public static Symbol TransposedJacobian(IActivation output, int layer) => output switch
    {
        Sigmoid => new($"Jᵀ = Σ'(z^{layer}), the diagonal matrix of σ'(z^{layer}_j) = a_j(1 − a_j):",
            $@"J^T = \Sigma'(z^{{{layer}}}) = \mathrm{{diag}}\big(\sigma'(z^{{{layer}}}_j)\big), \quad \sigma'(z) = a(1 - a):"),
        Softmax => new($"Jᵀ = diag(a^{layer}) − a^{layer} (a^{layer})ᵀ (symmetric):",
            $@"J^T = \mathrm{{diag}}(a^{{{layer}}}) - a^{{{layer}}} (a^{{{layer}}})^T:"),
        _ => new("Jᵀ:", "J^T:"),
    };

    /// <summary>
    /// BP1's heading: the book's δ^L = ∇_a C ⊙ σ'(z^L) holds for an elementwise output activation only; softmax mixes
    /// the outputs, so its BP1 is the Jacobian product alone.
    /// </summary>
    public static Symbol Bp1(IActivation output) => output switch
    {
        Softmax => new("BP1: δ^L = Jᵀ ∇_a C, J = diag(a^L) − a^L (a^L)ᵀ the Jacobian of softmax (not elementwise, so no ⊙ f'(z^L) form)",
            @"BP1: $\delta^L = J^T \nabla_a C$, $J = \mathrm{diag}(a^L) - a^L (a^L)^T$ the Jacobian of softmax (not elementwise, so no $\odot f'(z^L)$ form)"),
        _ => new($"BP1: δ^L = ∇_a C ⊙ {Function(output).Text}'(z^L), in general δ^L = Jᵀ ∇_a C (J the Jacobian of the output activation)",
            $@"BP1: $\delta^L = \nabla_a C \odot {Function(output).Latex}'(z^L)$, in general $\delta^L = J^T \nabla_a C$ ($J$ the Jacobian of the output activation)"),
    };

    /// <summary>C(a^L, y) for one example.</summary>
    public static Symbol Cost(ICost cost, int layer) => cost switch
    {
        QuadraticCost => new($"C = ½‖a^{layer} − y‖²", $@"C = \tfrac{{1}}{{2}} \lVert a^{{{layer}}} - y \rVert^2"),
        CrossEntropyCost => new($"C = −Σ_j [y_j ln a^{layer}_j + (1 − y_j) ln(1 − a^{layer}_j)]",
            $@"C = -\sum_j \big[ y_j \ln a^{{{layer}}}_j + (1 - y_j) \ln(1 - a^{{{layer}}}_j) \big]"),
        NegativeLogLikelihoodCost => new($"C = −Σ_j y_j ln a^{layer}_j", $@"C = -\sum_j y_j \ln a^{{{layer}}}_j"),
        _ => new("C", "C"),
    };

    /// <summary>∇_a C for one example, elementwise (⊘ divides elementwise).</summary>
    public static Symbol CostGradient(ICost cost, int layer) => cost switch
    {
        QuadraticCost => new($"∇_a C = a^{layer} − y", $@"\nabla_a C = a^{{{layer}}} - y"),
        CrossEntropyCost => new($"∇_a C = (a^{layer} − y) ⊘ (a^{layer} ⊙ (1 − a^{layer}))",
            $@"\nabla_a C = (a^{{{layer}}} - y) \oslash \big(a^{{{layer}}} \odot (1 - a^{{{layer}}})\big)"),
        NegativeLogLikelihoodCost => new($"∇_a C = −y ⊘ a^{layer}", $@"\nabla_a C = -y \oslash a^{{{layer}}}"),
        _ => new("∇_a C", @"\nabla_a C"),
    };
}
