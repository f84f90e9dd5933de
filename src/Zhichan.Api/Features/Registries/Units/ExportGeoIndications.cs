using Zhichan.Api.Platform.Files;
using static Zhichan.Api.Features.Registries.Units.GeoIndications;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>The filtered GI list as XLSX with the import's headers (authorised users by name). No personal data.</summary>
public static class ExportGeoIndications
{
    public static async Task<FileContentHttpResult> HandleAsync(string? q, string? kind, string? status, string? region, NpgsqlDataSource db, CurrentUser me,
        CancellationToken ct)
    {
        var (where, args) = Where(new Filter(q, kind, status, region), me);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<Row>($"{Select} WHERE {where} ORDER BY g.registered_on DESC NULLS LAST, g.product, g.id LIMIT 20000", args)).Select(ToDto).ToList();
        var ids = rows.Select(r => r.Id).ToArray();
        var users = (await conn.QueryAsync<(long GiId, string Enterprise)>("SELECT gi_id, enterprise FROM geo_indication_users WHERE gi_id = ANY(@ids) ORDER BY id", new { ids }))
            .ToLookup(u => u.GiId, u => u.Enterprise);
        var header = ImportGeoIndications.Columns.Select(c => c.Headers[0]).Append("保护范围名称").ToList();
        var bytes = SheetImport.Write(header, rows.Select(g => (IReadOnlyList<string?>)
        [
            g.Product, g.KindName, string.Join("、", g.Regions.Select(r => r.Code)), g.AreaDescription, g.Holder, g.HolderCreditCode, g.RegistrationNumber,
            UnitRules.FormatDate(g.RegisteredOn), UnitRules.FormatDate(g.ValidUntil), UnitRules.FormatDate(g.EndedOn), g.StatusName, g.ApprovingBody,
            string.Join("、", users[g.Id]), g.Notes, string.Join("、", g.Regions.Select(r => r.Name)),
        ]));
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "地理标志.xlsx");
    }
}
