using NetTrainer.Reproduction;

namespace NetTrainer.Tests.Reproduction;

/// <summary>The book's embedded result files read as the numbers the book quotes.</summary>
public class BookDataTests
{
    [Test]
    public void Overfitting_peaks_at_82_27_percent_in_epoch_375_counting_from_1_and_its_test_cost_bottoms_out_near_epoch_15()
    {
        BookCurves book = BookData.Curves("overfitting.json", evaluationCount: 10_000, trainingCount: 1_000);
        double[] accuracy = book.EvaluationAccuracy!, cost = book.EvaluationCost!;
        Assert.Multiple(() =>
        {
            Assert.That(accuracy, Has.Length.EqualTo(400));
            Assert.That(accuracy.Max(), Is.EqualTo(0.8227).Within(1e-12));
            Assert.That(Array.IndexOf(accuracy, accuracy.Max()) + 1, Is.EqualTo(375), "the first epoch at the peak, counting from 1 (index 374)");
            Assert.That(Array.IndexOf(cost, cost.Min()) + 1, Is.InRange(10, 20));
            Assert.That(book.TrainingAccuracy!.Max(), Is.LessThanOrEqualTo(1), "training accuracy is a fraction of 1,000");
        });
    }

    [Test]
    public void Weight_initialisation_after_one_epoch_is_92_70_against_86_43_percent()
    {
        BookCurves byDefault = BookData.Curves("weight_initialization_30.json", 10_000, 50_000, key: "default_weight_initialization");
        BookCurves large = BookData.Curves("weight_initialization_30.json", 10_000, 50_000, key: "large_weight_initialization");
        Assert.Multiple(() =>
        {
            Assert.That(byDefault.EvaluationAccuracy![0], Is.EqualTo(0.9270).Within(1e-12));
            Assert.That(large.EvaluationAccuracy![0], Is.EqualTo(0.8643).Within(1e-12));
            Assert.That(byDefault.TrainingCost, Is.Null, "not monitored by the book's driver");
        });
    }

    [Test]
    public void More_data_runs_from_69_09_to_95_97_percent()
    {
        double[] accuracy = BookData.Numbers("more_data.json");
        Assert.That(accuracy, Is.EqualTo(new[] { 69.09, 76.37, 85.29, 88.85, 91.27, 93.24, 94.89, 95.85, 95.97 }));
    }

    [Test]
    public void The_attribution_names_the_author_and_the_license()
    {
        Assert.That(BookData.Attribution, Does.Contain("Copyright (c) 2012-2022 Michael Nielsen").And.Contain("MIT License"));
    }

    [Test]
    public void A_verdict_is_within_the_band_only_when_the_mean_is_no_further_than_the_band()
    {
        var headline = new Headline("best accuracy", Book: 95.0, Band: 0.5, BandWhy: "test", Unit: "%", Ours: runs => runs[0].Seed);
        RunResult Seed(int value) => new(null!, value, [], null, 0);
        Verdict within = Verdict.Of(headline, [[Seed(95)], [Seed(96)]], comparable: true); // mean 95.5
        Verdict outside = Verdict.Of(headline, [[Seed(96)]], comparable: true);
        Assert.Multiple(() =>
        {
            Assert.That(within.Within, Is.True);
            Assert.That(within.StandardDeviation, Is.EqualTo(Math.Sqrt(0.5)).Within(1e-12), "sample sd of 95 and 96");
            Assert.That(within.Sentence, Does.StartWith("Within the book's seed-to-seed scatter: 95.50 vs 95, band ±0.5%"));
            Assert.That(outside.Within, Is.False);
            Assert.That(outside.Sentence, Does.StartWith("Outside the book's seed-to-seed scatter: 96 vs 95 (+1)"));
        });
    }

    [Test]
    public void A_target_is_reached_at_or_above_it_whatever_the_anchor()
    {
        var headline = new Headline("test accuracy", Book: 99.3, Band: 0, BandWhy: "Simard et al.", Unit: "%", Ours: runs => runs[0].Seed)
            { AtLeast = 99.0 };
        RunResult Seed(double value) => new(null!, (int)value, [], null, 0);
        Verdict reached = Verdict.Of(headline, [[Seed(99)]], comparable: true);
        Verdict missed = Verdict.Of(headline, [[Seed(98)]], comparable: true);
        Verdict quick = Verdict.Of(headline, [[Seed(98)]], comparable: false);
        Assert.Multiple(() =>
        {
            Assert.That(reached.Within, Is.True, "99 is at least 99, though 0.3 below the anchor");
            Assert.That(reached.Sentence, Is.EqualTo("Target reached: 99 against at least 99% (beside Simard et al.: 99.30%)."));
            Assert.That(missed.Within, Is.False);
            Assert.That(missed.Sentence, Does.StartWith("Target missed: 98 against at least 99%"));
            Assert.That(quick.Sentence, Does.StartWith("Quick run (scaled down), not held to the target"));
        });
    }
}
