// Glossary
//   peak       float32 GFLOP/s of fused multiply-adds alone, a multiply-add counting as two, measured on this
//              machine now: the ceiling a kernel's or an epoch's percentage is taken against
//   chains     independent accumulators. A core retires P FMAs per cycle, each with a latency of L cycles, so it
//              needs P·L chains in flight (2 x 4 = 8 on Zen 3 and Skylake); Chains = 12 covers up to 2 x 6
//              and, with the two operands, fits in the 16 vector registers of AVX2 without spilling.
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NetTrainer.Diagnostics;

/// <summary>A register width of the SIMD instruction sets.</summary>
public enum VectorWidth
{
    /// <summary>128 bits: 4 floats (SSE, AdvSimd).</summary>
    Vector128 = 128,
    /// <summary>256 bits: 8 floats (AVX).</summary>
    Vector256 = 256,
    /// <summary>512 bits: 16 floats (AVX-512).</summary>
    Vector512 = 512,
}

/// <summary>The float32 FMA peak at one register width on some threads at once, as measured.</summary>
/// <param name="Width">The register width of the fused multiply-adds.</param>
/// <param name="Threads">Threads that ran the loop at the same time, one per core.</param>
/// <param name="Gflops">All threads together, a multiply-add counting as two floating-point operations.</param>
public sealed record PeakTiming(VectorWidth Width, int Threads, double Gflops)
{
    /// <summary>The share of one thread.</summary>
    public double GflopsPerThread => Gflops / Threads;
}

/// <summary>Measures this machine's float32 FMA peak per register width: a loop of independent fused multiply-adds.</summary>
public static class FmaPeak
{
    private const int Chains = 12;

    /// <summary>True when the CPU has fused multiply-add instructions (FMA3 on x64, AdvSimd on Arm).</summary>
    public static bool HasFma => Fma.IsSupported || AdvSimd.IsSupported;

    /// <summary>The widths this machine runs in hardware and can time: Vector512 only where it is accelerated.</summary>
    public static IReadOnlyList<VectorWidth> AvailableWidths()
    {
        var widths = new List<VectorWidth>();
        if (!HasFma)
            return widths;
        if (Vector128.IsHardwareAccelerated)
            widths.Add(VectorWidth.Vector128);
        if (Vector256.IsHardwareAccelerated)
            widths.Add(VectorWidth.Vector256);
        if (Vector512.IsHardwareAccelerated)
            widths.Add(VectorWidth.Vector512);
        return widths;
    }

