using System.Text.Json;
using Zhichan.Api.Features.Registries.Agencies.Grading;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>A row of the register: the personal contact masked (the list does not need it).</summary>
public sealed record AgencyRow(long Id, string Name, string? CreditCode, string? LicenceNumber, string[] Kinds, string KindLabels, int? StaffCount, int? AgentCount,
    string? RegionCode, string? RegionName, string Status, string StatusLabel, bool IsExample, string? Grade, int? GradeYear, string? ContactName, string? ContactPhone,
    int PendingChanges, long? OrgUnitId);

public sealed record AnnualReportDto(long Id, int Year, DateOnly SubmittedOn, DateOnly DueOn, bool Late, string? Note);

public sealed record AgencyEventDto(long Id, string Kind, string KindLabel, DateOnly OccurredOn, string Title, string? Reference);

public sealed record AgencyChangeDto(long Id, long AgencyId, string AgencyName, IReadOnlyList<ChangeLine> Lines, string Status, string StatusLabel,
    DateTimeOffset RequestedAt, string? Reason, DateTimeOffset? DecidedAt);

/// <summary>One changed field: its label, the value before and the value asked for.</summary>
public sealed record ChangeLine(string Field, string Label, string? Before, string? After);

public sealed record InspectionHistoryDto(long DrawId, string DrawTitle, string Outcome, string OutcomeLabel, DateOnly InspectedOn, string Findings, bool Published);

/// <summary>An agency in full (staff, and the agency itself): fields, annual reports, grading facts, grades, changes, inspections.</summary>
public sealed record AgencyDetail(long Id, long? OrgUnitId, string? OrgUnitName, AgencyForm Fields, string KindLabels, string? RegionName, string Status, string StatusLabel,
    DateOnly? CancelledOn, bool IsExample, string? Note, DateTimeOffset UpdatedAt, AnnualReportDto[] AnnualReports, AgencyEventDto[] Events, GradingDto[] Gradings,
    AgencyChangeDto[] Changes, InspectionHistoryDto[] Inspections);

public static class AgencyViews
{
    public static readonly IReadOnlyDictionary<string, string> EventKinds = new Dictionary<string, string>
    {
        ["credit_listing"] = "列入失信名单", ["complaint_upheld"] = "投诉举报经查属实", ["award"] = "表彰奖励",
    };

    public static readonly IReadOnlyDictionary<string, string> ChangeStatuses = new Dictionary<string, string>
    {
        ["pending"] = "待审核", ["approved"] = "已通过", ["refused"] = "未通过",
    };

    public static readonly IReadOnlyDictionary<string, string> FieldLabels = new Dictionary<string, string>
    {
        ["name"] = "机构名称", ["creditCode"] = "统一社会信用代码", ["licenceNumber"] = "执业许可证号", ["kinds"] = "服务类别", ["staffCount"] = "从业人员数",
        ["agentCount"] = "专利代理师人数", ["regionCode"] = "所在地区", ["services"] = "服务内容", ["address"] = "办公地址", ["businessPhone"] = "业务电话",
        ["businessEmail"] = "业务邮箱", ["website"] = "网站", ["contactName"] = "联系人", ["contactPhone"] = "联系人电话", ["contactEmail"] = "联系人邮箱",
        ["registeredOn"] = "登记日期",
    };

    public static AgencyChangeDto ToDto(AgencyChange c, string agencyName)
    {
        var after = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(c.Changes, AgencyRules.Json)!;
        var before = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(c.Before, AgencyRules.Json)!;
        var lines = after.Select(kv => new ChangeLine(kv.Key, FieldLabels.GetValueOrDefault(kv.Key, kv.Key), Text(before.GetValueOrDefault(kv.Key)), Text(kv.Value))).ToList();
        return new AgencyChangeDto(c.Id, c.AgencyId, agencyName, lines, c.Status, ChangeStatuses[c.Status], c.RequestedAt, c.Reason, c.DecidedAt);

        static string? Text(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            JsonValueKind.Array => AgencyRules.KindLabels(e.EnumerateArray().Select(x => x.GetString() ?? "")),
            JsonValueKind.String => e.GetString(),
            _ => e.ToString(),
        };
    }

