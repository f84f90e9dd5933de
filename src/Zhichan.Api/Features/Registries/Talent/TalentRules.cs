using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Registries.Experts;

namespace Zhichan.Api.Features.Registries.Talent;

/// <summary>The checks of a talent entry, the mapping to its row, and the rule of who is counted on a day.</summary>
public static class TalentRules
{
    /// <summary>SQL: counted on @asOf — qualified by then (or no date) and not left.</summary>
    public const string CurrentSql = "(t.qualified_on IS NULL OR t.qualified_on <= @asOf) AND (t.left_on IS NULL OR t.left_on > @asOf)";

    public static bool IsCurrent(TalentPerson t, DateOnly asOf) => (t.QualifiedOn is null || t.QualifiedOn <= asOf) && (t.LeftOn is null || t.LeftOn > asOf);

    public static async Task ValidateAsync(TalentRequest r, ZhichanDb db, RecordsReference reference, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("name", r.Name, "姓名").MaxLength("name", r.Name?.Trim(), 50, "姓名")
            .Required("category", r.Category, "人才类别").OneOf("category", r.Category, TalentCategories.Labels.Keys, "人才类别")
            .Required("unitName", r.UnitName, "所在单位").MaxLength("unitName", r.UnitName?.Trim(), 100, "所在单位")
            .Required("regionCode", r.RegionCode, "所在地区")
            .MaxLength("qualification", r.Qualification?.Trim(), 100, "资格或称号").MaxLength("certificateNumber", r.CertificateNumber?.Trim(), 50, "证书编号")
            .MaxLength("note", r.Note?.Trim(), 1000, "备注");
        if (!string.IsNullOrWhiteSpace(r.RegionCode) && RegistryRegions.Problem(reference, r.RegionCode.Trim()) is { } rp) v.Add("regionCode", rp);
        if (r.QualifiedOn is { } q && r.ValidUntil is { } u && u < q) v.Add("validUntil", "有效期早于取得日期");
        if (r.QualifiedOn is { } q2 && r.LeftOn is { } l && l < q2) v.Add("leftOn", "离职日期早于取得日期");
        if (r.OrgUnitId is { } org && !await db.OrgUnits.AnyAsync(o => o.Id == org, ct)) v.Add("orgUnitId", $"单位 {org} 不存在");
        v.ThrowIfInvalid();
    }

    public static void Apply(TalentPerson t, TalentRequest r)
    {
        t.Name = r.Name!.Trim();
        t.Category = r.Category!;
        t.UnitName = r.UnitName!.Trim();
        t.OrgUnitId = r.OrgUnitId;
        t.RegionCode = r.RegionCode!.Trim();
        t.Qualification = Clean(r.Qualification);
        t.CertificateNumber = Clean(r.CertificateNumber);
        t.QualifiedOn = r.QualifiedOn;
        t.ValidUntil = r.ValidUntil;
        t.LeftOn = r.LeftOn;
        t.Note = Clean(r.Note);
        t.UpdatedAt = DateTimeOffset.UtcNow;
    }

    public static TalentRow ToRow(TalentPerson t, RecordsReference reference, DateOnly today) =>
        new(t.Id, t.Name, t.Category, TalentCategories.Labels.GetValueOrDefault(t.Category, t.Category), t.UnitName, t.OrgUnitId, t.RegionCode,
            RegistryRegions.Label(reference, t.RegionCode), t.Qualification, t.CertificateNumber, t.QualifiedOn, t.ValidUntil, t.LeftOn, IsCurrent(t, today),
            t.IsExample, t.Note);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
