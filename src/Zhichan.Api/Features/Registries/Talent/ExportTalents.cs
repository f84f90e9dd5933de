using Zhichan.Api.Features.Records;
using Zhichan.Api.Platform.Files;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Talent;

/// <summary>
/// The talent registry as an XLSX sheet (bureau), with the list's filters. Names are masked and certificate numbers shortened: the
/// sheet serves counting and checking by unit, not contacting the people. Same headers as the import, so the columns line up.
/// </summary>
public static class ExportTalents
{
    public static async Task<FileContentHttpResult> HandleAsync(string? q, string? category, string? region, bool? current, ZhichanDb db, CurrentUser me,
        RecordsReference reference, TimeProvider clock, CancellationToken ct)
    {
        var page = (await ListTalents.HandleAsync(q, category, region, current, 1, 200, db, reference, clock, ct)).Value!;
        var all = page.Items.ToList();
        for (var p = 2; all.Count < page.Total; p++)
            all.AddRange((await ListTalents.HandleAsync(q, category, region, current, p, 200, db, reference, clock, ct)).Value!.Items);
        string[] header = [.. ImportTalents.Columns.Select(c => c.Label), "目前在册"];
        var rows = all.Select(t => (IReadOnlyList<string?>)
        [
            Masking.MaskName(t.Name, Masking.LooksLikePersonName(t.Name)), t.CategoryLabel, t.UnitName, t.RegionName ?? t.RegionCode, t.Qualification,
            t.CertificateNumber is { Length: > 4 } c ? new string('*', c.Length - 4) + c[^4..] : t.CertificateNumber,
            t.QualifiedOn?.ToString("yyyy-MM-dd"), t.ValidUntil?.ToString("yyyy-MM-dd"), t.LeftOn?.ToString("yyyy-MM-dd"),
            t.IsExample ? "示例" : null, t.Current ? "是" : "否",
        ]);
        var bytes = SheetImport.Write(header, rows);
        AuditLog.Add(db, me, "export", "talents", null, null, new { rows = all.Count, q, category, region, current });
        await db.SaveChangesAsync(ct);
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"人才名录-{ChinaTime.Today(clock):yyyyMMdd}.xlsx");
    }
}
