using Microsoft.Extensions.Caching.Memory;

namespace Zhichan.Api.Features.Records.Search;

/// <summary>
/// Recent search answers (ADR 0068), keyed by every parameter of the request and the version of the records' data
/// (<see cref="RecordsVersion"/>): any write of a record changes the version, so an answer is served again only for exactly
/// the data it was computed from. An answer is the same for every caller (records are public; the rate limits and row caps
/// of exports are elsewhere), so anonymous and signed-in searches share it. ZHICHAN_SEARCH_CACHE_ENTRIES answers at most
/// (0 turns it off), the least recently used dropped first; an answer of an older version is never read again and ages out.
/// </summary>
public sealed class SearchCache(Platform.ZhichanOptions options) : IDisposable
{
    private readonly MemoryCache? _cache = options.SearchCacheEntries > 0
        ? new MemoryCache(new MemoryCacheOptions { SizeLimit = options.SearchCacheEntries, CompactionPercentage = 0.2 })
        : null;

    public static string Key(RecordFilterParams f, string? sort, int? page, int? pageSize, string? cursor, bool? facets) =>
        string.Join('\u001f', f.Q?.Trim(), f.Types, f.DateField, f.From, f.To, f.Ipc, f.Region, f.Industry, f.Applicant, f.EntityId, f.Status,
            f.TechField, sort, page, pageSize, cursor, facets);

    public SearchResult? Get(string key, string version) => _cache?.Get<SearchResult>(version + '\u001e' + key);

    public void Set(string key, string version, SearchResult result) =>
        _cache?.Set(version + '\u001e' + key, result, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });

    public void Dispose() => _cache?.Dispose();
}
