using Zhichan.Api.Platform.Files;
using static Zhichan.Api.Features.Registries.Units.PilotUnits;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>The filtered list as XLSX, with the import's headers (so an edited export can be imported again). No personal data.</summary>
public static class ExportPilotUnits
{
    public static async Task<FileContentHttpResult> HandleAsync(string? q, string? kind, string? level, string? status, string? region,
        NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var (where, args) = Where(new Filter(q, kind, level, status, region), me);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<Row>($"{Select} WHERE {where} ORDER BY u.region_code, u.kind, u.name, u.id LIMIT 20000", args)).Select(ToDto);
        var header = ImportPilotUnits.Columns.Select(c => c.Headers[0]).Concat(["地区名称", "最近评价", "依据来源"]).ToList();
        var bytes = SheetImport.Write(header, rows.Select(u => (IReadOnlyList<string?>)
        [
            u.Name, u.KindName, u.LevelName, u.RegionCode, u.RecognisingBody, u.DocumentNumber, UnitRules.FormatDate(u.RecognisedOn), UnitRules.FormatDate(u.ValidUntil),
            u.StatusName, u.Notes, u.RegionName, u.LastEvaluationYear is { } y ? $"{y} 年 {u.LastEvaluationResult}" : "", u.SourceTitle,
        ]));
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "试点示范单位.xlsx");
    }
}
