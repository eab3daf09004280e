// Glossary
//   domain    the data range an axis covers, [Min, Max]
//   tick      a value the axis labels, with a grid line across the plot
//   decade    a factor of ten on a log axis
using System.Globalization;

namespace NetTrainer.Reports;

/// <summary>A chart axis: maps values in its domain to [0, 1] and chooses round values to label.</summary>
internal abstract class AxisScale
{
    public abstract double Min { get; }
    public abstract double Max { get; }

    /// <summary>Where <paramref name="value"/> sits between Min (0) and Max (1).</summary>
    public abstract double Fraction(double value);

    /// <summary>The labelled values, from Min to Max.</summary>
    public abstract IReadOnlyList<double> Ticks { get; }

    /// <summary>Whether a value can be drawn at all (a log axis cannot draw zero or a negative number).</summary>
    public virtual bool CanShow(double value) => double.IsFinite(value);

    public abstract string Format(double value);
}

/// <summary>A linear axis over the data, widened to round numbers: 1, 2, 2.5 or 5 times a power of ten per step.</summary>
internal sealed class LinearScale : AxisScale
{
    private readonly double step;
    private readonly Func<double, string>? format;
    private readonly bool clip;

    /// <param name="dataMin">The smallest value to show.</param>
    /// <param name="dataMax">The largest value to show.</param>
    /// <param name="targetTicks">Roughly how many labels to show.</param>
    /// <param name="integers">Label whole numbers only (epochs).</param>
    /// <param name="format">How a tick's label is written; the scale's own precision when null.</param>
    /// <param name="clip">Values outside [Min, Max] cannot be shown (a close-up); otherwise the domain covers the data.</param>
    public LinearScale(double dataMin, double dataMax, int targetTicks = 6, bool integers = false, Func<double, string>? format = null,
        bool clip = false)
    {
        this.clip = clip;
        if (!(dataMax > dataMin))
        {
            // One value (or none): a small range around it.
            double centre = double.IsFinite(dataMin) ? dataMin : 0, half = Math.Max(Math.Abs(centre) * 0.1, 1e-3);
            (dataMin, dataMax) = integers ? (centre - 1, centre + 1) : (centre - half, centre + half);
        }
        step = NiceStep((dataMax - dataMin) / Math.Max(1, targetTicks - 1));
        if (integers)
            step = Math.Max(1, Math.Round(step));
        Min = Math.Floor(dataMin / step + 1e-9) * step;
        Max = Math.Ceiling(dataMax / step - 1e-9) * step;
        this.format = format;
    }

    public override double Min { get; }
    public override double Max { get; }

    public override double Fraction(double value) => (value - Min) / (Max - Min);

    public override bool CanShow(double value) =>
        double.IsFinite(value) && (!clip || (value >= Min - 1e-9 * (Max - Min) && value <= Max + 1e-9 * (Max - Min)));

    public override IReadOnlyList<double> Ticks
    {
        get
        {
            var ticks = new List<double>();
            for (int i = 0; Min + i * step <= Max + step * 1e-9; i++)
                ticks.Add(Math.Round(Min + i * step, 12));
            return ticks;
        }
    }

    public override string Format(double value) =>
        format?.Invoke(value) ?? value.ToString(Decimals(step) == 0 ? "F0" : "F" + Decimals(step), CultureInfo.InvariantCulture);

    /// <summary>1, 2, 2.5 or 5 times a power of ten, at least <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (double nice in new[] { 1, 2, 2.5, 5, 10 })
            if (nice * power >= rough * (1 - 1e-9))
                return nice * power;
        return 10 * power;
    }

    // Digits after the point that a multiple of the step needs (2.5e-3 needs 4).
    private static int Decimals(double step)
    {
        for (int d = 0; d < 12; d++)
            if (Math.Abs(step * Math.Pow(10, d) - Math.Round(step * Math.Pow(10, d))) < 1e-9)
                return d;
        return 12;
    }
}

/// <summary>
/// A base-10 log axis from the decade below the smallest positive value to the decade above the largest, labelled
/// at each decade (and at 2 and 5 times each decade when the data spans at most two).
/// </summary>
internal sealed class LogScale : AxisScale
{
    private readonly int low, high;

    public LogScale(IEnumerable<double> values)
    {
        double[] positive = values.Where(v => double.IsFinite(v) && v > 0).ToArray();
        if (positive.Length == 0)
            positive = [1];
        low = (int)Math.Floor(Math.Log10(positive.Min()) + 1e-12);
        high = Math.Max(low + 1, (int)Math.Ceiling(Math.Log10(positive.Max()) - 1e-12));
    }

    public override double Min => Math.Pow(10, low);
    public override double Max => Math.Pow(10, high);

    public override bool CanShow(double value) => double.IsFinite(value) && value > 0;

    public override double Fraction(double value) => (Math.Log10(value) - low) / (high - low);

    public override IReadOnlyList<double> Ticks
    {
        get
        {
            var ticks = new List<double>();
            for (int d = low; d <= high; d++)
            {
                ticks.Add(Math.Pow(10, d));
                if (high - low <= 2 && d < high)
                    ticks.AddRange([2 * Math.Pow(10, d), 5 * Math.Pow(10, d)]);
            }
            return ticks;
        }
    }

    /// <summary>
    /// One format for the whole axis: written out (0.01, 0.5, 1000) when every decade is within 0.01 .. 1000, else
    /// e-notation throughout (1e-3, 5e-3, 1e-2), so an axis never mixes 0.01 with 5e-3.
    /// </summary>
    public override string Format(double value)
    {
        int exponent = (int)Math.Floor(Math.Log10(value) + 1e-9);
        if (low >= -2 && high <= 3)
            return value.ToString("0.##", CultureInfo.InvariantCulture);
        double mantissa = Math.Round(value / Math.Pow(10, exponent));
        return $"{mantissa.ToString(CultureInfo.InvariantCulture)}e{exponent.ToString(CultureInfo.InvariantCulture)}";
    }
}
