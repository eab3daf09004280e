using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Course;

namespace NetTrainer.Tests.Course;

/// <summary>Question 2: the cost that δ^L = a − y integrates to, checked on random logits.</summary>
public class CostDerivationTests
{
    private static IEnumerable<TestCaseData> Outputs()
    {
        yield return new TestCaseData(Sigmoid.Instance, CrossEntropyCost.Instance).SetArgDisplayNames("sigmoid", "cross-entropy");
        yield return new TestCaseData(Softmax.Instance, NegativeLogLikelihoodCost.Instance).SetArgDisplayNames("softmax", "nll");
    }

    [TestCaseSource(nameof(Outputs))]
    public void The_recovered_cost_has_gradient_a_minus_y_in_z_and_is_the_library_cost(IActivation output, ICost expected)
    {
        Derivation d = CostDerivations.Derive(output, outputs: 5, samples: 20, new Random(3));
        Assert.Multiple(() =>
        {
            Assert.That(d.RecoveredCost, Is.SameAs(expected), "the library cost the requirement integrates to");
            Assert.That(d.Recovered.DeviationFromAMinusY, Is.LessThanOrEqualTo(1e-8), "max |∂C/∂z − (a − y)| by central differences");
            Assert.That(d.Recovered.MeetsRequirement, Is.True);
            Assert.That(d.Recovered.Samples.Select(s => s.Constant!.Value), Has.All.EqualTo(0).Within(1e-12),
                "C recovered − C library (the integration constant is 0)");
            Assert.That(d.Recovered.DeviationFromBp1, Is.LessThanOrEqualTo(1e-8), "the library's general BP1 gives the same δ");
        });
    }

    [TestCaseSource(nameof(Outputs))]
    public void The_quadratic_cost_does_not_meet_the_requirement_and_keeps_the_jacobian(IActivation output, ICost _)
    {
        Derivation d = CostDerivations.Derive(output, outputs: 4, samples: 10, new Random(4));
        Assert.Multiple(() =>
        {
            Assert.That(d.Quadratic.Cost, Is.SameAs(QuadraticCost.Instance));
            Assert.That(d.Quadratic.MeetsRequirement, Is.False, "quadratic's ∂C/∂z should differ from a − y");
            Assert.That(d.Quadratic.DeviationFromAMinusY, Is.GreaterThan(0.1), "the gap is a real one, not rounding");
            Assert.That(d.Quadratic.DeviationFromBp1, Is.LessThanOrEqualTo(1e-8), "its ∂C/∂z is Jᵀ (a − y), backprop's general BP1");
        });
    }

    [Test]
    public void For_a_sigmoid_the_quadratic_gradient_is_a_minus_y_times_sigma_prime()
    {
        Derivation d = CostDerivations.Derive(Sigmoid.Instance, outputs: 3, samples: 5, new Random(5));
        foreach (RequirementSample s in d.Quadratic.Samples)
            for (int j = 0; j < s.Z.Length; j++)
                Assert.That(s.Gradient[j], Is.EqualTo((s.A[j] - s.Y[j]) * s.A[j] * (1 - s.A[j])).Within(1e-8), $"∂C/∂z_{j} = (a − y) σ'(z)");
    }

    [Test]
    public void The_recovered_softmax_cost_is_log_sum_exp_minus_the_target_logit()
    {
        double[] z = [0.5, -1.0, 2.0];
        Func<double[], double> cost = CostDerivations.RecoveredCost(Softmax.Instance, z, [0, 0, 1]);
        Assert.That(cost(z), Is.EqualTo(Math.Log(Math.Exp(0.5) + Math.Exp(-1.0) + Math.Exp(2.0)) - 2.0).Within(1e-12));
    }

    [Test]
    public void Only_sigmoid_and_softmax_outputs_are_integrated() =>
        Assert.That(() => CostDerivations.Derive(Tanh.Instance, 3, 1, new Random(1)), Throws.ArgumentException);
}
