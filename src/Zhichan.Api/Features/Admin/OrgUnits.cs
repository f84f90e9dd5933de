using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Database;
using Zhichan.Api.Platform.Errors;

namespace Zhichan.Api.Features.Admin;

public sealed record OrgUnitDto(long Id, string Name, string Kind, string KindName, string? RegionCode, string? CreditCode, long? ParentId, bool IsActive);

public sealed record OrgUnitRequest(string? Name, string? Kind, string? RegionCode, string? CreditCode, long? ParentId, bool IsActive = true);

public static class OrgUnits
{
    public static readonly IReadOnlyDictionary<string, string> KindNames = new Dictionary<string, string>
    {
        [OrgUnitKinds.Bureau] = "知识产权局", [OrgUnitKinds.Department] = "成员单位", [OrgUnitKinds.District] = "县区/园区",
        [OrgUnitKinds.Enterprise] = "创新主体", [OrgUnitKinds.Agency] = "服务机构", [OrgUnitKinds.ExpertGroup] = "专家组", [OrgUnitKinds.Other] = "其他",
    };

    /// <summary>Government users see the units; a district user sees the units of its own region only.</summary>
    public static async Task<Ok<IReadOnlyList<OrgUnitDto>>> ListAsync(ZhichanDb db, CurrentUser me, string? kind, CancellationToken ct)
    {
        var q = db.OrgUnits.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(kind)) q = q.Where(o => o.Kind == kind);
        if (me.RegionPrefix is { } prefix) q = q.Where(o => o.RegionCode != null && o.RegionCode.StartsWith(prefix));
        var list = await q.OrderBy(o => o.Kind).ThenBy(o => o.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<OrgUnitDto>>(list.Select(ToDto).ToList());
    }

    public static async Task<Created<OrgUnitDto>> CreateAsync(OrgUnitRequest req, ZhichanDb db, CancellationToken ct)
    {
        Validate(req);
        var unit = new OrgUnit();
        Apply(unit, req);
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/org-units/{unit.Id}", ToDto(unit));
    }

    public static async Task<Ok<OrgUnitDto>> UpdateAsync(long id, OrgUnitRequest req, ZhichanDb db, CancellationToken ct)
    {
        var unit = await db.OrgUnits.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (unit is null) throw new DomainException($"单位 {id} 不存在", 404);
        Validate(req);
        if (req.ParentId == id) throw new RequestValidationException("parentId", "上级单位不能是自己");
        Apply(unit, req);
        unit.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(unit));
    }

    private static void Validate(OrgUnitRequest req)
    {
        var v = new Validation().Required("name", req.Name, "单位名称").MaxLength("name", req.Name, 200, "单位名称")
            .Required("kind", req.Kind, "单位类型").OneOf("kind", req.Kind, OrgUnitKinds.All, "单位类型");
        if (req.RegionCode is { Length: > 0 } rc && (rc.Length != 6 || !rc.All(char.IsAsciiDigit))) v.Add("regionCode", $"行政区划代码“{rc}”应为 6 位数字");
        if (req.Kind == OrgUnitKinds.District && string.IsNullOrWhiteSpace(req.RegionCode)) v.Add("regionCode", "县区/园区类单位必须填写行政区划代码");
        if (req.CreditCode is { Length: > 0 } cc && !CreditCode.IsValid(cc)) v.Add("creditCode", $"统一社会信用代码“{cc}”校验不通过");
        v.ThrowIfInvalid();
    }

    private static void Apply(OrgUnit unit, OrgUnitRequest req)
    {
        unit.Name = req.Name!.Trim();
        unit.Kind = req.Kind!;
        unit.RegionCode = string.IsNullOrWhiteSpace(req.RegionCode) ? null : req.RegionCode.Trim();
        unit.CreditCode = string.IsNullOrWhiteSpace(req.CreditCode) ? null : req.CreditCode.Trim().ToUpperInvariant();
        unit.ParentId = req.ParentId;
        unit.IsActive = req.IsActive;
    }

    private static OrgUnitDto ToDto(OrgUnit o) => new(o.Id, o.Name, o.Kind, KindNames.GetValueOrDefault(o.Kind, o.Kind), o.RegionCode, o.CreditCode, o.ParentId, o.IsActive);
}

/// <summary>统一社会信用代码 (GB 32100-2015): 18 characters, check character over the first 17.</summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static bool IsValid(string code)
    {
        code = code.Trim().ToUpperInvariant();
        if (code.Length != 18) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(code[i]);
            if (v < 0) return false;
            sum += v * Weights[i];
        }
        var check = (31 - sum % 31) % 31;
        return Alphabet[check] == code[17];
    }
}
