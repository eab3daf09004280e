namespace NetTrainer.LinearAlgebra;

/// <summary>
/// Splits work over the cores: a kernel's output rows when the product is large enough to pay for it, or
/// independent pieces of work (evaluation chunks). Every output element is computed by exactly one thread in a
/// fixed order, so results never depend on the thread count. Inside a split, kernels run single-threaded.
/// </summary>
public static class Parallelism
{
    /// <summary>Below this many multiply-adds a product runs on the calling thread (a thread hand-off costs more).</summary>
    public const long MinParallelWork = 1 << 20;

    /// <summary>Threads the kernels may use; 1 turns threading off (the benchmark compares both).</summary>
    public static int MaxThreads { get; set; } = Environment.ProcessorCount;

    [ThreadStatic]
    private static bool insideSplit;

    /// <summary>True when <see cref="ForRows"/> would use more than one thread (callers skip building its closure otherwise).</summary>
    public static bool WorthSplitting(int rows, int align, long work) =>
        !insideSplit && work >= MinParallelWork && Math.Min(MaxThreads, rows / Math.Max(align, 1)) > 1;

    /// <summary>
    /// Runs body(worker, item) for item = 0 .. items-1 on up to <see cref="MaxThreads"/> workers; worker w takes
    /// items w, w + workers, ... so that each worker can own a buffer. Kernels called from body stay single-threaded.
    /// </summary>
    public static void ForEach(int items, Action<int, int> body)
    {
        int workers = insideSplit ? 1 : Math.Max(1, Math.Min(MaxThreads, items));
        if (workers == 1)
        {
            for (int item = 0; item < items; item++)
                body(0, item);
            return;
        }
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            insideSplit = true;
            try
            {
                for (int item = worker; item < items; item += workers)
                    body(worker, item);
            }
            finally
            {
                insideSplit = false;
            }
        });
    }

    /// <summary>
    /// Runs body(start, end) over [0, rows) cut into pieces that start on multiples of <paramref name="align"/>.
    /// </summary>
    public static void ForRows(int rows, int align, long work, Action<int, int> body)
    {
        if (!WorthSplitting(rows, align, work))
        {
            body(0, rows);
            return;
        }
        int threads = Math.Min(MaxThreads, rows / Math.Max(align, 1));
        int blocks = (rows + align - 1) / align;
        int blocksPerThread = (blocks + threads - 1) / threads;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            int start = Math.Min(rows, t * blocksPerThread * align);
            int end = Math.Min(rows, start + blocksPerThread * align);
            if (start < end)
                body(start, end);
        });
    }
}
