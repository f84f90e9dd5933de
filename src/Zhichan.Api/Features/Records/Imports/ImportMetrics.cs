using System.Diagnostics;

namespace Zhichan.Api.Features.Records.Imports;

/// <summary>The steps of <see cref="RecordWriter.WriteAsync"/> that <see cref="ImportMetrics"/> times.</summary>
public enum WriterStep { Lookup, Entities, Insert, Merge }

/// <summary>
/// Where one import's time went, gathered while it runs and logged when it ends: the writer's steps summed over the
/// batches, writing the batches, rebuilding the deferred indexes, and the garbage collector's share. One per import, so
/// concurrent imports (and tests) never add to each other's figures.
/// </summary>
public sealed class ImportMetrics
{
    private readonly (int Gen0, int Gen1, int Gen2, TimeSpan Pause, long Bytes) _gc =
        (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());

    private readonly long[] _steps = new long[4];

    /// <summary>Writing the batches: each one's transaction, records, rejections and resume point.</summary>
    public Stopwatch Writing { get; } = new();

    /// <summary>Rebuilding the indexes a bulk import deferred.</summary>
    public Stopwatch Indexing { get; } = new();

    /// <summary>Milliseconds the writer spent in <paramref name="step"/> over the batches so far.</summary>
    public long StepMs(WriterStep step) => _steps[(int)step];

    internal void Add(WriterStep step, long milliseconds) => _steps[(int)step] += milliseconds;

    public void Log(ILogger log, long importId, string fileName, long durationMs, long rows, WriteSession session) =>
        log.LogInformation("Import {Id} ({File}) done in {Ms} ms: {Rows} rows; writing batches took {Write} ms (lookup/entities/insert/merge {Steps} ms; keys looked up {LookedUp}, known new {Skipped}; entities sent {Sent}, known {Known}); rebuilding deferred indexes {Index} ms; garbage collections {Gen0}/{Gen1}/{Gen2} (gen 0/1/2), paused {Pause} ms, allocated {Allocated} MB",
            importId, fileName, durationMs, rows, Writing.ElapsedMilliseconds, string.Join('/', _steps), session.LookedUp, session.Skipped, session.EntitiesSent, session.EntitiesKnown,
            Indexing.ElapsedMilliseconds, GC.CollectionCount(0) - _gc.Gen0, GC.CollectionCount(1) - _gc.Gen1, GC.CollectionCount(2) - _gc.Gen2,
            (long)(GC.GetTotalPauseDuration() - _gc.Pause).TotalMilliseconds, (GC.GetTotalAllocatedBytes() - _gc.Bytes) >> 20);
}
