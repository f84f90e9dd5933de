using System.Text.Json;

namespace Zhichan.Api.Features.Registries.Agencies.Grading;

public sealed record ObjectionDto(long Id, long GradingId, long AgencyId, string AgencyName, int Year, string Grade, string Reason, DateTimeOffset FiledAt,
    string Status, string StatusLabel, string? Decision, DateTimeOffset? DecidedAt, long? RegradeId);

/// <summary>A grade with its score breakdown line by line, the rule version it was computed under, its publication and objection.</summary>
public sealed record GradingDto(long Id, long AgencyId, string AgencyName, bool IsExample, int Year, int RuleVersion, decimal Score, string Grade,
    IReadOnlyList<GradeLine> Breakdown, string Status, string StatusLabel, DateTimeOffset ComputedAt, DateTimeOffset? PublishedAt, DateOnly? ObjectionUntil,
    bool ObjectionOpen, long? SupersededById, string? SupersedeReason, ObjectionDto? Objection);

public static class GradingViews
{
    public static readonly IReadOnlyDictionary<string, string> StatusLabels = new Dictionary<string, string>
    {
        ["draft"] = "待发布", ["published"] = "已发布", ["superseded"] = "已更正（被新评价取代）",
    };

    public static readonly IReadOnlyDictionary<string, string> ObjectionLabels = new Dictionary<string, string>
    {
        ["pending"] = "待处理", ["upheld"] = "异议成立", ["rejected"] = "异议不成立",
    };

    public static ObjectionDto ToDto(AgencyGradingObjection o, AgencyGrading g, string agencyName) => new(o.Id, o.GradingId, g.AgencyId, agencyName, g.Year, g.Grade,
        o.Reason, o.FiledAt, o.Status, ObjectionLabels[o.Status], o.Decision, o.DecidedAt, o.RegradeId);

    public static GradingDto ToDto(AgencyGrading g, Agency a, AgencyGradingObjection? o, DateOnly today) => new(g.Id, g.AgencyId, a.Name, a.IsExample, g.Year,
        g.RuleVersion, g.Score, g.Grade, JsonSerializer.Deserialize<List<GradeLine>>(g.Breakdown, AgencyRules.Json)!, g.Status, StatusLabels[g.Status], g.ComputedAt,
        g.PublishedAt, g.ObjectionUntil, g.Status == "published" && g.ObjectionUntil is { } u && today <= u, g.SupersededById, g.SupersedeReason,
        o is null ? null : ToDto(o, g, a.Name));

    /// <summary>Gradings with their agency and latest objection, newest year first.</summary>
    public static async Task<GradingDto[]> LoadAsync(ZhichanDb db, IQueryable<AgencyGrading> q, DateOnly today, CancellationToken ct)
    {
        var rows = await (from g in q join a in db.Set<Agency>() on g.AgencyId equals a.Id select new { g, a })
            .OrderByDescending(x => x.g.Year).ThenBy(x => x.a.Name).ThenByDescending(x => x.g.Id).AsNoTracking().ToListAsync(ct);
        var ids = rows.Select(r => r.g.Id).ToList();
        var objections = (await db.Set<AgencyGradingObjection>().AsNoTracking().Where(o => ids.Contains(o.GradingId)).ToListAsync(ct))
            .GroupBy(o => o.GradingId).ToDictionary(x => x.Key, x => x.OrderByDescending(o => o.Id).First());
        return rows.Select(r => ToDto(r.g, r.a, objections.GetValueOrDefault(r.g.Id), today)).ToArray();
    }

    /// <summary>Computes one agency's grade of a year under the current rules (a new, unsaved row).</summary>
    public static async Task<AgencyGrading> ComputeAsync(ZhichanDb db, Agency a, int year, GradingRulesDto rules, DateOnly today, long? by, CancellationToken ct)
    {
        var facts = await GradingRules.FactsAsync(db, a, year, today, ct);
        var (score, grade, lines) = GradingRules.Compute(rules, facts);
        return new AgencyGrading
        {
            AgencyId = a.Id, Year = year, RuleVersion = rules.Version, Score = score, Grade = grade,
            Breakdown = JsonSerializer.Serialize(lines, AgencyRules.Json), ComputedBy = by,
        };
    }
}
