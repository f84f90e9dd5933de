using System.Text.Json;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Search;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>A project as the API shows it.</summary>
public sealed record NavigationProjectDto(long Id, string Name, string Kind, string KindName, int Part, string Q, string[] Ipc, string[] Industries,
    int YearFrom, int YearTo, string RegionPrefix, string RegionName, NavigationRegion[] Comparison, long? OrgUnitId, string OwnerName,
    bool CanEdit, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Versions);

/// <summary>A region prefix with its name (the empty prefix is 全国).</summary>
public sealed record NavigationRegion(string Prefix, string Name);

/// <summary>The create and update body of a project.</summary>
/// <param name="Kind">regional, industry, enterprise, rnd or talent (GB/T 39551-2020 parts 2–6).</param>
/// <param name="Q">A records search expression (the search box's syntax).</param>
/// <param name="Ipc">IPC prefixes: section, class, subclass or main group (H01M, H01M10).</param>
/// <param name="Industries">GB/T 4754-2011 industry codes (2–4 digits).</param>
/// <param name="RegionPrefix">The region of interest as a code prefix: 32 a province, 3207 a city, 320703 a county.</param>
/// <param name="Comparison">Comparison regions as prefixes; "" is the nation.</param>
public sealed record NavigationProjectRequest(string? Name, string? Kind, string? Q, string[]? Ipc, string[]? Industries, int? YearFrom, int? YearTo,
    string? RegionPrefix, string[]? Comparison);

/// <summary>Row filter, scope validation and the scope's record filter of navigation projects.</summary>
public static class NavigationQueries
{
    public const int MaxYears = 30;

    /// <summary>The projects the caller sees: enterprise its org unit's, district those of its region, staff all.</summary>
    public static IQueryable<NavigationProject> Visible(ZhichanDb db, CurrentUser me)
    {
        var q = db.Set<NavigationProject>().AsQueryable();
        if (me.IsStaff) return q;
        if (me.Role == Roles.Enterprise) return me.OrgUnitId is { } org ? q.Where(p => p.OrgUnitId == org) : q.Where(p => false);
        if (me.Role == Roles.District && me.RegionPrefix is { } prefix) return q.Where(p => p.RegionPrefix.StartsWith(prefix));
        return q.Where(p => false);
    }

    public static async Task<NavigationProject> FindAsync(ZhichanDb db, CurrentUser me, long id, CancellationToken ct, bool track = false)
    {
        var q = Visible(db, me);
        if (!track) q = q.AsNoTracking();
        return await q.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new DomainException($"导航项目 {id} 不存在", 404);
    }

    /// <summary>The caller's display name (not the account name), as it was when it is recorded.</summary>
    public static async Task<string> DisplayNameAsync(ZhichanDb db, CurrentUser me, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == me.Id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) is { Length: > 0 } name ? name : me.Name;

    /// <summary>Staff edit every project; an enterprise user its own unit's.</summary>
    public static bool CanEdit(NavigationProject p, CurrentUser me) => me.IsStaff || me.Role == Roles.Enterprise && p.OrgUnitId is { } o && o == me.OrgUnitId;

    public static NavigationProjectDto Dto(NavigationProject p, CurrentUser me, RecordsReference reference, int versions) => new(
        p.Id, p.Name, p.Kind, NavigationKinds.Names.GetValueOrDefault(p.Kind, p.Kind), NavigationKinds.Parts.GetValueOrDefault(p.Kind), p.Q, p.Ipc,
        p.Industries, p.YearFrom, p.YearTo, p.RegionPrefix, RegionName(reference, p.RegionPrefix),
        [.. p.Comparison.Select(c => new NavigationRegion(c, RegionName(reference, c)))], p.OrgUnitId, p.OwnerName, CanEdit(p, me), p.CreatedAt, p.UpdatedAt,
        versions);

    public static string RegionName(RecordsReference reference, string prefix) =>
        prefix.Length == 0 ? "全国" : reference.Gazetteer?.Find(prefix.PadRight(6, '0'))?.Name ?? prefix;

    /// <summary>The condition on a record's region for a prefix ('' is every record).</summary>
    public static string RegionCondition(string prefix) => prefix.Length switch
    {
        0 => "TRUE",
        2 => $"r.province_code = '{prefix}0000'",
        4 => $"r.city_code = '{prefix}00'",
        _ => $"r.county_code = '{prefix}'",
    };