    /// <summary>The name of a region code (ref_regions).</summary>
    public static async Task<Dictionary<string, string>> RegionNamesAsync(ZhichanDb db, IEnumerable<string?> codes, CancellationToken ct)
    {
        var list = codes.Where(c => c is not null).Select(c => c!).Distinct().ToArray();
        if (list.Length == 0) return [];
        var conn = db.Database.GetDbConnection();
        return (await conn.QueryAsync<(string Code, string Name)>(new CommandDefinition("SELECT code, name FROM ref_regions WHERE code = ANY(@list)", new { list }, cancellationToken: ct)))
            .ToDictionary(r => r.Code, r => r.Name);
    }

    /// <summary>The latest published grade of each agency (year, grade).</summary>
    public static async Task<Dictionary<long, (int Year, string Grade)>> LatestGradesAsync(ZhichanDb db, CancellationToken ct) =>
        (await db.Set<AgencyGrading>().AsNoTracking().Where(g => g.Status == "published").Select(g => new { g.AgencyId, g.Year, g.Grade, g.Id }).ToListAsync(ct))
        .GroupBy(g => g.AgencyId).ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.Year).ThenByDescending(x => x.Id).Select(x => (x.Year, x.Grade)).First());

    public static async Task<AgencyDetail> DetailAsync(ZhichanDb db, Agency a, bool own, DateOnly today, CancellationToken ct)
    {
        var id = a.Id;
        var unit = a.OrgUnitId is { } u ? await db.OrgUnits.AsNoTracking().Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var reports = await db.Set<AgencyAnnualReport>().AsNoTracking().Where(r => r.AgencyId == id).OrderByDescending(r => r.Year).ToListAsync(ct);
        var events = await db.Set<AgencyEvent>().AsNoTracking().Where(e => e.AgencyId == id).OrderByDescending(e => e.OccurredOn).ToListAsync(ct);
        var gq = db.Set<AgencyGrading>().Where(g => g.AgencyId == id);
        if (own) gq = gq.Where(g => g.Status != "draft");
        var gradings = await GradingViews.LoadAsync(db, gq, today, ct);
        var changes = await db.Set<AgencyChange>().AsNoTracking().Where(c => c.AgencyId == id).OrderByDescending(c => c.Id).ToListAsync(ct);
        var inspections = await (from r in db.Set<InspectionResult>().AsNoTracking() join d in db.Set<InspectionDraw>() on r.DrawId equals d.Id
                                 where r.AgencyId == id && d.Status == "drawn" && (!own || r.PublishedAt != null)
                                 orderby r.InspectedOn descending
                                 select new { r, d.Title }).ToListAsync(ct);
        var regions = await RegionNamesAsync(db, [a.RegionCode], ct);
        return new AgencyDetail(a.Id, a.OrgUnitId, unit, AgencyRules.FormOf(a), AgencyRules.KindLabels(a.Kinds), a.RegionCode is null ? null : regions.GetValueOrDefault(a.RegionCode),
            a.Status, AgencyRules.Statuses[a.Status], a.CancelledOn, a.IsExample, a.Note, a.UpdatedAt,
            reports.Select(r => new AnnualReportDto(r.Id, r.Year, r.SubmittedOn, r.DueOn, r.SubmittedOn > r.DueOn, r.Note)).ToArray(),
            events.Select(e => new AgencyEventDto(e.Id, e.Kind, EventKinds[e.Kind], e.OccurredOn, e.Title, e.Reference)).ToArray(),
            gradings, changes.Select(c => ToDto(c, a.Name)).ToArray(),
            inspections.Select(x => new InspectionHistoryDto(x.r.DrawId, x.Title, x.r.Outcome, Inspections.DrawViews.Outcomes[x.r.Outcome], x.r.InspectedOn, x.r.Findings,
                x.r.PublishedAt != null)).ToArray());
    }

    public static string? MaskedContactName(string? n) => n is null ? null : Masking.MaskName(n);
}
