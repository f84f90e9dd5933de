using Zhichan.Api.Features.Protection.Settings;

namespace Zhichan.Api.Features.Protection;

/// <summary>Fast-track rules (快速受理) and assignment to a handling unit by type and region (ADR 0201).</summary>
public static class FastTrack
{
    public static async Task<(bool, string[])> EvaluateAsync(ZhichanDb db, ProtectionSettingsDto s, Complaint c, CancellationToken ct)
    {
        var reasons = new List<string>();
        if (s.FastTrackEcommerce && (c.Type == ComplaintTypes.Ecommerce || c.RespondentPlatform is not null))
            reasons.Add("电商平台投诉");
        if (s.FastTrackTypes.Contains(c.Type)) reasons.Add($"快速处理类型：{ComplaintTypes.Labels[c.Type]}");
        if (c.Industry is { } ind && s.KeyIndustries.FirstOrDefault(k => ind.Contains(k, StringComparison.Ordinal) || k.Contains(ind, StringComparison.Ordinal)) is { } key)
            reasons.Add($"重点产业：{key}");
        if (s.FastTrackProtectionList)
        {
            var names = new[] { c.ComplainantName, c.RightOwner ?? "" }.Where(n => n.Length > 0).ToArray();
            var hit = await db.Set<ProtectionListEntry>().AsNoTracking()
                .Where(p => p.IsActive && ((p.Kind == "entity" && names.Contains(p.Name)) || (p.Kind == "right" && c.RightCanonical != null && p.ApplicationNumber == c.RightCanonical)))
                .Select(p => p.Name).FirstOrDefaultAsync(ct);
            if (hit is not null) reasons.Add($"保护名录：{hit}");
        }
        return (reasons.Count > 0, reasons.ToArray());
    }

    /// <summary>
    /// Patent disputes, counterfeit patents, overseas disputes and assistance requests go to the bureau (the city holds the
    /// patent jurisdiction); copyright goes to the copyright office; other types go to the district of the region given,
    /// or to the bureau when there is none.
    /// </summary>
    public static async Task<long?> HandlingUnitAsync(ZhichanDb db, Complaint c, CancellationToken ct)
    {
        var bureau = await db.OrgUnits.Where(u => u.Kind == OrgUnitKinds.Bureau).OrderBy(u => u.Id).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
        if (c.Type is ComplaintTypes.PatentDispute or ComplaintTypes.CounterfeitPatent or ComplaintTypes.Overseas or ComplaintTypes.Assistance) return bureau;
        if (c.Type == ComplaintTypes.Copyright
            && await db.OrgUnits.Where(u => u.Kind == OrgUnitKinds.Department && u.Name.Contains("版权")).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct) is { } cr)
            return cr;
        if (c.RegionCode is { } r
            && await db.OrgUnits.Where(u => u.Kind == OrgUnitKinds.District && u.RegionCode == r).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct) is { } d)
            return d;
        return bureau;
    }
}
