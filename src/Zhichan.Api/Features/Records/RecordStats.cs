using Zhichan.Api.Features.Records.Search;

namespace Zhichan.Api.Features.Records;

/// <param name="LatestYear">The latest application year with records: statistics default to it ("数据截至 2017 年").</param>
public sealed record RecordStatsDto(long Total, IReadOnlyList<FacetValue> ByYear, IReadOnlyList<FacetValue> ByType, IReadOnlyList<FacetValue> TopCities,
    IReadOnlyList<FacetValue> ByStatus, string? DataMissing, long Imports, int? LatestYear = null);

/// <summary>Counts for dashboards: records by application year, type, top cities, status.</summary>
public static class RecordStats
{
    public static async Task<Ok<RecordStatsDto>> HandleAsync(string? region, NpgsqlDataSource db, RecordsReference reference, CancellationToken ct)
    {
        var f = await RecordFilter.CreateAsync(new RecordFilterParams { Region = region }, db, ct);
        var sql = $"""
            (SELECT 'year', extract(year FROM application_date)::int::text, count(*) FROM records r WHERE {f.Where} AND application_date IS NOT NULL GROUP BY 2 ORDER BY 2)
            UNION ALL (SELECT 'type', right_type, count(*) FROM records r WHERE {f.Where} GROUP BY 2)
            UNION ALL (SELECT 'city', city_code, count(*) FROM records r WHERE {f.Where} AND city_code IS NOT NULL GROUP BY 2 ORDER BY 3 DESC LIMIT 15)
            UNION ALL (SELECT 'status', status, count(*) FROM records r WHERE {f.Where} GROUP BY 2)
            UNION ALL (SELECT 'total', '', count(*) FROM records r WHERE {f.Where})
            UNION ALL (SELECT 'imports', '', count(*) FROM imports WHERE status IN ('succeeded', 'completed_with_errors'))
            """;
        var lists = new Dictionary<string, List<FacetValue>> { ["year"] = [], ["type"] = [], ["city"] = [], ["status"] = [] };
        long total = 0, imports = 0;
        await using (var cmd = f.Command(db, sql))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var (k, key, n) = (r.GetString(0), r.IsDBNull(1) ? "" : r.GetString(1), r.GetInt64(2));
                if (k == "total") { total = n; continue; }
                if (k == "imports") { imports = n; continue; }
                var label = k switch
                {
                    "type" => RightTypes.Names.GetValueOrDefault(key, key),
                    "city" => SearchRecords.RegionPath(reference, key) ?? key,
                    "status" => RecordStatus.Names.GetValueOrDefault(key, key),
                    _ => key,
                };
                lists[k].Add(new FacetValue(key, label, n));
            }
        var latest = lists["year"].Select(y => int.TryParse(y.Key, out var n) ? n : (int?)null).Max();
        return TypedResults.Ok(new RecordStatsDto(total, lists["year"], lists["type"], lists["city"], lists["status"], reference.MissingMessage, imports, latest));
    }
}
