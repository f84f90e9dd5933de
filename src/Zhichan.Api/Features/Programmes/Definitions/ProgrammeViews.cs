using System.Text.Json;

namespace Zhichan.Api.Features.Programmes;

/// <summary>The Chinese names of the engine's codes, and who applies to which kind of programme (ADR 0040).</summary>
public static class ProgrammeNames
{
    public static readonly IReadOnlyDictionary<string, string> Categories = new Dictionary<string, string>
    {
        ["recognition"] = "认定", ["subsidy"] = "资助", ["award"] = "评奖", ["training"] = "人才", ["project"] = "项目", ["grading"] = "分级评价",
    };

    public static readonly IReadOnlyDictionary<string, string> Applicants = new Dictionary<string, string>
    {
        ["enterprise"] = "企业", ["unit"] = "企事业单位（企业、高校、科研院所）", ["agency"] = "知识产权服务机构", ["person"] = "个人（由所在单位推荐申报）",
    };

    public static readonly IReadOnlyDictionary<string, string> CallStatuses = new Dictionary<string, string>
    {
        ["draft"] = "未发布", ["open"] = "已发布", ["closed"] = "已结束", ["cancelled"] = "已取消",
    };

    /// <summary>
    /// The account role that applies: an agency for agency programmes; for every other kind the enterprise account of the unit
    /// (universities and institutes hold enterprise accounts; a person is put forward by the unit's account).
    /// </summary>
    public static string ApplyingRole(string applicant) => applicant == "agency" ? Roles.Agency : Roles.Enterprise;
}

public sealed record CallView(long Id, long TypeId, string TypeCode, string TypeName, int Year, string Title, string Status, string StatusName, string RegionCode,
    string? RegionName, string? Announcement, decimal? Budget, IReadOnlyDictionary<string, int> Quotas, DateOnly ApplyFrom, DateOnly ApplyTo, DateOnly? CheckTo,
    DateOnly? ReviewFrom, DateOnly? ReviewTo, DateOnly? PublicityFrom, DateOnly? PublicityTo, DateOnly? DecideBy, DateTimeOffset? PublishedAt, bool IsExample,
    bool AcceptingApplications, int? Applications);

public sealed record ProgrammeSummary(long Id, string Code, string Name, string Category, string CategoryName, string Applicant, string ApplicantName,
    string Summary, string[] Sources, int Version, bool IsActive, bool RecommendationRequired, int? ValidityYears, IReadOnlyList<CallView> Calls);

public static class ProgrammeViews
{
    public static IReadOnlyDictionary<string, int> Quotas(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? new Dictionary<string, int>();

    public static CallView Call(ProgrammeCall c, ProgrammeType t, IReadOnlyDictionary<string, string> regions, DateOnly today, int? applications = null) =>
        new(c.Id, c.TypeId, t.Code, t.Name, c.Year, c.Title, c.Status, ProgrammeNames.CallStatuses.GetValueOrDefault(c.Status, c.Status), c.RegionCode,
            regions.GetValueOrDefault(c.RegionCode), c.Announcement, c.Budget, Quotas(c.Quotas), c.ApplyFrom, c.ApplyTo, c.CheckTo, c.ReviewFrom, c.ReviewTo,
            c.PublicityFrom, c.PublicityTo, c.DecideBy, c.PublishedAt, c.IsExample, AcceptsApplications(c, today), applications);

    /// <summary>An application may be submitted while the call is open and today lies in its 申报 window.</summary>
    public static bool AcceptsApplications(ProgrammeCall c, DateOnly today) => c.Status == "open" && today >= c.ApplyFrom && today <= c.ApplyTo;

    public static ProgrammeSummary Summary(ProgrammeType t, IReadOnlyList<CallView> calls)
    {
        var d = t.Parsed();
        return new ProgrammeSummary(t.Id, t.Code, t.Name, t.Category, ProgrammeNames.Categories.GetValueOrDefault(t.Category, t.Category), t.Applicant,
            ProgrammeNames.Applicants.GetValueOrDefault(t.Applicant, t.Applicant), d.Summary, t.Sources, t.Version, t.IsActive, d.RecommendationRequired,
            d.ValidityYears, calls);
    }

    public static async Task<Dictionary<string, string>> RegionNamesAsync(ZhichanDb db, IEnumerable<string?> codes, CancellationToken ct)
    {
        var list = codes.OfType<string>().Distinct().ToArray();
        if (list.Length == 0) return [];
        var rows = await db.Database.GetDbConnection().QueryAsync<(string Code, string Name)>(
            new CommandDefinition("SELECT code, name FROM ref_regions WHERE code = ANY(@list)", new { list }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Code, r => r.Name);
    }
}
