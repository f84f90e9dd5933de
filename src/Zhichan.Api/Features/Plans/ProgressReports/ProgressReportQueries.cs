using System.Text.Json;
using System.Text.RegularExpressions;
using static Zhichan.Api.Features.Plans.PlanQueries;

namespace Zhichan.Api.Features.Plans.ProgressReports;

/// <summary>What the progress-report use cases share: reading reports with their attachments and reported values, and the visibility check.</summary>
public static partial class ProgressReportQueries
{
    internal static readonly Dictionary<string, string> StatusNames = new() { ["submitted"] = "待审核", ["accepted"] = "已通过", ["returned"] = "已退回" };

    [GeneratedRegex(@"^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$")]
    internal static partial Regex PeriodPattern();

    internal sealed class Row
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

    internal static ProgressReportDto ToDto(Row r, ILookup<long, ReportAttachmentDto>? files = null, IReadOnlyDictionary<string, (string Name, string Unit)>? defs = null,
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
    internal static async Task<List<ProgressReportDto>> ToDtosAsync(NpgsqlConnection conn, IEnumerable<Row> rows)
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

    internal const string Select = """
        SELECT r.id, r.task_id, t.no AS task_no, t.title AS task_title, t.plan_id, r.org_unit_id, o.name AS org_unit_name, COALESCE(u.display_name, '') AS author,
               r.period, r.content, r.percent, r.attachment_ids, r.indicator_values::text AS indicator_values, r.status, r.review_comment, r.reviewed_at, r.submitted_at
        FROM progress_reports r JOIN plan_tasks t ON t.id = r.task_id JOIN org_units o ON o.id = r.org_unit_id LEFT JOIN users u ON u.id = r.author_id
        """;

    internal static async Task EnsureVisibleAsync(NpgsqlConnection conn, long taskId, CurrentUser me)
    {
        var p = new DynamicParameters(MeArgs(me));
        p.Add("taskId", taskId);
        var exists = await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM plan_tasks WHERE id = @taskId)", new { taskId });
        if (!exists) throw new DomainException("任务不存在", 404);
        if (!await conn.ExecuteScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM plan_tasks t WHERE t.id = @taskId AND {VisibleTaskFilter(me)})", p))
            throw new DomainException("该任务不由本单位承担，不能查看或报送进展", 403, "无权访问");
    }
}
