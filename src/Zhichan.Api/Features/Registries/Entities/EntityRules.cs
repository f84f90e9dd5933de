using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>The master data a person enters (CreateEntity, UpdateEntity).</summary>
/// <param name="RenamedOn">when <paramref name="Name"/> changes: the day the new name took effect (the old one becomes a former name until the day before)</param>
/// <param name="OrgUnitId">the enterprise account's org unit linked to this entity (its users see it as “我的主体”)</param>
public sealed record EntityRequest(string? Name, string? Kind, string? CreditCode, string? RegionCode, string? IndustryCode, string? Scale, string? Address, string? Note,
    long? OrgUnitId, DateOnly? RenamedOn);

/// <summary>The checks of master data, shared by the form and the XLSX import.</summary>
public static class EntityRules
{
    /// <summary>
    /// The stored form of a credit code, or null when blank; a code failing GB 32100 is refused with the check's reason unless it
    /// is the one an administrator accepted for this entity (<paramref name="acceptedException"/>).
    /// </summary>
    public static string? CreditCode(Validation v, string field, string? raw, string? acceptedException = null)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var code = CreditCodes.Normalise(raw);
        if (code != acceptedException && CreditCodes.Problem(code) is { } problem) v.Add(field, problem);
        return code;
    }

    public static async Task CheckReferencesAsync(NpgsqlConnection conn, Validation v, string? regionCode, string? industryCode, CancellationToken ct)
    {
        if (regionCode is not null && !await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM ref_regions WHERE code = @regionCode)",
                new { regionCode }, cancellationToken: ct)))
            v.Add("regionCode", $"行政区划代码“{regionCode}”不存在");
        if (industryCode is not null && !await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM ref_industries WHERE code = @industryCode)",
                new { industryCode }, cancellationToken: ct)))
            v.Add("industryCode", $"国民经济行业代码“{industryCode}”不存在（GB/T 4754，如 C27、C2710）");
    }

    /// <summary>The form's checks (400 with every field's reason); returns the normalised credit code.</summary>
    public static async Task<string?> ValidateAsync(NpgsqlConnection conn, EntityRequest req, string? acceptedException, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("name", req.Name, "主体名称").MaxLength("name", req.Name, 200, "主体名称").PlainText("name", req.Name, "主体名称")
            .Required("kind", req.Kind, "主体类型").MaxLength("address", req.Address, 300, "地址").MaxLength("note", req.Note, 2000, "备注")
            .PlainText("address", req.Address, "地址").PlainText("note", req.Note, "备注");
        if (req.Kind is not null) v.OneOf("kind", req.Kind, EntityKinds.Names.Keys, "主体类型");
        if (req.Scale is not null) v.OneOf("scale", req.Scale, EntityScales.Names.Keys, "企业规模");
        var code = CreditCode(v, "creditCode", req.CreditCode, acceptedException);
        await CheckReferencesAsync(conn, v, Blank(req.RegionCode), Blank(req.IndustryCode), ct);
        if (req.OrgUnitId is { } unit && !await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM org_units WHERE id = @unit AND kind = 'enterprise')", new { unit }, cancellationToken: ct)))
            v.Add("orgUnitId", "所选单位不存在或不是企业账号单位");
        v.ThrowIfInvalid();
        return code;
    }

    /// <summary>409 when another entity holds the credit code or the org unit.</summary>
    public static async Task CheckUniqueAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long? self, string? code, long? orgUnitId, CancellationToken ct)
    {
        if (code is not null && await conn.QueryFirstOrDefaultAsync<(long Id, string Name)>(new CommandDefinition(
                "SELECT id, name FROM entities WHERE credit_code = @code AND merged_into IS NULL AND id IS DISTINCT FROM @self", new { code, self }, tx,
                cancellationToken: ct)) is { Id: > 0 } other)
            throw new DomainException($"统一社会信用代码 {code} 已属于主体 {other.Id}（{other.Name}）；如为同一主体，请合并");
        if (orgUnitId is not null && await conn.QueryFirstOrDefaultAsync<(long Id, string Name)>(new CommandDefinition(
                "SELECT id, name FROM entities WHERE org_unit_id = @orgUnitId AND merged_into IS NULL AND id IS DISTINCT FROM @self", new { orgUnitId, self }, tx,
                cancellationToken: ct)) is { Id: > 0 } linked)
            throw new DomainException($"该企业账号单位已关联主体 {linked.Id}（{linked.Name}）");
    }

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
