namespace NetTrainer.Activations;

/// <summary>The activations by the names the command line and saved networks use.</summary>
public static class ActivationCatalog
{
    /// <summary>Choices for the output layer.</summary>
    public static readonly IReadOnlyList<IActivation> Output = [Sigmoid.Instance, Softmax.Instance];

    /// <summary>Choices for the hidden layers.</summary>
    public static readonly IReadOnlyList<IActivation> Hidden = [Sigmoid.Instance, Tanh.Instance, Relu.Instance];

    /// <summary>The output activation named <paramref name="name"/> (sigmoid or softmax); an unknown name throws, listing the choices.</summary>
    public static IActivation ParseOutput(string name) => Parse(name, Output, "output");

    /// <summary>The hidden activation named <paramref name="name"/> (sigmoid, tanh or relu); an unknown name throws, listing the choices.</summary>
    public static IActivation ParseHidden(string name) => Parse(name, Hidden, "hidden");

    private static IActivation Parse(string name, IReadOnlyList<IActivation> choices, string role) =>
        choices.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"Unknown {role} activation '{name}'; expected one of {string.Join(", ", choices.Select(a => a.Name))}.");
}