    /// <summary>
    /// The best of <paramref name="runs"/> runs of about <paramref name="seconds"/> each, on <paramref name="threads"/>
    /// threads at once: many short runs, because on a shared machine the best short window is the one nobody interrupted.
    /// </summary>
    public static PeakTiming Measure(VectorWidth width, int threads, double seconds = 0.02, int runs = 15)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (!AvailableWidths().Contains(width))
            throw new ArgumentException($"{width} fused multiply-adds do not run in hardware here.", nameof(width));
        (Func<long, float> loop, int lanes) = width switch
        {
            VectorWidth.Vector128 => ((Func<long, float>)Loop128, Vector128<float>.Count),
            VectorWidth.Vector256 => (Loop256, Vector256<float>.Count),
            _ => (Loop512, Vector512<float>.Count),
        };
        loop(1000);
        // Iterations for about `seconds`, from a calibration run on this thread.
        const long probe = 100_000;
        long start = Stopwatch.GetTimestamp();
        loop(probe);
        double probeSeconds = Math.Max(Stopwatch.GetElapsedTime(start).TotalSeconds, 1e-6);
        long iterations = Math.Max(probe, (long)(probe * seconds / probeSeconds));
        double best = double.MaxValue;
        for (int round = 0; round < runs; round++)
            best = Math.Min(best, RunOnThreads(loop, iterations, threads));
        double flops = 2.0 * Chains * lanes * iterations * threads;
        return new PeakTiming(width, threads, flops / best / 1e9);
    }

    // Wall-clock seconds from a common start until the slowest thread has run the loop once; the threads are
    // created before the clock starts.
    private static double RunOnThreads(Func<long, float> loop, long iterations, int threads)
    {
        using var ready = new CountdownEvent(threads);
        using var go = new ManualResetEventSlim(false);
        var workers = new Thread[threads];
        var results = new float[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            workers[t] = new Thread(() =>
            {
                ready.Signal();
                go.Wait();
                results[index] = loop(iterations);
            }) { IsBackground = true };
            workers[t].Start();
        }
        ready.Wait();
        long start = Stopwatch.GetTimestamp();
        go.Set();
        foreach (Thread w in workers)
            w.Join();
        double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        GC.KeepAlive(results);
        return elapsed;
    }

    // Each chain x ← x · m + a: with m just below 1 every value stays finite and normal forever. Written out per
    // width (no generic helper) and fully optimised from the first call, so the accumulators live in registers:
    // a tiered start would time on-stack-replacement code that keeps them in memory.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Loop128(long iterations)
    {
        Vector128<float> m = Vector128.Create(0.999999f), a = Vector128.Create(1e-6f);
        Vector128<float> x0 = Vector128.Create(1f), x1 = x0 + a, x2 = x1 + a, x3 = x2 + a, x4 = x3 + a, x5 = x4 + a;
        Vector128<float> x6 = x5 + a, x7 = x6 + a, x8 = x7 + a, x9 = x8 + a, x10 = x9 + a, x11 = x10 + a;
        for (long i = 0; i < iterations; i++)
        {
            x0 = Vector128.FusedMultiplyAdd(x0, m, a);
            x1 = Vector128.FusedMultiplyAdd(x1, m, a);
            x2 = Vector128.FusedMultiplyAdd(x2, m, a);
            x3 = Vector128.FusedMultiplyAdd(x3, m, a);
            x4 = Vector128.FusedMultiplyAdd(x4, m, a);
            x5 = Vector128.FusedMultiplyAdd(x5, m, a);
            x6 = Vector128.FusedMultiplyAdd(x6, m, a);
            x7 = Vector128.FusedMultiplyAdd(x7, m, a);
            x8 = Vector128.FusedMultiplyAdd(x8, m, a);
            x9 = Vector128.FusedMultiplyAdd(x9, m, a);
            x10 = Vector128.FusedMultiplyAdd(x10, m, a);
            x11 = Vector128.FusedMultiplyAdd(x11, m, a);
        }
        return Vector128.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Loop256(long iterations)
    {
        Vector256<float> m = Vector256.Create(0.999999f), a = Vector256.Create(1e-6f);
        Vector256<float> x0 = Vector256.Create(1f), x1 = x0 + a, x2 = x1 + a, x3 = x2 + a, x4 = x3 + a, x5 = x4 + a;
        Vector256<float> x6 = x5 + a, x7 = x6 + a, x8 = x7 + a, x9 = x8 + a, x10 = x9 + a, x11 = x10 + a;
        for (long i = 0; i < iterations; i++)
        {
            x0 = Vector256.FusedMultiplyAdd(x0, m, a);
            x1 = Vector256.FusedMultiplyAdd(x1, m, a);
            x2 = Vector256.FusedMultiplyAdd(x2, m, a);
            x3 = Vector256.FusedMultiplyAdd(x3, m, a);
            x4 = Vector256.FusedMultiplyAdd(x4, m, a);
            x5 = Vector256.FusedMultiplyAdd(x5, m, a);
            x6 = Vector256.FusedMultiplyAdd(x6, m, a);
            x7 = Vector256.FusedMultiplyAdd(x7, m, a);
            x8 = Vector256.FusedMultiplyAdd(x8, m, a);
            x9 = Vector256.FusedMultiplyAdd(x9, m, a);
            x10 = Vector256.FusedMultiplyAdd(x10, m, a);
            x11 = Vector256.FusedMultiplyAdd(x11, m, a);
        }
        return Vector256.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Loop512(long iterations)
    {
        Vector512<float> m = Vector512.Create(0.999999f), a = Vector512.Create(1e-6f);
        Vector512<float> x0 = Vector512.Create(1f), x1 = x0 + a, x2 = x1 + a, x3 = x2 + a, x4 = x3 + a, x5 = x4 + a;
        Vector512<float> x6 = x5 + a, x7 = x6 + a, x8 = x7 + a, x9 = x8 + a, x10 = x9 + a, x11 = x10 + a;
        for (long i = 0; i < iterations; i++)
        {
            x0 = Vector512.FusedMultiplyAdd(x0, m, a);
            x1 = Vector512.FusedMultiplyAdd(x1, m, a);
            x2 = Vector512.FusedMultiplyAdd(x2, m, a);
            x3 = Vector512.FusedMultiplyAdd(x3, m, a);
            x4 = Vector512.FusedMultiplyAdd(x4, m, a);
            x5 = Vector512.FusedMultiplyAdd(x5, m, a);
            x6 = Vector512.FusedMultiplyAdd(x6, m, a);
            x7 = Vector512.FusedMultiplyAdd(x7, m, a);
            x8 = Vector512.FusedMultiplyAdd(x8, m, a);
            x9 = Vector512.FusedMultiplyAdd(x9, m, a);
            x10 = Vector512.FusedMultiplyAdd(x10, m, a);
            x11 = Vector512.FusedMultiplyAdd(x11, m, a);
        }
        return Vector512.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11);
    }
}
