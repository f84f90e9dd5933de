namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>An agency as the public directory shows it: business contacts only, its latest published grade.</summary>
public sealed record PublicAgencyDto(long Id, string Name, string KindLabels, string[] Kinds, string Services, string? RegionName, int? AgentCount, string? LicenceNumber,
    string? Grade, int? GradeYear, string? Address, string? BusinessPhone, string? BusinessEmail, string? Website, bool IsExample);

/// <summary>The public service directory (门户): registered agencies, no personal data.</summary>
public static class ListPublicAgencies
{
    public static async Task<Ok<Page<PublicAgencyDto>>> HandleAsync(string? q, string? kind, string? grade, int? page, int? pageSize, ZhichanDb db, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 100);
        var query = db.Set<Agency>().AsNoTracking().Where(a => a.Status == "active");
        if (!string.IsNullOrWhiteSpace(q)) { var t = q.Trim(); query = query.Where(a => a.Name.Contains(t) || a.Services.Contains(t)); }
        if (kind is not null) query = query.Where(a => a.Kinds.Contains(kind));
        var grades = await AgencyViews.LatestGradesAsync(db, ct);
        var all = await query.OrderBy(a => a.IsExample).ThenBy(a => a.Name).ToListAsync(ct);
        if (grade is not null) all = all.Where(a => grades.TryGetValue(a.Id, out var g) && g.Grade == grade).ToList();
        var rows = all.Skip(offset).Take(size).ToList();
        var regions = await AgencyViews.RegionNamesAsync(db, rows.Select(a => a.RegionCode), ct);
        return TypedResults.Ok(new Page<PublicAgencyDto>(rows.Select(a =>
        {
            var g = grades.TryGetValue(a.Id, out var x) ? x : default((int Year, string Grade)?);
            return new PublicAgencyDto(a.Id, a.Name, AgencyRules.KindLabels(a.Kinds), a.Kinds, a.Services, a.RegionCode is null ? null : regions.GetValueOrDefault(a.RegionCode),
                a.AgentCount, a.LicenceNumber, g?.Grade, g?.Year, a.Address, a.BusinessPhone, a.BusinessEmail, a.Website, a.IsExample);
        }).ToList(), all.Count));
    }
}
