using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Zhichan.Api.Features.Plans.Assessments;

/// <summary>Reading a scheme with its items, scores and ranking as the caller may see it; writing the XLSX export.</summary>
public static class AssessmentQueries
{
    internal sealed record Scheme(long Id, long PlanId, int Year, string TargetKind, string Status, DateTime? PublishedAt, string? RegionCode, DateTime? PublicAt);

    internal static async Task<Scheme> SchemeAsync(NpgsqlConnection conn, long schemeId, NpgsqlTransaction? tx = null) =>
        await conn.QuerySingleOrDefaultAsync<Scheme>("""
            SELECT s.id, s.plan_id, s.year, s.target_kind, s.status, s.published_at, p.region_code, s.public_at
            FROM assessment_schemes s JOIN plans p ON p.id = s.plan_id WHERE s.id = @schemeId
            """, new { schemeId }, tx) ?? throw new DomainException("考核不存在", 404);

    /// <summary>
    /// The units assessed: the districts within the plan's jurisdiction, the departments named by the plan, or the scheme's custom
    /// units (their code stands as region code: their indicator values are stored under it).
    /// </summary>
    internal static async Task<List<(long Id, string Name, string? RegionCode)>> UnitsAsync(NpgsqlConnection conn, Scheme s, NpgsqlTransaction? tx = null) =>
        (s.TargetKind == "custom"
            ? await conn.QueryAsync<(long, string, string?)>("""
                SELECT c.id, c.name, c.code FROM assessment_scheme_units su JOIN custom_units c ON c.id = su.custom_unit_id WHERE su.scheme_id = @Id ORDER BY c.code
                """, new { s.Id }, tx)
            : s.TargetKind == "district"
            ? await conn.QueryAsync<(long, string, string?)>("""
                SELECT id, name, region_code FROM org_units WHERE kind = 'district' AND is_active AND region_code IS NOT NULL AND @region IS NOT NULL
                  AND region_code <> @region AND region_code LIKE (CASE WHEN @region LIKE '%0000' THEN substr(@region, 1, 2) WHEN @region LIKE '%00' THEN substr(@region, 1, 4) ELSE @region END) || '%'
                ORDER BY region_code
                """, new { region = s.RegionCode }, tx)
            : await conn.QueryAsync<(long, string, string?)>("""
                SELECT DISTINCT o.id, o.name, o.region_code FROM plan_units u JOIN org_units o ON o.id = u.org_unit_id
                WHERE u.plan_id = @PlanId AND o.kind = 'department' ORDER BY o.id
                """, new { s.PlanId }, tx)).ToList();

    /// <summary>
    /// The scheme as the caller sees it; <paramref name="publicView"/> is the portal's view (ADR 0060): public results only (404
    /// otherwise), every unit's row, whoever asks.
    /// </summary>
    internal static async Task<AssessmentDto> LoadAsync(NpgsqlConnection conn, long schemeId, CurrentUser me, bool publicView = false)
    {
        var s = await SchemeAsync(conn, schemeId);
        if (publicView && s.PublicAt is null) throw new DomainException("考核结果未向社会公开", 404);
        if (!me.IsStaff && !publicView && s.Status != "published") throw new DomainException("考核结果尚未发布", 404);
        var items = (await conn.QueryAsync<AssessmentItemDto>("SELECT id, seq, name, kind, weight, indicator_code, rule FROM assessment_items WHERE scheme_id = @schemeId ORDER BY seq",
            new { schemeId })).ToList();
        var scores = (await conn.QueryAsync<AssessmentScoreDto>("""
            SELECT sc.item_id, COALESCE(sc.org_unit_id, sc.custom_unit_id) AS org_unit_id, sc.score, sc.automatic, sc.reason, sc.scored_at
            FROM assessment_scores sc JOIN assessment_items i ON i.id = sc.item_id
            WHERE i.scheme_id = @schemeId
            """, new { schemeId })).ToLookup(x => x.OrgUnitId);
        var members = s.TargetKind == "custom"
            ? (await Indicators.CustomUnits.LoadAsync(conn)).ToDictionary(x => x.Code, x => x.MemberCodes)
            : [];
        var units = await UnitsAsync(conn, s);
        var ranking = units.Select(u =>
            {
                var own = items.Select(i => scores[u.Id].FirstOrDefault(x => x.ItemId == i.Id)
                                            ?? new AssessmentScoreDto(i.Id, u.Id, null, false, "待评分", DateTime.MinValue)).ToList();
                return (u, own, total: own.Sum(x => x.Score ?? 0), unscored: own.Count(x => x.Score is null));
            })
            .OrderByDescending(x => x.total).ThenBy(x => x.u.RegionCode).ToList();
        var rows = new List<RankingRowDto>();
        for (var i = 0; i < ranking.Count; i++)
        {
            var rank = i > 0 && ranking[i].total == ranking[i - 1].total ? rows[i - 1].Rank : i + 1;
            rows.Add(new RankingRowDto(rank, ranking[i].u.Id, ranking[i].u.Name, ranking[i].u.RegionCode, Math.Round(ranking[i].total, 2), ranking[i].unscored, ranking[i].own,
                ranking[i].u.RegionCode is { } code ? members.GetValueOrDefault(code) : null));
        }
        // a district or department sees its own row and rank only (custom units: a district sees the units its region belongs to)
        if (!me.IsStaff && !publicView)
            rows = s.TargetKind == "custom"
                ? rows.Where(r => me.RegionCode is { } rc && r.MemberCodes is { } m && m.Contains(rc)).ToList()
                : rows.Where(r => r.OrgUnitId == me.OrgUnitId).ToList();
        var weight = items.Where(i => i.Kind != "penalty").Sum(i => i.Weight);
        return new AssessmentDto(new AssessmentSummaryDto(s.Id, s.PlanId, s.Year, s.TargetKind, s.Status, s.PublishedAt, weight, s.PublicAt), items, rows);
    }

    /// <summary>An XLSX with several sheets; numbers are written as numbers, everything else as inline strings.</summary>
    public static void WriteWorkbook(Stream output, IReadOnlyList<(string Name, List<IReadOnlyList<object?>> Rows)> sheets)
    {
        using var doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var wb = doc.AddWorkbookPart();
        wb.Workbook = new Workbook();
        var list = new Sheets();
        uint n = 0;
        foreach (var (name, rows) in sheets)
        {
            var ws = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var r in rows)
            {
                var row = new Row();
                foreach (var c in r)
                    row.Append(c switch
                    {
                        null => new Cell(),
                        int or long or decimal or double => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture)!) },
                        _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(c.ToString() ?? "")) },
                    });
                data.Append(row);
            }
            ws.Worksheet = new Worksheet(data);
            list.Append(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = ++n, Name = name });
        }
        wb.Workbook.Append(list);
        wb.Workbook.Save();
    }
}
