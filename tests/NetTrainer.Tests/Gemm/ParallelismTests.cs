using System.Collections.Concurrent;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Tests.Gemm;

/// <summary>Row splits: every row once, pieces on the alignment, and a held-up worker never holds up the caller's pieces.</summary>
public class ParallelismTests
{
    private const long Large = Parallelism.MinParallelWork;

    private sealed class RecordingJob(Func<int, TimeSpan> delayOnWorker) : IRowJob
    {
        public readonly int Caller = Environment.CurrentManagedThreadId;
        public readonly ConcurrentBag<(int Thread, int Start, int End)> Pieces = [];

        public void Run(int start, int end)
        {
            int thread = Environment.CurrentManagedThreadId;
            Pieces.Add((thread, start, end));
            if (thread != Caller)
                Thread.Sleep(delayOnWorker(start));
        }
    }

    [TestCase(100, 2)]
    [TestCase(101, 2)]
    [TestCase(784, 4)]
    [TestCase(10, 4)]
    [TestCase(7, 2)]
    public void Every_row_is_computed_once_by_pieces_that_start_on_the_alignment(int rows, int align)
    {
        var job = new RecordingJob(_ => TimeSpan.Zero);
        Parallelism.ForRows(rows, align, Large, threads: 2, job);

        var counts = new int[rows];
        foreach ((_, int start, int end) in job.Pieces)
        {
            Assert.That(start % align, Is.Zero, $"piece {start}..{end} starts on a multiple of {align}");
            for (int row = start; row < end; row++)
                counts[row]++;
        }
        Assert.That(counts, Is.All.EqualTo(1), "each row in exactly one piece");
    }

    [Test]
    public void A_product_is_cut_into_more_pieces_than_threads()
    {
        int pieceRows = Parallelism.PieceRows(rows: 100, align: 2, threads: 2);
        Assert.That(pieceRows % 2, Is.Zero);
        Assert.That((100 + pieceRows - 1) / pieceRows, Is.EqualTo(2 * Parallelism.PiecesPerThread));
    }

    [Test]
    public void The_caller_takes_over_the_pieces_of_a_worker_held_up_in_its_first_piece()
    {
        if (Environment.ProcessorCount < 2)
            Assert.Ignore("needs two cores for a worker thread");
        // A worker that claims a piece sleeps in it (as if another process held its core); the caller must not wait
        // for it to come back before it computes the pieces nobody has claimed.
        var job = new RecordingJob(_ => TimeSpan.FromMilliseconds(300));
        Parallelism.ForRows(rows: 160, align: 2, Large, threads: 2, job);

        int pieces = job.Pieces.Count, byCaller = job.Pieces.Count(p => p.Thread == job.Caller);
        Assert.That(pieces, Is.EqualTo(2 * Parallelism.PiecesPerThread));
        Assert.That(byCaller, Is.GreaterThanOrEqualTo(pieces - 1), "the worker ran at most the one piece it was held up in");
    }

    private sealed class HeldUpWorkerJob : IRowJob
    {
        private readonly int caller = Environment.CurrentManagedThreadId;
        public readonly ManualResetEventSlim WorkerIn = new();

        public void Run(int start, int end)
        {
            if (Environment.CurrentManagedThreadId != caller)
            {
                WorkerIn.Set();
                Thread.Sleep(1000); // as if another process held this worker's core inside its piece (longer than
                // two of the caller's pieces, even if the worker took long to start)
            }
            else if (start == 0)
                WorkerIn.Wait(TimeSpan.FromSeconds(10)); // the caller's first piece: until a worker has claimed one
        }
    }

    [Test]
    public void After_waiting_for_a_held_up_worker_the_caller_runs_the_next_products_alone_for_a_while()
    {
        if (Environment.ProcessorCount < 2)
            Assert.Ignore("needs two cores for a worker thread");
        Parallelism.ForgetStalls();
        Parallelism.ShortestAlone = TimeSpan.FromSeconds(5); // so that a slow test thread still finds the caller alone
        var heldUp = new HeldUpWorkerJob();
        Parallelism.ForRows(rows: 160, align: 2, Large, threads: 2, heldUp);
        if (!heldUp.WorkerIn.IsSet)
            Assert.Inconclusive("no worker started within 10 s");

        var next = new RecordingJob(_ => TimeSpan.Zero);
        Parallelism.ForRows(rows: 160, align: 2, Large, threads: 2, next);
        Assert.That(next.Pieces, Is.EqualTo(new[] { (next.Caller, 0, 160) }), "the next product ran whole on the caller");
    }

    [Test]
    public void The_caller_uses_the_workers_again_once_its_while_alone_is_over()
    {
        if (Environment.ProcessorCount < 2)
            Assert.Ignore("needs two cores for a worker thread");
        Parallelism.ForgetStalls();
        Parallelism.ShortestAlone = TimeSpan.FromMilliseconds(20);
        var heldUp = new HeldUpWorkerJob();
        Parallelism.ForRows(rows: 160, align: 2, Large, threads: 2, heldUp);
        if (!heldUp.WorkerIn.IsSet)
            Assert.Inconclusive("no worker started within 10 s");

        Thread.Sleep(300); // well past the 20 ms alone
        var later = new RecordingJob(_ => TimeSpan.Zero);
        Parallelism.ForRows(rows: 160, align: 2, Large, threads: 2, later);
        Assert.That(later.Pieces, Has.Count.EqualTo(2 * Parallelism.PiecesPerThread), "a later product is split again");
    }

    [TearDown]
    public void UseTheWorkersAgain() // a held-up worker above leaves the caller alone
    {
        Parallelism.ShortestAlone = TimeSpan.FromMilliseconds(10);
        Parallelism.ForgetStalls();
    }

    [Test]
    public void ForEach_runs_every_item_once_and_a_held_up_worker_leaves_its_items_to_the_others()
    {
        var runs = new ConcurrentBag<(int Worker, int Item)>();
        Parallelism.ForEach(items: 40, workers: 2, (worker, item) =>
        {
            runs.Add((worker, item));
            if (worker == 1)
                Thread.Sleep(500); // as if another process held this worker's core
        });

        Assert.That(runs.Select(r => r.Item).Order(), Is.EqualTo(Enumerable.Range(0, 40)), "each item once");
        Assert.That(runs.Count(r => r.Worker == 1), Is.LessThanOrEqualTo(1), "the other worker took the items the held-up one had not started");
    }
}
