using System.Collections.Concurrent;

namespace Zhichan.Api.Features.Records.Imports;

/// <summary>
/// The encoded rows (<see cref="RecordCodec.Encode"/>) of one slice of a batch, packed into 1 MiB chunks taken
/// from a shared pool and given back once the batch is written (<see cref="Release"/>). An encoded row lives from its
/// normalisation until its batch is copied — a second or two, several collections of the young generation — so as one
/// array each the garbage collector copied every row of an import twice on its way to the old generation (ADR 0011);
/// in pooled chunks it copies none. A row longer than a quarter of a chunk keeps an array of its own.
/// </summary>
public sealed class EncodedRows
{
    public const int ChunkBytes = 1 << 20;

    /// <summary>Chunks kept for the next batch: about what four batches in flight (reading, two queued, writing) hold.</summary>
    private const int MaxPooled = 256;

    private static readonly ConcurrentBag<byte[]> Pool = [];

    private readonly List<byte[]> _chunks = [];
    private byte[]? _current;
    private int _used;

    /// <summary>Copies <paramref name="row"/> into the current chunk (a new one when it is full) and returns where it is.</summary>
    public ReadOnlyMemory<byte> Add(ReadOnlySpan<byte> row)
    {
        if (row.Length > ChunkBytes / 4) return row.ToArray();
        if (_current is null || _used + row.Length > _current.Length)
        {
            _current = Pool.TryTake(out var chunk) ? chunk : GC.AllocateUninitializedArray<byte>(ChunkBytes);
            _chunks.Add(_current);
            _used = 0;
        }
        row.CopyTo(_current.AsSpan(_used));
        var at = new ReadOnlyMemory<byte>(_current, _used, row.Length);
        _used += row.Length;
        return at;
    }

    /// <summary>The number of chunks taken (for tests).</summary>
    public long ChunkCount => _chunks.Count;

    /// <summary>
    /// Gives the chunks back to the pool. Only once nothing reads the rows any more: the records of the batch are done
    /// with (written, or skipped) and dropped.
    /// </summary>
    public void Release()
    {
        foreach (var c in _chunks) if (Pool.Count < MaxPooled) Pool.Add(c);
        _chunks.Clear();
        _current = null;
        _used = 0;
    }

    /// <summary>Empties the pool when an import ends, so an idle application does not keep a quarter of a gigabyte.</summary>
    public static void Trim() => Pool.Clear();
}
