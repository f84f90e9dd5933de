using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Zhichan.Api.Platform.Audit;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Errors;

namespace Zhichan.Api.Features.Plans;

public sealed record ReportedIndicatorValue(string? Code, string? RegionCode, int? Year, decimal? Value);

public sealed record ProgressReportRequest(string? Period, string? Content, int? Percent, long[]? AttachmentIds, ReportedIndicatorValue[]? IndicatorValues);

public sealed record ProgressReportDto(long Id, long TaskId, string TaskNo, string TaskTitle, long PlanId, long OrgUnitId, string OrgUnitName, string Author,
    string Period, string Content, int Percent, long[] AttachmentIds, string IndicatorValues, string Status, string StatusName, string? ReviewComment,
    DateTime? ReviewedAt, DateTime SubmittedAt, IReadOnlyList<ReportAttachmentDto>? Attachments = null, IReadOnlyList<ReportedValueDto>? ReportedValues = null);

/// <summary>A value reported in a progress report, with the indicator's name and unit; valueId once the accepted report made it an indicator value.</summary>
public sealed record ReportedValueDto(string Code, string? Name, string? Unit, string RegionCode, int Year, decimal Value, long? ValueId, string? RegionName = null);

public sealed record ReportReviewRequest(string? Decision, string? Comment);

public static partial class ProgressReports
{
    private static readonly Dictionary<string, string> StatusNames = new() { ["submitted"] = "待审核", ["accepted"] = "已通过", ["returned"] = "已退回" };

    [GeneratedRegex(@"^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$")]
    private static partial Regex PeriodPattern();

    private sealed class Row
    {
        public long Id { get; set; }
        public long TaskId { get; set; }
        public string TaskNo { get; set; } = "";
        public string TaskTitle { get; set; } = "";
        public long PlanId { get; set; }
        public long OrgUnitId { get; set; }
        public string OrgUnitName { get; set; } = "";
        public string Author { get; set; } = "";
        public string Period { get; set; } = "";
        public string Content { get; set; } = "";
        public int Percent { get; set; }
        public long[] AttachmentIds { get; set; } = [];
        public string IndicatorValues { get; set; } = "[]";
        public string Status { get; set; } = "";
        public string? ReviewComment { get; set; }
        public DateTime? ReviewedAt { get; set; }
        public DateTime SubmittedAt { get; set; }
    }

    private static ProgressReportDto ToDto(Row r, ILookup<long, ReportAttachmentDto>? files = null, IReadOnlyDictionary<string, (string Name, string Unit)>? defs = null,
        IReadOnlyDictionary<(long, string, string, int), long>? valueIds = null, IReadOnlyDictionary<string, string>? regionNames = null)
    {
        var reported = (JsonSerializer.Deserialize<List<ReportedIndicatorValue>>(r.IndicatorValues, JsonSerializerOptions.Web) ?? [])
            .Where(x => x.Code is not null && x.RegionCode is not null && x.Year is not null && x.Value is not null)
            .Select(x => new ReportedValueDto(x.Code!, defs?.GetValueOrDefault(x.Code!).Name, defs?.GetValueOrDefault(x.Code!).Unit, x.RegionCode!, x.Year!.Value, x.Value!.Value,
                valueIds is not null && valueIds.TryGetValue((r.Id, x.Code!, x.RegionCode!, x.Year!.Value), out var vid) ? vid : null,
                regionNames?.GetValueOrDefault(x.RegionCode!)))
            .ToList();
        return new(r.Id, r.TaskId, r.TaskNo, r.TaskTitle, r.PlanId, r.OrgUnitId, r.OrgUnitName, r.Author, r.Period, r.Content,
            r.Percent, r.AttachmentIds, r.IndicatorValues, r.Status, StatusNames.GetValueOrDefault(r.Status, r.Status), r.ReviewComment, r.ReviewedAt, r.SubmittedAt,
            files?[r.Id].ToList() ?? [], reported);
    }

    /// <summary>The DTOs with their attachments, the reported values' indicator names and the values the accepted ones became.</summary>
    private static async Task<List<ProgressReportDto>> ToDtosAsync(NpgsqlConnection conn, IEnumerable<Row> rows)
    {
        var list = rows.ToList();
        var ids = list.Select(r => r.Id).ToArray();
        var files = await ProgressReportAttachments.ForReportsAsync(conn, ids);
        var defs = (await conn.QueryAsync<(string Code, string Name, string Unit)>("SELECT code, name, unit FROM indicator_definitions WHERE superseded_at IS NULL"))
            .ToDictionary(d => d.Code, d => (d.Name, d.Unit));
        var valueIds = new Dictionary<(long, string, string, int), long>();
        foreach (var x in await conn.QueryAsync<(long ReportId, string Code, string Region, int Year, long Id)>("""
            SELECT v.progress_report_id, d.code, v.region_code, v.year, v.id FROM indicator_values v JOIN indicator_definitions d ON d.id = v.definition_id
            WHERE v.progress_report_id = ANY(@ids)
            UNION ALL
            SELECT h.progress_report_id, d.code, v.region_code, v.year, v.id FROM indicator_value_versions h JOIN indicator_values v ON v.id = h.value_id
            JOIN indicator_definitions d ON d.id = v.definition_id WHERE h.progress_report_id = ANY(@ids)
            """, new { ids }))
            valueIds[(x.ReportId, x.Code, x.Region, x.Year)] = x.Id;
        // the reported values' region names, for the reviewer (连云区, not 320703)
        var regionNames = (await conn.QueryAsync<(string Code, string Name)>("""
            SELECT DISTINCT g.code, g.name FROM progress_reports p CROSS JOIN LATERAL jsonb_array_elements(p.indicator_values) e
            JOIN ref_regions g ON g.code = e->>'regionCode' WHERE p.id = ANY(@ids)
            """, new { ids })).ToDictionary(x => x.Code, x => x.Name);
        return list.Select(r => ToDto(r, files, defs, valueIds, regionNames)).ToList();
    }

