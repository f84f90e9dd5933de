using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Zhichan.Api.Features.Records.Imports;

/// <summary>One batch of an import, normalised and prepared, in row order: what the job writes in one transaction.</summary>
public sealed record ImportBatch(int Number, List<PreparedRecord> Records, List<Rejection> Rejections, HashSet<long> WholeRows, long RowsSoFar,
    long RejectedSoFar, EncodedRows[] Encoded, int[] NewCodes)
{
    /// <summary>The batch's records are done with (written, or skipped): their encoded rows' chunks go to the next batches.</summary>
    public void Release()
    {
        foreach (var e in Encoded) e.Release();
    }
}

/// <summary>
/// The import's threads: one reads the drafts and cuts them into batches and pieces, one per core normalises and
/// prepares the pieces, and the batches go to the job in row order through a channel of two — so reading and
/// normalising (the app's cores) overlap with writing the previous batch (the database's core).
/// </summary>
public sealed class ImportPipeline : IAsyncDisposable
{
    private readonly RecordsReference _reference;
    private readonly ImportOptions _options;
    private readonly Channel<ImportBatch> _channel = Channel.CreateBounded<ImportBatch>(2);
    // stopped when writing fails: otherwise the producer waits forever on the full channel, holding the file
    private readonly CancellationTokenSource _stop;

    /// <summary>Starts reading <paramref name="drafts"/>; <see cref="Batches"/> yields them normalised and prepared, batch by batch.</summary>
    /// <param name="known">the search codes search_vocabulary holds: each batch then adds those it is the first to bring</param>
    public static ImportPipeline Start(IEnumerable<(long Row, RecordDraft Draft)> drafts, string format, string fileName, VocabularyCodes known,
        RecordsReference reference, ImportOptions options, CancellationToken ct) => new(drafts, format, fileName, known, reference, options, ct);

