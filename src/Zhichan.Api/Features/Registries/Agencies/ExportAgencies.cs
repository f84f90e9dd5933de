using Zhichan.Api.Platform.Files;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>The register as XLSX with the import's Chinese headers plus status and grade; the contact person's name, phone and e-mail masked.</summary>
public static class ExportAgencies
{
    public static async Task<FileContentHttpResult> HandleAsync(ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var agencies = await db.Set<Agency>().AsNoTracking().OrderBy(a => a.IsExample).ThenBy(a => a.Name).ToListAsync(ct);
        var grades = await AgencyViews.LatestGradesAsync(db, ct);
        var header = AgencySheet.Columns.Select(c => c.Label).Concat(["状态", "最近评价等级", "评价年度", "示例数据"]).ToList();
        var rows = agencies.Select(a => (IReadOnlyList<string?>)
        [
            a.Name, a.CreditCode, a.LicenceNumber, AgencyRules.KindLabels(a.Kinds), a.StaffCount?.ToString(), a.AgentCount?.ToString(), a.RegionCode, a.Services,
            a.Address, a.BusinessPhone, a.BusinessEmail, a.Website, a.ContactName is null ? null : Masking.MaskName(a.ContactName), Masking.MaskPhone(a.ContactPhone),
            Masking.MaskEmail(a.ContactEmail), a.RegisteredOn?.ToString("yyyy-MM-dd"), AgencyRules.Statuses[a.Status],
            grades.TryGetValue(a.Id, out var g) ? g.Grade : null, grades.TryGetValue(a.Id, out var g2) ? g2.Year.ToString() : null, a.IsExample ? "是" : "",
        ]);
        var bytes = SheetImport.Write(header, rows);
        AuditLog.Add(db, me, "export", "agencies", null, null, new { rows = agencies.Count });
        await db.SaveChangesAsync(ct);
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "service-agencies.xlsx");
    }
}
