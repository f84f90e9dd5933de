namespace Zhichan.Api.Features.Admin;

public sealed record OrgUnitDto(long Id, string Name, string Kind, string KindName, string? RegionCode, string? CreditCode, long? ParentId, bool IsActive);

/// <summary>What the org-unit use cases share: kind names, the DTO, validation.</summary>
public static class OrgUnitRules
{
    public static readonly IReadOnlyDictionary<string, string> KindNames = new Dictionary<string, string>
    {
        [OrgUnitKinds.Bureau] = "知识产权局", [OrgUnitKinds.Department] = "成员单位", [OrgUnitKinds.District] = "县区/园区",
        [OrgUnitKinds.Enterprise] = "创新主体", [OrgUnitKinds.Agency] = "服务机构", [OrgUnitKinds.ExpertGroup] = "专家组", [OrgUnitKinds.Bank] = "金融机构", [OrgUnitKinds.Other] = "其他",
    };

    internal static void Validate(OrgUnitRequest req)
    {
        var v = new Validation().Required("name", req.Name, "单位名称").MaxLength("name", req.Name, 200, "单位名称")
            .Required("kind", req.Kind, "单位类型").OneOf("kind", req.Kind, OrgUnitKinds.All, "单位类型");
        if (req.RegionCode is { Length: > 0 } rc && (rc.Length != 6 || !rc.All(char.IsAsciiDigit))) v.Add("regionCode", $"行政区划代码“{rc}”应为 6 位数字");
        if (req.Kind == OrgUnitKinds.District && string.IsNullOrWhiteSpace(req.RegionCode)) v.Add("regionCode", "县区/园区类单位必须填写行政区划代码");
        if (req.CreditCode is { Length: > 0 } cc && !CreditCode.IsValid(cc)) v.Add("creditCode", $"统一社会信用代码“{cc}”校验不通过");
        v.ThrowIfInvalid();
    }

    internal static void Apply(OrgUnit unit, OrgUnitRequest req)
    {
        unit.Name = req.Name!.Trim();
        unit.Kind = req.Kind!;
        unit.RegionCode = string.IsNullOrWhiteSpace(req.RegionCode) ? null : req.RegionCode.Trim();
        unit.CreditCode = string.IsNullOrWhiteSpace(req.CreditCode) ? null : req.CreditCode.Trim().ToUpperInvariant();
        unit.ParentId = req.ParentId;
        unit.IsActive = req.IsActive;
    }

    internal static OrgUnitDto ToDto(OrgUnit o) => new(o.Id, o.Name, o.Kind, KindNames.GetValueOrDefault(o.Kind, o.Kind), o.RegionCode, o.CreditCode, o.ParentId, o.IsActive);
}