    private const string Select = """
        SELECT r.id, r.task_id, t.no AS task_no, t.title AS task_title, t.plan_id, r.org_unit_id, o.name AS org_unit_name, COALESCE(u.display_name, '') AS author,
               r.period, r.content, r.percent, r.attachment_ids, r.indicator_values::text AS indicator_values, r.status, r.review_comment, r.reviewed_at, r.submitted_at
        FROM progress_reports r JOIN plan_tasks t ON t.id = r.task_id JOIN org_units o ON o.id = r.org_unit_id LEFT JOIN users u ON u.id = r.author_id
        """;

    private static async Task EnsureVisibleAsync(NpgsqlConnection conn, long taskId, CurrentUser me)
    {
        var p = new DynamicParameters(PlansApi.MeArgs(me));
        p.Add("taskId", taskId);
        var exists = await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM plan_tasks WHERE id = @taskId)", new { taskId });
        if (!exists) throw new DomainException("任务不存在", 404);
        if (!await conn.ExecuteScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM plan_tasks t WHERE t.id = @taskId AND {PlansApi.VisibleTaskFilter(me)})", p))
            throw new DomainException("该任务不由本单位承担，不能查看或报送进展", 403, "无权访问");
    }

    public static async Task<Ok<List<ProgressReportDto>>> ListForTaskAsync(long taskId, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await EnsureVisibleAsync(conn, taskId, me);
        var rows = await conn.QueryAsync<Row>(Select + " WHERE r.task_id = @taskId ORDER BY r.submitted_at DESC", new { taskId });
        return TypedResults.Ok(await ToDtosAsync(conn, rows));
    }

    /// <summary>Staff: every report (status filter for the review queue); other units: the reports of their own unit.</summary>
    public static async Task<Ok<List<ProgressReportDto>>> ListAsync(string? status, long? planId, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        new Validation().OneOf("status", status, StatusNames.Keys, "报告状态").ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(Select + """
             WHERE (@status::text IS NULL OR r.status = @status) AND (@planId::bigint IS NULL OR t.plan_id = @planId) AND (@staff OR r.org_unit_id = @org)
             ORDER BY r.submitted_at DESC LIMIT 500
            """, new { status, planId, staff = me.IsStaff, org = me.OrgUnitId ?? -1 });
        return TypedResults.Ok(await ToDtosAsync(conn, rows));
    }

    public static async Task<Created<ProgressReportDto>> SubmitAsync(long taskId, ProgressReportRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
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

    /// <summary>Bureau review: accept (the task's progress and status follow the report) or return with a reason.</summary>
    public static async Task<Ok<ProgressReportDto>> ReviewAsync(long reportId, ReportReviewRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("decision", req.Decision, "审核结论").OneOf("decision", req.Decision, ["accept", "return"], "审核结论").MaxLength("comment", req.Comment, 2000, "审核意见");
        if (req.Decision == "return") v.Required("comment", req.Comment, "退回理由");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var r = await conn.QuerySingleOrDefaultAsync<(long TaskId, string Status, int Percent, long OrgUnitId, long AuthorId, string Values)?>(
            "SELECT task_id, status, percent, org_unit_id, author_id, indicator_values::text FROM progress_reports WHERE id = @reportId FOR UPDATE", new { reportId }, tx)
            ?? throw new DomainException("进展报告不存在", 404);
        if (r.Status != "submitted") throw new DomainException($"该报告已{StatusNames[r.Status]}，不能重复审核", 409);
        var next = req.Decision == "accept" ? "accepted" : "returned";
        await conn.ExecuteAsync("UPDATE progress_reports SET status = @next, review_comment = @Comment, reviewed_by = @by, reviewed_at = now() WHERE id = @reportId",
            new { next, req.Comment, by = me.Id, reportId }, tx);
        if (next == "accepted")
            await conn.ExecuteAsync("""
                UPDATE plan_tasks SET progress = GREATEST(progress, @Percent), status = CASE WHEN GREATEST(progress, @Percent) >= 100 THEN 'completed' ELSE 'in_progress' END,
                       updated_at = now() WHERE id = @TaskId
                """, new { r.Percent, r.TaskId }, tx);
        if (next == "accepted")
        {
            // reported indicator values become indicator values only now, with the report as their lineage (ADR 0106)
            var values = (JsonSerializer.Deserialize<List<ReportedIndicatorValue>>(r.Values, JsonSerializerOptions.Web) ?? [])
                .Where(x => x.Code is not null && x.RegionCode is not null && x.Year is not null && x.Value is not null)
                .Select(x => new Indicators.ReportedValue(x.Code!, x.RegionCode!, x.Year!.Value, x.Value!.Value)).ToList();
            if (values.Count > 0) await Indicators.ReportedValues.AcceptFromReportAsync(conn, tx, reportId, r.OrgUnitId, r.AuthorId, values, me, ct);
        }
        await AuditLog.WriteAsync(conn, tx, me, "review", "progress_reports", reportId.ToString(), new { r.Status }, new { status = next, req.Comment }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await ToDtosAsync(conn, [await conn.QuerySingleAsync<Row>(Select + " WHERE r.id = @reportId", new { reportId })]))[0]);
    }
}
