using static Zhichan.Api.Features.Indicators.IndicatorValues;

namespace Zhichan.Api.Features.Indicators;

public sealed record ValueVersionDto(int ValueVersion, decimal? Value, string Status, string? Note, long? ProgressReportId, string? ReportingUnit, string? ReportedBy,
    string? AcceptedBy, DateTime? AcceptedAt, DateTime? ComputedAt, DateTime? SupersededAt, long? SupersededByReport, bool Current);

/// <summary>Every version of one value.</summary>
public static class ListIndicatorValueVersions
{
    /// <summary>Every version of one value: the current row and the earlier ones it replaced (a later accepted report never overwrites silently).</summary>
    public static async Task<Ok<List<ValueVersionDto>>> HandleAsync(long id, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var current = await conn.QuerySingleOrDefaultAsync<ValueRow>(ValueSelect + " WHERE v.id = @id", new { id }) ?? throw new DomainException("指标数值不存在", 404);
        if (me.RegionPrefix is { } prefix && !current.RegionCode.StartsWith(prefix, StringComparison.Ordinal))
            throw new DomainException("县区用户只能查看本地区的指标数值", 403, "无权访问");
        var old = await conn.QueryAsync<ValueVersionDto>("""
            SELECT h.value_version, h.value, h.status, h.note, h.progress_report_id, ou.name AS reporting_unit, ru.display_name AS reported_by,
                   CASE WHEN h.status = 'accepted' THEN rv.display_name END AS accepted_by, CASE WHEN h.status = 'accepted' THEN h.reviewed_at END AS accepted_at,
                   h.computed_at, h.superseded_at, h.superseded_by_report, false AS current
            FROM indicator_value_versions h LEFT JOIN org_units ou ON ou.id = h.reported_unit_id LEFT JOIN users ru ON ru.id = h.reported_by
            LEFT JOIN users rv ON rv.id = h.reviewed_by WHERE h.value_id = @id ORDER BY h.value_version DESC
            """, new { id });
        var list = new List<ValueVersionDto>
        {
            new(current.ValueVersion, current.Value, current.Status, current.Note, current.ProgressReportId, current.ReportedUnit, current.ReportedBy,
                current.Status == "accepted" ? current.ReviewedByName : null, current.Status == "accepted" ? current.ReviewedAt : null, current.ComputedAt, null, null, true),
        };
        list.AddRange(old);
        return TypedResults.Ok(list);
    }
}
