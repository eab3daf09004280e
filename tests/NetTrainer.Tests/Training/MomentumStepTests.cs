using NetTrainer.LinearAlgebra;

namespace NetTrainer.Tests.Training;

/// <summary>
/// The vectorised general step (momentum, L2, L1) against the rule written out per element:
/// g = ∇w/m + (λ/n) w + (λ₁/n) sgn(w); v ← μ v − η g; w ← w + v (or w ← w − η g without momentum).
/// </summary>
public class MomentumStepTests
{
    [TestCase(1), TestCase(7), TestCase(8), TestCase(9), TestCase(33), TestCase(64)]
    public void Each_weight_and_velocity_equals_the_rule_written_out_bit_for_bit(int length)
    {
        var rng = new Random(length);
        float[] w = Enumerable.Range(0, length).Select(i => i % 5 == 0 ? 0f : (float)(rng.NextDouble() - 0.5)).ToArray();
        float[] nablaW = Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        float[] v = Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() - 0.5) / 10).ToArray();
        (float invM, float l2, float l1, float mu, float eta) = (0.1f, 5e-4f, 2e-4f, 0.9f, 0.25f);

        float[] expectedW = (float[])w.Clone(), expectedV = (float[])v.Clone(), plainW = (float[])w.Clone();
        for (int i = 0; i < length; i++)
        {
            float sign = w[i] > 0 ? 1 : w[i] < 0 ? -1 : 0;
            float g = nablaW[i] * invM + l2 * w[i] + l1 * sign;
            expectedV[i] = mu * v[i] - eta * g;
            expectedW[i] = w[i] + expectedV[i];
            plainW[i] = w[i] - eta * g;
        }
        float[] plain = (float[])w.Clone();
        Update.MomentumStep<float>(w, nablaW, v, invM, l2, l1, mu, eta);
        Update.MomentumStep<float>(plain, nablaW, default, invM, l2, l1, mu, eta);

        Assert.Multiple(() =>
        {
            Assert.That(v, Is.EqualTo(expectedV), "v ← μ v − η g");
            Assert.That(w, Is.EqualTo(expectedW), "w ← w + v");
            Assert.That(plain, Is.EqualTo(plainW), "without momentum: w ← w − η g");
        });
    }

    [Test]
    public void A_nan_weight_stays_nan_so_the_divergence_check_sees_it()
    {
        float[] w = [float.NaN, 1, -1, 0, 2, 3, 4, 5, 6];
        float[] nablaW = new float[w.Length], v = new float[w.Length];
        Update.MomentumStep<float>(w, nablaW, v, 1, 0, 1, 0.5f, 0.1f);
        Assert.That(float.IsNaN(w[0]), "NaN in, NaN out (sgn(NaN) taken as 0, not a throw)");
        Assert.That(w[1..4], Is.EqualTo(new float[] { 0.9f, -0.9f, 0 }), "the L1 step moves ±1 by η λ₁ toward 0 and leaves 0 alone");
    }
}
