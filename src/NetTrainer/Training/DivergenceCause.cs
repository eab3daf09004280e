namespace NetTrainer.Training;

/// <summary>
/// Which parameter most likely made a run diverge, named as the library names it: "eta", "lambda" or "l1".
/// </summary>
public static class DivergenceCause
{
    /// <summary>The names of η, λ (L2) and λ₁ (L1), as the library names its parameters.</summary>
    public const string Eta = "eta", Lambda = "lambda", L1 = "l1";

    /// <summary>
    /// Each step moves a weight by η∂C/∂w (|∂C/∂w| is rarely above 1 for a mean cost), plus ηλ/n·w for L2 and
    /// ηλ₁/n for L1. When λ/n (or λ₁/n) passes 1 the regularisation step outweighs the gradient step, so the
    /// regularisation is the term to shrink; otherwise the gradient step η∇C is too large: eta.
    /// </summary>
    public static string Likely(double lambda, double l1, int trainingSize)
    {
        double n = Math.Max(1, trainingSize);
        if (lambda / n > 1 && lambda >= l1)
            return Lambda;
        return l1 / n > 1 ? L1 : Eta;
    }
}
