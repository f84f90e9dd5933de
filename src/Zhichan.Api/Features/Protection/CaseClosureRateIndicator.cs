using Zhichan.Api.Features.Indicators;

namespace Zhichan.Api.Features.Protection;

/// <summary>
/// 知识产权案件结案率 from the case pipeline, by the catalogue's rule: cases closed in the year ÷ (cases accepted in the year + cases
/// carried over from earlier years, i.e. accepted before and not closed before the year began) × 100, by the case's region at each
/// level. Merged duplicates and cases never accepted (不予受理) do not count. The rows behind a value are the cases of that workload.
/// </summary>
public sealed class CaseClosureRateIndicator(ProtectionClock clock) : IModuleIndicator
{
    public string Code => "case_closure_rate";

    private const string Cases = """
        SELECT c.id, c.receipt_number, c.type, c.region_code, c.accepted_on, c.closed_on, c.status FROM complaints c
        WHERE c.merged_into_id IS NULL AND c.accepted_on IS NOT NULL AND c.region_code ~ '^[0-9]{6}$'
        """;

    private const string InWorkload = "c.accepted_on <= make_date(y, 12, 31) AND (c.closed_on IS NULL OR c.closed_on >= make_date(y, 1, 1))";
    private const string ClosedIn = "c.status = 'closed' AND c.closed_on BETWEEN make_date(y, 1, 1) AND make_date(y, 12, 31)";

    public async Task<IReadOnlyList<ModuleIndicatorValue>> ComputeAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(string Code, int Y, long Closed, long Workload)>(new CommandDefinition($"""
            WITH c AS ({Cases}),
            years AS (SELECT generate_series(min(extract(year FROM accepted_on))::int, @thisYear) AS y FROM c)
            SELECT v.code, years.y,
                   count(*) FILTER (WHERE {ClosedIn}) AS closed,
                   count(*) FILTER (WHERE {InWorkload}) AS workload
            FROM c CROSS JOIN LATERAL (SELECT DISTINCT x FROM (VALUES (c.region_code), (substr(c.region_code, 1, 4) || '00'), (substr(c.region_code, 1, 2) || '0000')) t(x)) v(code)
            CROSS JOIN years
            GROUP BY v.code, years.y
            HAVING count(*) FILTER (WHERE {InWorkload}) > 0
            """, new { thisYear = ChinaTime.Today(clock).Year }, cancellationToken: ct));
        return rows.Select(r => new ModuleIndicatorValue(r.Code, r.Y, Math.Round(100m * r.Closed / r.Workload, 2),
            $"当年结案 {r.Closed} 件，当年受理及上年结转 {r.Workload} 件")).ToList();
    }

    public async Task<ModuleIndicatorRows> RowsAsync(NpgsqlConnection conn, string regionCode, int year, int offset, int limit, CancellationToken ct)
    {
        var where = $"c.region_code LIKE @prefix || '%' AND {InWorkload.Replace("y,", "@y,")}";
        var args = new { prefix = CurrentUser.SignificantPrefix(regionCode), y = year, offset, limit };
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"WITH c AS ({Cases}) SELECT count(*) FROM c WHERE {where}", args, cancellationToken: ct));
        var rows = await conn.QueryAsync<(long Id, string Receipt, string Type, DateOnly Accepted, DateOnly? Closed, string Status)>(new CommandDefinition($"""
            WITH c AS ({Cases})
            SELECT c.id, c.receipt_number, c.type, c.accepted_on, c.closed_on, c.status FROM c WHERE {where}
            ORDER BY c.accepted_on, c.id OFFSET @offset LIMIT @limit
            """, args, cancellationToken: ct));
        return new ModuleIndicatorRows(total, rows.Select(r => new ModuleIndicatorRow("案件",
            r.Id, $"{r.Receipt} {ComplaintTypes.Labels.GetValueOrDefault(r.Type, "案件")}",
            r.Status == CaseStatus.Closed && r.Closed is { } closed && closed.Year == year ? $"{year} 年结案（{closed:yyyy-MM-dd}）"
                : r.Closed is { } c2 && c2.Year < year ? "上年已结案" : r.Accepted.Year < year ? "上年结转，办理中" : "办理中",
            r.Accepted, $"/protection/cases/{r.Id}")).ToList());
    }
}
