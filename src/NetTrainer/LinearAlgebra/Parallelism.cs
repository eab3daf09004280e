using System.Runtime.ExceptionServices;

namespace NetTrainer.LinearAlgebra;

/// <summary>A piece of a kernel that computes output rows start .. end-1 (reused between calls: no allocation).</summary>
public interface IRowJob
{
    /// <summary>Computes output rows <paramref name="start"/> .. <paramref name="end"/> − 1.</summary>
    void Run(int start, int end);
}

/// <summary>
/// Splits work over the cores: a kernel's output rows when the product is large enough to pay for it, or
/// independent pieces of work (evaluation chunks). Every output element is computed by exactly one thread in a
/// fixed order, so results never depend on the thread count. The thread count is always passed in.
/// Row splits run on a few long-lived worker threads, so a training step that uses both cores allocates nothing.
/// </summary>
public static class Parallelism
{
    /// <summary>Below this many multiply-adds a product runs on the calling thread (a thread hand-off costs more).</summary>
    public const long MinParallelWork = 1 << 20;

    /// <summary>Every core of the machine: the thread count a run uses unless it is given another.</summary>
    public static int AllCores => Environment.ProcessorCount;

    /// <summary>True when <see cref="ForRows"/> would use more than one of <paramref name="threads"/> threads.</summary>
    public static bool WorthSplitting(int rows, int align, long work, int threads) =>
        work >= MinParallelWork && RowThreads(rows, align, threads) > 1;

    // Never more row pieces than cores: a piece whose thread the OS has parked would keep the caller spinning.
    private static int RowThreads(int rows, int align, int threads) =>
        Math.Min(Math.Min(threads, Environment.ProcessorCount), rows / Math.Max(align, 1));

    /// <summary>
    /// Runs job.Run(start, end) over [0, rows) cut into one piece per thread, each starting on a multiple of
    /// <paramref name="align"/>; on the calling thread alone when the work is small or the workers are busy.
    /// </summary>
    public static void ForRows(int rows, int align, long work, int threads, IRowJob job)
    {
        int pieces = RowThreads(rows, align, threads);
        if (work < MinParallelWork || pieces <= 1 || !RowWorkers.TryRun(rows, align, pieces, job))
            job.Run(0, rows);
    }

    /// <summary>Bytes the row-split worker threads have allocated so far (for the allocation tests).</summary>
    internal static long WorkerAllocatedBytes => RowWorkers.AllocatedBytes;

    /// <summary>How many of <paramref name="threads"/> workers <see cref="ForEach"/> would use for <paramref name="items"/> items.</summary>
    public static int WorkersFor(int items, int threads) => Math.Max(1, Math.Min(threads, items));

    /// <summary>The threads each of <paramref name="workers"/> side-by-side workers gives its own kernels: all of <paramref name="threads"/> alone, else 1.</summary>
    public static int ThreadsEach(int workers, int threads) => workers > 1 ? 1 : threads;

    /// <summary>
    /// Runs body(worker, item) for item = 0 .. items-1 on <paramref name="workers"/> workers (see <see cref="WorkersFor"/>);
    /// worker w takes items w, w + workers, ... so that each worker can own a buffer. Kernels called from body
    /// should be given <see cref="ThreadsEach"/> threads.
    /// </summary>
    public static void ForEach(int items, int workers, Action<int, int> body)
    {
        if (workers <= 1)
        {
            for (int item = 0; item < items; item++)
                body(0, item);
            return;
        }
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            for (int item = worker; item < items; item += workers)
                body(worker, item);
        });
    }

    /// <summary>Long-lived threads for row splits: the caller runs the first piece, workers the others.</summary>
    private static class RowWorkers
    {
        private static readonly Lock Gate = new();
        private static readonly List<Worker> Workers = [];
        private static int pending;
        private static ExceptionDispatchInfo? failure;

        public static long AllocatedBytes
        {
            get
            {
                lock (Gate)
                {
                    long sum = 0;
                    foreach (Worker w in Workers)
                        sum += Volatile.Read(ref w.AllocatedBytes);
                    return sum;
                }
            }
        }

        public static bool TryRun(int rows, int align, int threads, IRowJob job)
        {
            if (!Gate.TryEnter())
                return false; // another thread is using the workers: this product runs on its caller
            try
            {
                int blocks = (rows + align - 1) / align;
                int blocksPerThread = (blocks + threads - 1) / threads;
                int piece = blocksPerThread * align;
                while (Workers.Count < threads - 1)
                    Workers.Add(new Worker());
                failure = null;
                Volatile.Write(ref pending, threads - 1);
                for (int t = 1; t < threads; t++)
                    Workers[t - 1].Start(job, Math.Min(rows, t * piece), Math.Min(rows, (t + 1) * piece));
                try
                {
                    job.Run(0, Math.Min(rows, piece));
                }
                finally
                {
                    for (int spins = 0; Volatile.Read(ref pending) > 0; spins++)
                    {
                        if (spins < MaxCallerSpins)
                            Thread.SpinWait(SpinIterations);
                        else
                            Thread.Yield(); // a worker is not running: give it the core
                    }
                }
                failure?.Throw();
                return true;
            }
            finally
            {
                Gate.Exit();
            }
        }

        // Pieces take tens of microseconds, so waiting spins (SpinWait/SemaphoreSlim's own spinning allocate
        // now and then; a bare spin does not). An idle worker blocks after IdleSpinTicks.
        private const int SpinIterations = 20;
        private const int MaxCallerSpins = 20_000;
        private static readonly long IdleSpinTicks = System.Diagnostics.Stopwatch.Frequency / 2000; // 0.5 ms

        private sealed class Worker
        {
            private readonly SemaphoreSlim wake = new(0);
            private long generation;
            private int sleeping;
            private IRowJob? job;
            private int start, end;
            public long AllocatedBytes;

            public Worker()
            {
                var thread = new Thread(Loop) { IsBackground = true, Name = "NetTrainer kernel worker" };
                thread.Start();
            }

            public void Start(IRowJob work, int from, int to)
            {
                job = work;
                start = from;
                end = to;
                Interlocked.Increment(ref generation);
                if (Interlocked.Exchange(ref sleeping, 0) == 1)
                    wake.Release();
            }

            private void Loop()
            {
                long seen = 0;
                while (true)
                {
                    seen = WaitForWork(seen);
                    try
                    {
                        if (start < end)
                            job!.Run(start, end);
                    }
                    catch (Exception e)
                    {
                        failure = ExceptionDispatchInfo.Capture(e);
                    }
                    finally
                    {
                        job = null;
                        Volatile.Write(ref AllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
                        Interlocked.Decrement(ref pending);
                    }
                }
            }

            // Spins until Start bumps the generation; after IdleSpinTicks announces that it sleeps, re-checks
            // (Start may have come in between) and blocks. A stale wake-up only loops back to the check.
            private long WaitForWork(long seen)
            {
                long idleSince = System.Diagnostics.Stopwatch.GetTimestamp();
                while (Volatile.Read(ref generation) == seen)
                {
                    if (System.Diagnostics.Stopwatch.GetTimestamp() - idleSince < IdleSpinTicks)
                    {
                        Thread.SpinWait(SpinIterations);
                        continue;
                    }
                    Interlocked.Exchange(ref sleeping, 1);
                    if (Volatile.Read(ref generation) == seen)
                        wake.Wait();
                    Interlocked.Exchange(ref sleeping, 0);
                    idleSince = System.Diagnostics.Stopwatch.GetTimestamp();
                }
                return Volatile.Read(ref generation);
            }
        }
    }
}
