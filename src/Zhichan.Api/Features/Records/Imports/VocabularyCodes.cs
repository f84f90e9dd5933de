using Zhichan.Api.Features.Records.Search;

namespace Zhichan.Api.Features.Records.Imports;

/// <summary>
/// The CJK search codes (<see cref="SearchTokens.Code"/>, the non-negative ones) that search_vocabulary holds or that
/// an import has handed to one of its batches to add, as a bitmap: a row of <see cref="SearchTokens.CjkCount"/> bits per
/// first character (a bigram's code is first × CjkCount + second; a lone character's is CjkCount² + its number, the
/// last row), a row allocated when its first code arrives (a few thousand rows for a national year's file). Adding is
/// safe from several threads at once: each code is reported new exactly once, so the slices of a batch normalised in
/// parallel collect disjoint lists of the codes their batch must add. A bitmap rather than a hash set: every code of
/// every record is added, millions per import, and a set's hashing and growth were a measurable share of the import's
/// CPU (ADR 0011).
/// </summary>
public sealed class VocabularyCodes
{
    private const int RowWords = (SearchTokens.CjkCount + 63) / 64;
    private readonly ulong[]?[] _rows = new ulong[]?[SearchTokens.CjkCount + 1];

    /// <summary>Adds a code; true when it was not in the set. Negative codes (words) are never kept: false.</summary>
    public bool Add(int code)
    {
        if (code < 0) return false;
        var (row, bit) = Math.DivRem(code, SearchTokens.CjkCount);
        if ((uint)row >= (uint)_rows.Length) throw new ArgumentOutOfRangeException(nameof(code), code, "not a search code");
        var words = Volatile.Read(ref _rows[row]);
        if (words is null)
        {
            Interlocked.CompareExchange(ref _rows[row], new ulong[RowWords], null);
            words = _rows[row]!;
        }
        var mask = 1UL << (bit & 63);
        ref var word = ref words[bit >> 6];
        if ((Volatile.Read(ref word) & mask) != 0) return false;
        return (Interlocked.Or(ref word, mask) & mask) == 0;
    }

    /// <summary>Adds the non-negative codes of a code array sorted ascending (words first) and appends the new ones to <paramref name="fresh"/>.</summary>
    public void AddSorted(int[] codes, List<int> fresh)
    {
        for (var i = codes.Length - 1; i >= 0 && codes[i] >= 0; i--)
            if (Add(codes[i])) fresh.Add(codes[i]);
    }

    /// <summary>The codes search_vocabulary holds now.</summary>
    public static async Task<VocabularyCodes> LoadAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var set = new VocabularyCodes();
        await using var cmd = db.CreateCommand("SELECT code FROM search_vocabulary");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) set.Add(r.GetInt32(0));
        return set;
    }
}
