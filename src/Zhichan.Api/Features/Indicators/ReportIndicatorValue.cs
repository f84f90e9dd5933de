using static Zhichan.Api.Features.Indicators.IndicatorValues;

namespace Zhichan.Api.Features.Indicators;

public sealed record ReportValueRequest(string? RegionCode, int? Year, decimal? Value, string? Note);

/// <summary>
/// The unit that owns an indicator (or the bureau) reports a value the data centre does not compute; the bureau then reviews
/// it. A report on an accepted value is a correction that waits beside it: nothing replaces an accepted value before review.
/// </summary>
public static class ReportIndicatorValue
{
    public static async Task<Created<IndicatorValueDto>> HandleAsync(string code, ReportValueRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        if (req.RegionCode is null || !IsRegionCode(req.RegionCode)) v.Add("regionCode", "请填写 6 位行政区划代码");
        if (req.Year is null or < 1985 or > 2100) v.Add("year", "请填写 1985 至 2100 之间的年份");
        if (req.Value is null) v.Add("value", "请填写数值");
        else if (req.Value < 0) v.Add("value", "数值不能为负数");
        v.MaxLength("note", req.Note, 1000, "说明");
        v.ThrowIfInvalid();
        if (me.RegionPrefix is { } prefix && !req.RegionCode!.StartsWith(prefix, StringComparison.Ordinal))
            throw new DomainException("县区用户只能填报本地区的指标数值", 403, "无权访问");
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var def = await CurrentAsync(conn, code, tx);
        if (def.Source == IndicatorSources.Records)
            throw new RequestValidationException("code", $"“{def.Name}”由数据中心记录计算，不能填报");
        if (!MayReport(def, me))
            throw new DomainException($"“{def.Name}”由{def.OwnerUnit ?? "知识产权局"}填报，本单位不能填报", 403, "无权访问");
        if (def.Unit == "%" && req.Value > 100) throw new RequestValidationException("value", "百分比不能超过 100");
        var before = await conn.QuerySingleOrDefaultAsync<ValueRow>(
            "SELECT id, value, status, pending_value FROM indicator_values WHERE definition_id = @Id AND region_code = @RegionCode AND year = @Year FOR UPDATE",
            new { def.Id, req.RegionCode, req.Year }, tx);
        long id;
        if (before is { Status: "accepted" })
        {
            // an accepted value stays in force: the report waits beside it as a correction until the bureau reviews it (ADR 0106)
            id = before.Id;
            await conn.ExecuteAsync("""
                UPDATE indicator_values SET pending_value = @Value, pending_note = @Note, pending_by = @UserId, pending_unit_id = @OrgUnitId, pending_at = now()
                WHERE id = @id
                """, new { req.Value, req.Note, UserId = me.Id, me.OrgUnitId, id }, tx);
            await AuditLog.WriteAsync(conn, tx, me, "report_correction", "indicator_values", id.ToString(),
                new { before.Value, before.Status, pending = before.PendingValue }, new { code, def.Version, req.RegionCode, req.Year, pending = req.Value }, ct);
        }
        else
        {
            id = await conn.ExecuteScalarAsync<long>("""
                INSERT INTO indicator_values (definition_id, region_code, year, value, status, note, reported_by, reported_unit_id, computed_at)
                VALUES (@Id, @RegionCode, @Year, @Value, 'reported', @Note, @UserId, @OrgUnitId, now())
                ON CONFLICT (definition_id, region_code, year) DO UPDATE SET value = EXCLUDED.value, status = 'reported', note = EXCLUDED.note,
                    reported_by = EXCLUDED.reported_by, reported_unit_id = EXCLUDED.reported_unit_id, computed_at = now(), reviewed_by = NULL, reviewed_at = NULL,
                    review_comment = NULL, progress_report_id = NULL
                RETURNING id
                """, new { def.Id, req.RegionCode, req.Year, req.Value, req.Note, UserId = me.Id, me.OrgUnitId }, tx);
            await AuditLog.WriteAsync(conn, tx, me, before is null ? "create" : "update", "indicator_values", id.ToString(),
                before is null ? null : new { before.Value, before.Status }, new { code, def.Version, req.RegionCode, req.Year, req.Value, status = "reported" }, ct);
        }
        await tx.CommitAsync(ct);
        var row = await LoadValueAsync(conn, id);
        return TypedResults.Created($"/api/indicators/{code}/values?region={req.RegionCode}&year={req.Year}", ToValueDto(def, row));
    }
}
