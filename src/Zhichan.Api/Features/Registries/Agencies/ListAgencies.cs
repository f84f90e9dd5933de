using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>The register of service agencies (filter by name/code, kind, status, region, grade), personal contacts masked.</summary>
public static class ListAgencies
{
    public static async Task<Ok<Page<AgencyRow>>> HandleAsync(string? q, string? kind, string? status, string? region, string? grade, int? page, int? pageSize,
        ZhichanDb db, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var query = db.Set<Agency>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var t = q.Trim();
            query = query.Where(a => a.Name.Contains(t) || (a.CreditCode != null && a.CreditCode.Contains(t.ToUpper())) || (a.LicenceNumber != null && a.LicenceNumber.Contains(t)));
        }
        if (kind is not null) query = query.Where(a => a.Kinds.Contains(kind));
        if (status is not null) query = query.Where(a => a.Status == status);
        if (!string.IsNullOrWhiteSpace(region)) { var p = CurrentUser.SignificantPrefix(region.Trim()); query = query.Where(a => a.RegionCode != null && a.RegionCode.StartsWith(p)); }
        var grades = await AgencyViews.LatestGradesAsync(db, ct);
        var all = await query.OrderBy(a => a.IsExample).ThenBy(a => a.Name).ToListAsync(ct);
        if (grade is not null) all = all.Where(a => grades.TryGetValue(a.Id, out var g) && g.Grade == grade).ToList();
        var pageRows = all.Skip(offset).Take(size).ToList();
        var ids = pageRows.Select(a => a.Id).ToList();
        var pending = await db.Set<AgencyChange>().Where(c => ids.Contains(c.AgencyId) && c.Status == "pending").GroupBy(c => c.AgencyId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var regions = await AgencyViews.RegionNamesAsync(db, pageRows.Select(a => a.RegionCode), ct);
        var items = pageRows.Select(a =>
        {
            var g = grades.TryGetValue(a.Id, out var x) ? x : default((int Year, string Grade)?);
            return new AgencyRow(a.Id, a.Name, a.CreditCode, a.LicenceNumber, a.Kinds, AgencyRules.KindLabels(a.Kinds), a.StaffCount, a.AgentCount, a.RegionCode,
                a.RegionCode is null ? null : regions.GetValueOrDefault(a.RegionCode), a.Status, AgencyRules.Statuses[a.Status], a.IsExample, g?.Grade, g?.Year,
                AgencyViews.MaskedContactName(a.ContactName), a.ContactPhone is null ? null : Masking.MaskPhone(a.ContactPhone), pending.GetValueOrDefault(a.Id), a.OrgUnitId);
        }).ToList();
        return TypedResults.Ok(new Page<AgencyRow>(items, all.Count));
    }
}
