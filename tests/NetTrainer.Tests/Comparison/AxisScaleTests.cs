using NetTrainer.Reports;
using NetTrainer.Cli.Reports;

namespace NetTrainer.Tests.Comparison;

/// <summary>The charts' axes: round ticks that cover the data, and decades on a log axis.</summary>
public class AxisScaleTests
{
    [TestCase(0.0213, 0.0587, new[] { 0.02, 0.03, 0.04, 0.05, 0.06 })]
    [TestCase(88.4, 96.3, new[] { 88.0, 90, 92, 94, 96, 98 })]
    [TestCase(0.0, 1.0, new[] { 0.0, 0.2, 0.4, 0.6, 0.8, 1.0 })]
    public void A_linear_axis_widens_the_data_to_round_ticks(double min, double max, double[] ticks)
    {
        var scale = new LinearScale(min, max);

        Assert.That(scale.Ticks, Is.EqualTo(ticks).Within(1e-12));
        Assert.That((scale.Fraction(scale.Min), scale.Fraction(scale.Max)), Is.EqualTo((0.0, 1.0)));
    }

    [Test]
    public void An_epoch_axis_labels_whole_epochs_only() =>
        Assert.That(new LinearScale(1, 3, targetTicks: 11, integers: true).Ticks, Is.EqualTo(new[] { 1.0, 2, 3 }));

    [Test]
    public void A_linear_axis_over_one_value_still_has_a_range() =>
        Assert.That(new LinearScale(0.5, 0.5), Has.Property("Max").GreaterThan(0.5).And.Property("Min").LessThan(0.5));

    [Test]
    public void A_log_axis_spans_whole_decades_and_leaves_out_values_it_cannot_draw()
    {
        var scale = new LogScale([3e-5, 0.02, 0, double.NaN]);

        Assert.That((scale.Min, scale.Max), Is.EqualTo((1e-5, 0.1)).Within(1e-18));
        Assert.That(scale.Ticks, Is.EqualTo(new[] { 1e-5, 1e-4, 1e-3, 1e-2, 1e-1 }).Within(1e-15));
        Assert.That(scale.Fraction(1e-3), Is.EqualTo(0.5).Within(1e-12));
        Assert.That(scale.CanShow(0), Is.False);
        Assert.That(scale.Ticks.Select(scale.Format), Is.EqualTo(new[] { "1e-5", "1e-4", "1e-3", "1e-2", "1e-1" }),
            "one format per axis: e-notation throughout once a decade is below 0.01");
    }

    [Test]
    public void A_log_axis_within_a_hundredth_and_a_thousand_is_written_out()
    {
        var scale = new LogScale([0.02, 0.3]);
        Assert.That(scale.Ticks.Select(scale.Format), Is.EqualTo(new[] { "0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1" }));
    }

    [Test]
    public void A_close_up_leaves_out_values_outside_its_range()
    {
        var scale = new LinearScale(90, 96, clip: true);

        Assert.That((scale.CanShow(93), scale.CanShow(50)), Is.EqualTo((true, false)));
    }
}
