using System.Text.RegularExpressions;

namespace Zhichan.Api.Features.Indicators;

public sealed record CustomUnitMemberDto(string Code, string Name, string Level, bool IsDevZone);

public sealed record CustomUnitDto(long Id, string Code, string Name, string? Description, string? ParentCode, string? ParentName,
    IReadOnlyList<CustomUnitMemberDto> Members, DateTime CreatedAt, DateTime UpdatedAt, string? CreatedBy = null);

public sealed record CustomUnitRequest(string? Name, string? Description, string[]? MemberCodes);

public sealed record CustomUnitSavedDto(CustomUnitDto Unit, long RecomputeJobId);

/// <summary>A custom unit as the computation and the value queries see it: its code and its member regions.</summary>
public sealed record CustomUnitMembers(long Id, string Code, string Name, string[] MemberCodes);

/// <summary>
/// Custom assessment units (ADR 0105): a named set of regions (沿海三区, a 园区 plus two 乡镇 …) defined by the bureau. Every
/// computed indicator is computed for it from the records (no record counted twice), its values are listed by GetIndicatorValues
/// under its code (U00001 …) with the members as lineage, and it can be assessed in a scheme of target kind "custom".
/// </summary>
public static partial class CustomUnits
{
    [GeneratedRegex(@"^U\d{5}$")]
    public static partial Regex CodePattern();

    public static bool IsUnitCode(string s) => CodePattern().IsMatch(s);

    public static async Task<List<CustomUnitMembers>> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx = null) =>
        (await conn.QueryAsync<Row>("SELECT id, code, name, member_codes FROM custom_units ORDER BY id", transaction: tx))
        .Select(r => new CustomUnitMembers(r.Id, r.Code, r.Name, r.MemberCodes)).ToList();

    /// <summary>Whether a district user (region prefix) may see a unit: every member lies in the user's region.</summary>
    public static bool VisibleTo(CustomUnitMembers u, CurrentUser me) =>
        me.RegionPrefix is not { } prefix || u.MemberCodes.All(m => m.StartsWith(prefix, StringComparison.Ordinal));

    internal sealed class Row
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public string? ParentCode { get; set; }
        public string? ParentName { get; set; }
        public string[] MemberCodes { get; set; } = [];
        public DateTime CreatedAt { get; set; }
        public DateTime UpdatedAt { get; set; }
        public string? CreatedBy { get; set; }
    }

    internal static async Task<List<CustomUnitDto>> QueryAsync(NpgsqlConnection conn, long? id)
    {
        var rows = (await conn.QueryAsync<Row>("""
            SELECT u.id, u.code, u.name, u.description, u.parent_code, p.name AS parent_name, u.member_codes, u.created_at, u.updated_at,
                   cu.display_name AS created_by
            FROM custom_units u LEFT JOIN ref_regions p ON p.code = u.parent_code LEFT JOIN users cu ON cu.id = u.created_by WHERE @id::bigint IS NULL OR u.id = @id ORDER BY u.code
            """, new { id })).ToList();
        var codes = rows.SelectMany(r => r.MemberCodes).Distinct().ToArray();
        var regions = (await conn.QueryAsync<CustomUnitMemberDto>("SELECT code, name, level, is_dev_zone FROM ref_regions WHERE code = ANY(@codes)", new { codes }))
            .ToDictionary(r => r.Code);
        return rows.Select(r => new CustomUnitDto(r.Id, r.Code, r.Name, r.Description, r.ParentCode, r.ParentName,
            r.MemberCodes.Select(m => regions.GetValueOrDefault(m) ?? new CustomUnitMemberDto(m, m, "", false)).ToList(), r.CreatedAt, r.UpdatedAt, r.CreatedBy)).ToList();
    }

    private sealed record RegionRow(string Code, string Name, string Level, string ProvinceCode, string? CityCode);

    /// <summary>Name given and unique; 2–50 distinct members, each a region of ref_regions, none containing another.</summary>
    internal static async Task<(string[] Members, string? Parent)> ValidateAsync(NpgsqlConnection conn, CustomUnitRequest req, long? id)
    {
        var v = new Validation();
        v.Required("name", req.Name, "单元名称").MaxLength("name", req.Name, 50, "单元名称").MaxLength("description", req.Description, 500, "说明");
        var members = (req.MemberCodes ?? []).Select(m => m?.Trim() ?? "").ToArray();
        if (members.Length < 2) v.Add("memberCodes", "自定义考核单元至少包含 2 个地区");
        if (members.Length > 50) v.Add("memberCodes", "自定义考核单元最多包含 50 个地区");
        foreach (var m in members.Where(m => m.Length != 6 || !m.All(char.IsAsciiDigit))) v.Add("memberCodes", $"“{m}”不是 6 位行政区划代码");
        foreach (var d in members.GroupBy(m => m).Where(g => g.Count() > 1)) v.Add("memberCodes", $"地区“{d.Key}”重复");
        v.ThrowIfInvalid();
        if (await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM custom_units WHERE name = @name AND id IS DISTINCT FROM @id)", new { name = req.Name!.Trim(), id }))
            v.Add("name", $"已有名为“{req.Name.Trim()}”的考核单元");
        var regions = (await conn.QueryAsync<RegionRow>("SELECT code, name, level, province_code, city_code FROM ref_regions WHERE code = ANY(@members)", new { members }))
            .ToDictionary(r => r.Code);
        foreach (var m in members.Where(m => !regions.ContainsKey(m))) v.Add("memberCodes", $"行政区划代码“{m}”不存在");
        v.ThrowIfInvalid();
        // a member inside another member would count its records and its population twice
        foreach (var inner in regions.Values)
        foreach (var outer in regions.Values.Where(o => o.Code != inner.Code && (inner.ProvinceCode == o.Code || inner.CityCode == o.Code)))
            v.Add("memberCodes", $"“{inner.Name}”属于“{outer.Name}”，成员地区不能相互包含");
        v.ThrowIfInvalid();
        var list = regions.Values.ToList();
        var parent = list.Select(r => r.Level == "county" ? r.CityCode : null).Distinct().Count() == 1 && list[0].Level == "county" ? list[0].CityCode
            : list.Select(r => r.ProvinceCode).Distinct().Count() == 1 && list.All(r => r.Level != "province") ? list[0].ProvinceCode : null;
        return (members.OrderBy(m => m, StringComparer.Ordinal).ToArray(), parent);
    }
}
