namespace Zhichan.Api.Features.Protection.ProtectionList;

/// <summary>Validation shared by adding and editing entries of the protection list (保护名录).</summary>
public static class ProtectionListEntries
{
    internal static void Validate(ProtectionListRequest req)
    {
        var v = new Validation();
        v.Required("kind", req.Kind, "类别").OneOf("kind", req.Kind, ["entity", "right"], "类别").Required("name", req.Name, "名称").MaxLength("name", req.Name, 200, "名称");
        if (req.Kind == "right" && string.IsNullOrWhiteSpace(req.ApplicationNumber)) v.Add("applicationNumber", "权利类条目须填写申请号");
        v.ThrowIfInvalid();
    }

    internal static string? Canonical(string? n) =>
        string.IsNullOrWhiteSpace(n) ? null : Records.Normalisation.ApplicationNumber.TryParse(n, out _)?.Canonical ?? n.Trim().ToUpperInvariant();

    internal static IReadOnlyList<string> OrgKindsForAssignment => [OrgUnitKinds.Bureau, OrgUnitKinds.District, OrgUnitKinds.Department];
}