    /// <summary>
    /// Checks the body and writes it onto the project. The expression is checked by building the records search's own filter,
    /// so a syntax error is the search's 400 with its position; the prefixes must be digits of a region the gazetteer knows.
    /// </summary>
    public static async Task ApplyAsync(NavigationProjectRequest req, NavigationProject p, NpgsqlDataSource data, RecordsReference reference, CancellationToken ct)
    {
        var v = new Validation();
        var name = req.Name?.Trim() ?? "";
        v.Required("name", name, "项目名称").MaxLength("name", name, 80, "项目名称").PlainText("name", name, "项目名称");
        v.Required("kind", req.Kind, "导航类型").OneOf("kind", req.Kind, NavigationKinds.Names.Keys, "导航类型");
        var ipc = (req.Ipc ?? []).Select(x => x.Trim().ToUpperInvariant().Replace(" ", "")).Where(x => x.Length > 0).Distinct().ToArray();
        foreach (var x in ipc.Where(x => IpcKey(x) is null)) v.Add("ipc", $"IPC 分类号“{x}”无法识别（示例：H、H01、H01M、H01M10）");
        var industries = (req.Industries ?? []).Select(x => x.Trim()).Where(x => x.Length > 0).Distinct().ToArray();
        foreach (var x in industries.Where(x => x.Length is < 2 or > 4 || !x.All(char.IsAsciiDigit))) v.Add("industries", $"行业代码“{x}”无效（GB/T 4754-2011 的 2–4 位数字）");
        if (req.YearFrom is not { } from || req.YearTo is not { } to) v.Add("yearFrom", "请填写申请年份范围");
        else if (from > to) v.Add("yearTo", "结束年份不能早于开始年份");
        else if (from < 1985 || to > DateTime.UtcNow.Year + 1) v.Add("yearFrom", $"申请年份应在 1985 至 {DateTime.UtcNow.Year + 1} 之间");
        else if (to - from + 1 > MaxYears) v.Add("yearTo", $"年份范围最多 {MaxYears} 年");
        var region = req.RegionPrefix?.Trim() ?? "";
        if (!ValidPrefix(region, reference) || region.Length == 0) v.Add("regionPrefix", region.Length == 0 ? "请选择关注地区" : $"地区代码“{region}”无效（省 2 位、市 4 位、县区 6 位）");
        var comparison = (req.Comparison ?? []).Select(x => x.Trim()).Distinct().ToArray();
        if (comparison.Length == 0) v.Add("comparison", "请至少选择一个对比地区（全国为空代码）");
        if (comparison.Length > 4) v.Add("comparison", "对比地区最多 4 个");
        foreach (var c in comparison.Where(c => !ValidPrefix(c, reference))) v.Add("comparison", $"对比地区代码“{c}”无效（省 2 位、市 4 位、县区 6 位，全国为空）");
        if (comparison.Contains(region) && region.Length > 0) v.Add("comparison", "对比地区不能与关注地区相同");
        var q = req.Q?.Trim() ?? "";
        if (q.Length == 0 && ipc.Length == 0 && industries.Length == 0) v.Add("q", "请填写检索式，或至少一个 IPC 分类号或行业代码");
        v.ThrowIfInvalid();

        (p.Name, p.Kind, p.Q, p.Ipc, p.Industries, p.YearFrom, p.YearTo, p.RegionPrefix, p.Comparison) =
            (name, req.Kind!, q, ipc, industries, req.YearFrom!.Value, req.YearTo!.Value, region, comparison);
        // the search's own parser and filter: its errors (with the position of a syntax error) under q
        await FilterAsync(p, data, ct);
    }

    private static bool ValidPrefix(string prefix, RecordsReference reference) =>
        prefix.Length == 0 || prefix.Length is 2 or 4 or 6 && prefix.All(char.IsAsciiDigit) && (reference.Gazetteer is null || reference.Gazetteer.Find(prefix.PadRight(6, '0')) is not null);

    /// <summary>"H", "H01", "H01M" as they are; "H01M10" as the main group "H01M 10" of ipc_classes; null when not an IPC prefix.</summary>
    public static string? IpcKey(string ipc)
    {
        if (ipc.Length is < 1 or > 9 || !char.IsAsciiLetterUpper(ipc[0])) return null;
        if (ipc.Length == 1) return ipc[0] is >= 'A' and <= 'H' ? ipc : null;
        if (ipc.Length == 3) return ipc[1..].All(char.IsAsciiDigit) ? ipc : null;
        if (!ipc[1..3].All(char.IsAsciiDigit) || !char.IsAsciiLetterUpper(ipc[3])) return null;
        if (ipc.Length == 4) return ipc;
        var group = ipc[4..];
        return group.All(char.IsAsciiDigit) && group.Length <= 4 ? $"{ipc[..4]} {int.Parse(group)}" : null;
    }

    /// <summary>
    /// The records of the scope, as the records search's filter (the same parser and conditions SearchRecords applies to the
    /// same expression and application dates), with the IPC prefixes and industries as extra conditions.
    /// </summary>
    public static async Task<RecordFilter> FilterAsync(NavigationProject p, NpgsqlDataSource data, CancellationToken ct)
    {
        var f = await RecordFilter.CreateAsync(SearchParams(p), data, ct);
        if (p.Ipc.Length > 1) f.Add("r.ipc_classes && {0}::text[]", p.Ipc.Select(x => IpcKey(x)!).ToArray());
        if (p.Industries.Length > 0) f.Add("r.industry_codes && {0}::text[]", p.Industries);
        return f;
    }

    /// <summary>The search parameters of the scope (what the search page is given to show the same records).</summary>
    public static RecordFilterParams SearchParams(NavigationProject p) => new()
    {
        Q = p.Q.Length == 0 ? null : p.Q, DateField = "application", From = new DateOnly(p.YearFrom, 1, 1), To = new DateOnly(p.YearTo, 12, 31),
        Ipc = p.Ipc.Length == 1 ? p.Ipc[0] : null,
    };

    public static Dictionary<string, string> Narratives(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
