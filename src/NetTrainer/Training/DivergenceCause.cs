namespace NetTrainer.Training;

/// <summary>
/// Which parameter most likely made a run diverge, named as the library names it: "eta", "lambda" or "l1".
/// </summary>
public static class DivergenceCause
{
    public const string Eta = "eta", Lambda = "lambda", L1 = "l1";

    /// <summary>
    /// L2 multiplies each weight by 1 − ηλ/n per step: once ηλ/n passes 1 the factor turns negative and, past 2,
    /// grows the weights instead of decaying them. L1 moves every weight by ηλ₁/n per step: past 1 that step alone
    /// outweighs any weight of a healthy network. Otherwise the gradient step η∇C is too large: eta.
    /// </summary>
    public static string Likely(double eta, double lambda, double l1, int trainingSize)
    {
        double n = Math.Max(1, trainingSize);
        double decay = eta * lambda / n, shrink = eta * l1 / n;
        if (decay > 1 && decay >= shrink)
            return Lambda;
        return shrink > 1 ? L1 : Eta;
    }
}