    private ImportPipeline(IEnumerable<(long Row, RecordDraft Draft)> drafts, string format, string fileName, VocabularyCodes known,
        RecordsReference reference, ImportOptions options, CancellationToken ct)
    {
        _reference = reference;
        _options = options;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // a dedicated thread: reading a large file is minutes of CPU that must not hold a thread-pool thread
        Reading = Task.Factory.StartNew(() => Produce(drafts, format, fileName, known, _channel.Writer, _stop.Token), _stop.Token,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// True once every row has been read, normalised and handed on to <see cref="Batches"/>; false when reading stopped
    /// early (its error then ends <see cref="Batches"/>).
    /// </summary>
    public Task<bool> Reading { get; }

    /// <summary>Stops reading (when writing has failed, or is done) and empties the pool of encoded rows' chunks.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        EncodedRows.Trim();
        _stop.Dispose();
    }

    /// <summary>
    /// The first batch is smaller (at most this many rows) and each next one twice the size until <see cref="ImportOptions.BatchRows"/>:
    /// the database starts writing as soon as a small first batch is normalised instead of waiting for a full one, and
    /// keeps writing while the next, larger batch is normalised. The sizes depend only on the batch's number, so they
    /// are the same on every run over a file and the resume point stays exact.
    /// </summary>
    public const int FirstBatchRows = 2_000;

    /// <summary>The number of source rows of batch <paramref name="number"/> (0-based): 2,000, 4,000, 8,000, 16,000, then <see cref="ImportOptions.BatchRows"/>.</summary>
    private int BatchRows(int number) => number >= 5 ? _options.BatchRows : Math.Min(_options.BatchRows, FirstBatchRows << number);

    /// <summary>Reads the batches, rethrowing the producer's own exception (bad file …) rather than a channel error.</summary>
    public async IAsyncEnumerable<ImportBatch> Batches([EnumeratorCancellation] CancellationToken ct)
    {
        var reader = _channel.Reader;
        while (true)
        {
            try
            {
                if (!await reader.WaitToReadAsync(ct)) yield break;
            }
            catch (ChannelClosedException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(e.InnerException);
            }
            while (reader.TryRead(out var b)) yield return b;
        }
    }

    /// <summary>
    /// Rows of a batch handed to a normalising thread at a time. Small, so that a row's draft (the CSV's strings) is
    /// normalised soon after it is read and dies young: read in whole batches, a batch's drafts waited for it to be
    /// complete and survived collections of the young generation on the way.
    /// </summary>
    public const int PieceRows = 1_000;

    /// <summary>
    /// Reads the drafts on this thread in batches of <see cref="ImportOptions.BatchRows"/> source rows (the first ones smaller,
    /// <see cref="BatchRows"/>), handing each <see cref="PieceRows"/> of them to one of the normalising threads (one per
    /// core, each with its own normaliser) while it reads on; a batch goes to the writer once its pieces are normalised,
    /// in row order. The batches are the same on every run over the same file, so the resume point stays exact. True
    /// when every row was read and handed to the writer.
    /// </summary>
    private bool Produce(IEnumerable<(long Row, RecordDraft Draft)> drafts, string format, string fileName, VocabularyCodes known,
        ChannelWriter<ImportBatch> output, CancellationToken ct)
    {
        var workers = Math.Max(1, Environment.ProcessorCount);
        using var queue = new BlockingCollection<Piece>(workers * 2);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task[] threads = [];
        try
        {
            // dedicated threads, not the thread pool's: a long CPU-bound pass there starves the HTTP requests. A piece
            // keeps its own error (Piece.Run), so a thread ends only when the queue does
            var normalisers = new RecordNormaliser[workers];
            for (var i = 0; i < workers; i++) normalisers[i] = new RecordNormaliser(_reference);
            threads = [.. normalisers.Select(normaliser => Task.Factory.StartNew(() =>
            {
                foreach (var piece in queue.GetConsumingEnumerable(stop.Token)) piece.Run(normaliser, format, fileName, known);
            }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default))];
            var number = 0;
            long rows = 0, rejected = 0;
            var batch = new List<Piece>();
            var batchRows = 0;
            var piece = new Piece();
            void Hand()
            {
                queue.Add(piece, ct);
                batch.Add(piece);
                piece = new Piece();
            }
            // blocks this (dedicated) thread while the writer is two batches behind
            void Emit()
            {
                if (piece.Drafts.Count > 0) Hand();
                var b = Assemble(number++, batch, rows, ref rejected, ct);
                output.WriteAsync(b, ct).AsTask().GetAwaiter().GetResult();
                batch = [];
                batchRows = 0;
            }
            foreach (var item in drafts)
            {
                ct.ThrowIfCancellationRequested();
                piece.Drafts.Add(item);
                rows++;
                batchRows++;
                if (batchRows == BatchRows(number)) Emit();
                else if (piece.Drafts.Count == PieceRows) Hand();
            }
            if (batchRows > 0 || number == 0) Emit();
            output.Complete();
            return true;
        }
        catch (Exception e)
        {
            output.Complete(e);
            return false;
        }
        finally
        {
            queue.CompleteAdding();
            stop.Cancel();
            try { Task.WaitAll(threads); } catch (AggregateException) { /* cancelled, or a piece's error already reported */ }
        }
    }

    /// <summary>
    /// The batch of the normalised pieces, in row order (waits for the pieces still being normalised; a cancelled import
    /// stops the normalising threads, so it stops waiting too).
    /// </summary>
    private static ImportBatch Assemble(int number, List<Piece> pieces, long rowsSoFar, ref long rejectedSoFar, CancellationToken ct)
    {
        foreach (var p in pieces)
        {
            p.Done.Wait(ct);
            if (p.Error is { } error) ExceptionDispatchInfo.Throw(error);
        }
        var records = new List<PreparedRecord>(pieces.Sum(p => p.Records.Count));
        var rejections = new List<Rejection>();
        var whole = new HashSet<long>();
        var encoded = new EncodedRows[pieces.Count];
        for (var i = 0; i < pieces.Count; i++)
        {
            var p = pieces[i];
            p.Done.Dispose();
            records.AddRange(p.Records);
            rejections.AddRange(p.Rejections);
            whole.UnionWith(p.Whole);
            encoded[i] = p.Encoded;
        }
        // disjoint: each code is new to exactly one piece (VocabularyCodes.Add)
        var codes = new int[pieces.Sum(p => p.NewCodes.Count)];
        var at = 0;
        foreach (var p in pieces) { p.NewCodes.CopyTo(codes, at); at += p.NewCodes.Count; }
        rejectedSoFar += whole.Count;
        return new ImportBatch(number, records, rejections, whole, rowsSoFar, rejectedSoFar, encoded, codes);
    }

    /// <summary>Consecutive rows of a batch, normalised together on one thread (<see cref="PieceRows"/>).</summary>
    private sealed class Piece
    {
        public List<(long Row, RecordDraft Draft)> Drafts { get; } = new(PieceRows);
        public List<PreparedRecord> Records { get; } = new(PieceRows);
        public List<Rejection> Rejections { get; } = [];
        public List<long> Whole { get; } = [];
        public EncodedRows Encoded { get; } = new();
        public List<int> NewCodes { get; } = [];
        public ManualResetEventSlim Done { get; } = new();
        public Exception? Error { get; private set; }

        public void Run(RecordNormaliser normaliser, string format, string fileName, VocabularyCodes known)
        {
            try
            {
                foreach (var (rowNumber, draft) in Drafts)
                {
                    var rec = normaliser.Normalise(draft, rowNumber, Rejections);
                    if (rec is null) { Whole.Add(rowNumber); continue; }
                    rec.SourceFormat = format;
                    rec.SourceFile = fileName;
                    Records.Add(RecordCodec.Prepare(rec, Encoded, known, NewCodes, rowNumber));
                }
            }
            catch (Exception e) { Error = e; }
            finally
            {
                // the drafts are done with: let them go now rather than with the batch
                Drafts.Clear();
                Drafts.TrimExcess();
                Done.Set();
            }
        }
    }
}
