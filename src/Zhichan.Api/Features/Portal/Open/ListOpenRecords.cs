using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Search;

namespace Zhichan.Api.Features.Portal.Open;

/// <summary>The records search for partners: the public search itself (same query syntax, filters, limits and answer), by key.</summary>
public static class ListOpenRecords
{
    public static Task<Ok<SearchResult>> HandleAsync([AsParameters] RecordFilterParams filter, string? sort, int? page, int? pageSize, string? cursor,
        bool? facets, [FromKeyedServices(DataSources.Read)] NpgsqlDataSource db, RecordsReference reference, SearchCache cache, ZhichanOptions options, CancellationToken ct) =>
        SearchRecords.HandleAsync(filter, sort, page, pageSize, cursor, facets, db, reference, cache, options, ct);
}
