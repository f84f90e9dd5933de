using System.Text.Json;
using static Zhichan.Api.Features.Plans.ProgressReports.ProgressReportQueries;

namespace Zhichan.Api.Features.Plans.ProgressReports;

public sealed record ReportedIndicatorValue(string? Code, string? RegionCode, int? Year, decimal? Value);

public sealed record ProgressReportRequest(string? Period, string? Content, int? Percent, long[]? AttachmentIds, ReportedIndicatorValue[]? IndicatorValues);

/// <summary>A unit reports progress on a task it carries, with attachments and indicator values.</summary>
public static class SubmitProgressReport
{
    public static async Task<Created<ProgressReportDto>> HandleAsync(long taskId, ProgressReportRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("period", req.Period, "报告期").Required("content", req.Content, "进展情况").MaxLength("content", req.Content, 10000, "进展情况");
        if (req.Period is { Length: > 0 } period && !PeriodPattern().IsMatch(period)) v.Add("period", "报告期格式应为 2025、2025-06、2025-Q2 或 2025-H1");
        if (req.Percent is null) v.Add("percent", "请填写完成进度");
        else if (req.Percent is < 0 or > 100) v.Add("percent", "完成进度应在 0 至 100 之间");
        foreach (var (x, i) in (req.IndicatorValues ?? []).Select((x, i) => (x, i)))
        {
            if (string.IsNullOrWhiteSpace(x.Code)) v.Add($"indicatorValues[{i}].code", "请选择指标");
            if (x.RegionCode is null || x.RegionCode.Length != 6 || !x.RegionCode.All(char.IsAsciiDigit)) v.Add($"indicatorValues[{i}].regionCode", "请填写 6 位行政区划代码");
            if (x.Year is null or < 1985 or > 2100) v.Add($"indicatorValues[{i}].year", "年份应在 1985 至 2100 之间");
            if (x.Value is null or < 0) v.Add($"indicatorValues[{i}].value", "请填写不小于 0 的数值");
        }
        foreach (var d in (req.IndicatorValues ?? []).GroupBy(x => (x.Code, x.RegionCode, x.Year)).Where(g => g.Count() > 1))
            v.Add("indicatorValues", $"指标“{d.Key.Code}”在地区 {d.Key.RegionCode} {d.Key.Year} 年重复填报");
        if ((req.AttachmentIds ?? []).Length > 20) v.Add("attachmentIds", "附件最多 20 个");
        if (me.RegionPrefix is { } prefix)
            foreach (var (x, i) in (req.IndicatorValues ?? []).Select((x, i) => (x, i)).Where(p => p.x.RegionCode is { } rc && !rc.StartsWith(prefix, StringComparison.Ordinal)))
                v.Add($"indicatorValues[{i}].regionCode", "县区用户只能填报本地区的指标数值");
        v.ThrowIfInvalid();
        if (me.OrgUnitId is null) throw new DomainException("当前账号未关联单位，不能报送进展", 403, "无权访问");
        await using var conn = await db.OpenConnectionAsync(ct);
        await EnsureVisibleAsync(conn, taskId, me);
        var attachments = (req.AttachmentIds ?? []).Distinct().ToArray();
        if (attachments.Length > 0)
        {
            // only files this unit uploaded for a report and not yet attached to another one
            var found = await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM progress_report_files WHERE file_id = ANY(@attachments) AND org_unit_id = @org AND report_id IS NULL",
                new { attachments, org = me.OrgUnitId });
            if (found != attachments.Length) throw new RequestValidationException("attachmentIds", "附件不存在或已用于其他报告，请重新上传");
        }
        var codes = (req.IndicatorValues ?? []).Select(x => x.Code!).Distinct().ToArray();
        if (codes.Length > 0)
        {
            var known = (await conn.QueryAsync<(string Code, string Name, string Source)>("SELECT code, name, source FROM indicator_definitions WHERE superseded_at IS NULL AND code = ANY(@codes)",
                new { codes })).ToDictionary(x => x.Code);
            foreach (var c in codes.Where(c => !known.ContainsKey(c))) throw new RequestValidationException("indicatorValues", $"指标“{c}”不存在");
            foreach (var c in codes.Where(c => known[c].Source == Indicators.IndicatorSources.Records))
                throw new RequestValidationException("indicatorValues", $"“{known[c].Name}”由数据中心记录计算，不能在进展报告中填报");
            var regionCodes = (req.IndicatorValues ?? []).Select(x => x.RegionCode!).Distinct().ToArray();
            var regions = (await conn.QueryAsync<string>("SELECT code FROM ref_regions WHERE code = ANY(@regionCodes)", new { regionCodes })).ToHashSet();
            foreach (var rc in regionCodes.Where(rc => !regions.Contains(rc))) throw new RequestValidationException("indicatorValues", $"行政区划代码“{rc}”不存在");
        }
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await conn.ExecuteScalarAsync<long>("""
            INSERT INTO progress_reports (task_id, org_unit_id, author_id, period, content, percent, attachment_ids, indicator_values)
            VALUES (@taskId, @org, @author, @Period, @Content, @Percent, @attachments, @values::jsonb) RETURNING id
            """, new { taskId, org = me.OrgUnitId, author = me.Id, Period = req.Period!.Trim(), Content = req.Content!.Trim(), req.Percent, attachments,
            values = JsonSerializer.Serialize(req.IndicatorValues ?? [], JsonSerializerOptions.Web) }, tx);
        if (attachments.Length > 0)
            await conn.ExecuteAsync("UPDATE progress_report_files SET report_id = @id WHERE file_id = ANY(@attachments)", new { id, attachments }, tx);
        await conn.ExecuteAsync("UPDATE plan_tasks SET status = 'in_progress', updated_at = now() WHERE id = @taskId AND status = 'not_started'", new { taskId }, tx);
        await AuditLog.WriteAsync(conn, tx, me, "create", "progress_reports", id.ToString(), null,
            new { taskId, req.Period, req.Percent, req.Content, attachments, req.IndicatorValues }, ct);
        await tx.CommitAsync(ct);
        var row = await conn.QuerySingleAsync<Row>(Select + " WHERE r.id = @id", new { id });
        return TypedResults.Created($"/api/plans/tasks/{taskId}/reports", (await ToDtosAsync(conn, [row]))[0]);
    }
}
