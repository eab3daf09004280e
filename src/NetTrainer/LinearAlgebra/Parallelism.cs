using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace NetTrainer.LinearAlgebra;

/// <summary>
/// A piece of a kernel that computes output rows start .. end-1, or the kernel's other unit of a split (columns,
/// panels of columns) (reused between calls: no allocation).
/// </summary>
public interface IRowJob
{
    /// <summary>Computes units (output rows, unless the job says otherwise) <paramref name="start"/> .. <paramref name="end"/> − 1.</summary>
    void Run(int start, int end);
}

/// <summary>
/// Splits work over the cores: a kernel's output rows (or columns) when the product is large enough to pay for it, or
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

    // Never more row threads than cores: a thread the OS has parked only slows the others down.
    private static int RowThreads(int rows, int align, int threads) =>
        Math.Min(Math.Min(threads, Environment.ProcessorCount), rows / Math.Max(align, 1));

    /// <summary>
    /// Pieces per thread of a row split. More pieces than threads let whoever is running take the next one: when a
    /// worker starts late (another process holds its core), the caller computes the pieces it has not claimed
    /// instead of waiting for the scheduler to run it.
    /// </summary>
    public const int PiecesPerThread = 4;

    /// <summary>
    /// Runs job.Run(start, end) over [0, rows) cut into up to <see cref="PiecesPerThread"/> pieces per thread, each
    /// starting on a multiple of <paramref name="align"/>, claimed one at a time by the caller and the workers;
    /// on the calling thread alone when the work is small, the workers are busy, or the caller lately had to wait
    /// for a worker that another process held up inside its piece (see RowWorkers.AfterRound).
    /// </summary>
    public static void ForRows(int rows, int align, long work, int threads, IRowJob job)
    {
        int rowThreads = RowThreads(rows, align, threads);
        if (work < MinParallelWork || rowThreads <= 1 || !RowWorkers.TryRun(rows, align, rowThreads, job))
            job.Run(0, rows);
    }

    /// <summary>The rows of each piece when <see cref="ForRows"/> splits <paramref name="rows"/> rows over <paramref name="threads"/> threads: a multiple of <paramref name="align"/>.</summary>
    internal static int PieceRows(int rows, int align, int threads)
    {
        int blocks = (rows + align - 1) / align;
        int pieces = Math.Min(Math.Min(blocks, threads * PiecesPerThread), RowWorkers.MaxPieces);
        return (blocks + pieces - 1) / pieces * align;
    }

    /// <summary>Forgets the waits for held-up workers, so that the next row split uses the workers again (for the tests).</summary>
    internal static void ForgetStalls() => RowWorkers.ForgetStalls();

    /// <summary>The shortest while the caller runs alone after a held-up worker (10 ms; a test may lengthen it).</summary>
    internal static TimeSpan ShortestAlone
    {
        get => RowWorkers.ShortestAlone;
        set => RowWorkers.ShortestAlone = value;
    }

    /// <summary>Bytes the row-split worker threads have allocated so far (for the allocation tests).</summary>
    internal static long WorkerAllocatedBytes => RowWorkers.AllocatedBytes;

    /// <summary>How many of <paramref name="threads"/> workers <see cref="ForEach"/> would use for <paramref name="items"/> items.</summary>
    public static int WorkersFor(int items, int threads) => Math.Max(1, Math.Min(threads, items));

    /// <summary>The threads each of <paramref name="workers"/> side-by-side workers gives its own kernels: all of <paramref name="threads"/> alone, else 1.</summary>
    public static int ThreadsEach(int workers, int threads) => workers > 1 ? 1 : threads;

    /// <summary>
    /// Runs body(worker, item) for item = 0 .. items-1 on <paramref name="workers"/> workers (see <see cref="WorkersFor"/>);
    /// each worker can own a buffer (the worker number says whose). Each running worker takes the next item nobody
    /// has taken, so a worker that starts late (another process holds its core) leaves its items to the others.
    /// Which worker runs an item varies from run to run: body must write its result by item. Kernels called from
    /// body should be given <see cref="ThreadsEach"/> threads.
    /// </summary>
    public static void ForEach(int items, int workers, Action<int, int> body)
    {
        if (workers <= 1)
        {
            for (int item = 0; item < items; item++)
                body(0, item);
            return;
        }
        int next = -1;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            for (int item; (item = Interlocked.Increment(ref next)) < items;)
                body(worker, item);
        });
    }

    /// <summary>
    /// Long-lived threads for row splits. A split is a round: the caller publishes it in <c>ticket</c> (round number,
    /// piece count, next unclaimed piece), wakes the workers, and then it and every worker that is running claim
    /// pieces with a compare-and-swap on the ticket until none is left. The caller then waits only for pieces that
    /// a running worker has claimed, never for a worker to start.
    /// </summary>
    private static class RowWorkers
    {
        private static readonly Lock Gate = new();
        private static readonly List<Worker> Workers = [];
        // Round (high 32 bits) | piece count (bits 16-31) | next unclaimed piece (bits 0-15). A claim must see all
        // three in one value: a worker that read a finished round's ticket must fail to claim in the next one.
        private static long ticket;
        public const int MaxPieces = ushort.MaxValue;
        private static int finished;
        private static IRowJob? roundJob;
        private static int roundRows, roundPieceRows;
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
                if (Stopwatch.GetTimestamp() < aloneUntil)
                    return false; // a worker was preempted lately: the caller runs alone for a while (AfterRound)
                int pieceRows = PieceRows(rows, align, threads);
                int pieces = (rows + pieceRows - 1) / pieceRows;
                while (Workers.Count < threads - 1)
                    Workers.Add(new Worker());
                failure = null;
                (roundJob, roundRows, roundPieceRows) = (job, rows, pieceRows);
                Volatile.Write(ref finished, 0);
                long round = ((Volatile.Read(ref ticket) >> 32) + 1) & int.MaxValue; // stays positive when it wraps
                Interlocked.Exchange(ref ticket, (round << 32) | ((long)pieces << 16)); // publishes the fields above
                for (int t = 0; t < threads - 1; t++)
                    Workers[t].Wake();
                long started = Stopwatch.GetTimestamp(), ranOwn = started;
                int own = 0;
                try
                {
                    own = RunPieces(round);
                    ranOwn = Stopwatch.GetTimestamp();
                }
                finally
                {
                    // Every piece is claimed now; the ones still running run on workers that are running.
                    for (int spins = 0; Volatile.Read(ref finished) < pieces; spins++)
                    {
                        if (spins < MaxCallerSpins)
                            Thread.SpinWait(SpinIterations);
                        else
                            Thread.Yield(); // a worker was preempted inside its piece: give it the core
                    }
                    roundJob = null;
                }
                AfterRound(own, ranOwn - started, Stopwatch.GetTimestamp() - ranOwn);
                failure?.Throw();
                return true;
            }
            finally
            {
                Gate.Exit();
            }
        }

        // A worker that another process preempted inside a piece it claimed makes the caller wait for the
        // scheduler to run it again, and no split of the work avoids that wait: with one busy process on two cores
        // about one round in a hundred waited 3 ms or more (784,100,10 mb 100), at idle none did. So after a wait
        // that long (and longer than two of the caller's own pieces, for products whose pieces take that long) the
        // caller runs every product alone for a while, its workers blocked, then tries them again; each wait on
        // the next try doubles the while, and a long run of rounds without one brings it back to the shortest.
        // Which thread runs a piece never changes a result.
        private static void AfterRound(int ownPieces, long ownTicks, long waitedTicks)
        {
            if (waitedTicks > Math.Max(StallTicks, 2 * ownTicks / Math.Max(ownPieces, 1)))
            {
                aloneUntil = Stopwatch.GetTimestamp() + aloneTicks;
                aloneTicks = Math.Min(2 * aloneTicks, MaxAloneTicks);
                cleanRounds = 0;
            }
            else if (++cleanRounds >= RoundsToForgive)
                aloneTicks = MinAloneTicks;
        }

        public static void ForgetStalls()
        {
            lock (Gate)
                (aloneUntil, aloneTicks, cleanRounds) = (0, MinAloneTicks, 0);
        }

        public static TimeSpan ShortestAlone
        {
            get => Stopwatch.GetElapsedTime(0, MinAloneTicks);
            set
            {
                lock (Gate)
                    MinAloneTicks = aloneTicks = (long)(value.TotalSeconds * Stopwatch.Frequency);
            }
        }

        private static readonly long StallTicks = Stopwatch.Frequency / 500; // 2 ms
        private static long MinAloneTicks = Stopwatch.Frequency / 100; // 10 ms
        private static readonly long MaxAloneTicks = Stopwatch.Frequency / 2; // 0.5 s
        private const int RoundsToForgive = 1000;
        private static long aloneUntil, aloneTicks = MinAloneTicks;
        private static int cleanRounds;

        // Claims and runs pieces of `round` until none is left, and says how many it ran. A claim succeeds only
        // while the round is unfinished (its piece is not done), so the round's fields read after it are that round's.
        private static int RunPieces(long round)
        {
            int ran = 0;
            while (true)
            {
                long t = Volatile.Read(ref ticket);
                int pieces = (int)((t >> 16) & 0xFFFF), next = (int)(t & 0xFFFF);
                if (t >> 32 != round || next >= pieces)
                    return ran;
                if (Interlocked.CompareExchange(ref ticket, t + 1, t) != t)
                    continue;
                ran++;
                try
                {
                    int start = next * roundPieceRows;
                    roundJob!.Run(start, Math.Min(roundRows, start + roundPieceRows));
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    Interlocked.Increment(ref finished);
                }
            }
        }

        // Pieces take tens of microseconds, so waiting spins (SpinWait/SemaphoreSlim's own spinning allocate
        // now and then; a bare spin does not). An idle worker blocks after IdleSpinTicks. A caller waiting for a
        // worker's piece yields after MaxCallerSpins (tens of microseconds, about a piece): longer means the worker
        // lost its core to another process and may be waiting for the caller's, which a spin of milliseconds kept
        // from it. `bench --under-load`, 784,100,10 mb 100, time on 2 threads over time on 1 (lower is better):
        // 1.11-1.18x over four runs, against 1.19-1.47x with milliseconds of spinning; the idle 2-thread epoch was
        // unchanged (0.20-0.29 s against 0.22-0.30 s).
        private const int SpinIterations = 20;
        private const int MaxCallerSpins = 200;
        private static readonly long IdleSpinTicks = Stopwatch.Frequency / 2000; // 0.5 ms

        private sealed class Worker
        {
            private readonly SemaphoreSlim wake = new(0);
            private int sleeping;
            public long AllocatedBytes;

            public Worker()
            {
                var thread = new Thread(Loop) { IsBackground = true, Name = "NetTrainer kernel worker" };
                thread.Start();
            }

            public void Wake()
            {
                if (Interlocked.Exchange(ref sleeping, 0) == 1)
                    wake.Release();
            }

            private void Loop()
            {
                long seen = Volatile.Read(ref ticket) >> 32;
                while (true)
                {
                    seen = WaitForRound(seen);
                    RunPieces(seen);
                    Volatile.Write(ref AllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
                }
            }

            // Spins until a round after `seen` is published; after IdleSpinTicks announces that it sleeps,
            // re-checks (a round may have come in between) and blocks. A stale wake-up only loops back to the check.
            private long WaitForRound(long seen)
            {
                long idleSince = Stopwatch.GetTimestamp();
                while (Volatile.Read(ref ticket) >> 32 == seen)
                {
                    if (Stopwatch.GetTimestamp() - idleSince < IdleSpinTicks)
                    {
                        Thread.SpinWait(SpinIterations);
                        continue;
                    }
                    Interlocked.Exchange(ref sleeping, 1);
                    if (Volatile.Read(ref ticket) >> 32 == seen)
                        wake.Wait();
                    Interlocked.Exchange(ref sleeping, 0);
                    idleSince = Stopwatch.GetTimestamp();
                }
                return Volatile.Read(ref ticket) >> 32;
            }
        }
    }
}
