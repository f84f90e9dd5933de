using Zhichan.Api.Features.Indicators;

namespace Zhichan.Api.Features.Protection;

/// <summary>
/// 案件平均办理时长 from the case pipeline, by the catalogue's rule: the mean number of working days (official calendar, ADR 0200;
/// the acceptance day not counted) from acceptance to closure of the cases closed in the year, by the case's region at each level.
/// </summary>
public sealed class CaseDurationIndicator : IModuleIndicator
{
    public string Code => "case_avg_duration";

    private sealed record Closed(long Id, string ReceiptNumber, string Type, string RegionCode, DateOnly AcceptedOn, DateOnly ClosedOn);

    private static async Task<(List<Closed> Cases, WorkCalendar Calendar)> LoadAsync(NpgsqlConnection conn, string? prefix, int? year, CancellationToken ct)
    {
        var cases = (await conn.QueryAsync<Closed>(new CommandDefinition("""
            SELECT id, receipt_number, type, region_code, accepted_on, closed_on FROM complaints
            WHERE merged_into_id IS NULL AND status = 'closed' AND accepted_on IS NOT NULL AND closed_on IS NOT NULL AND region_code ~ '^[0-9]{6}$'
              AND (@prefix::text IS NULL OR region_code LIKE @prefix || '%') AND (@year::int IS NULL OR extract(year FROM closed_on) = @year)
            ORDER BY closed_on, id
            """, new { prefix, year }, cancellationToken: ct))).ToList();
        var days = await conn.QueryAsync<(DateOnly Day, string Kind)>(new CommandDefinition("SELECT day, kind FROM ref_workday_calendar", cancellationToken: ct));
        return (cases, new WorkCalendar(days.ToDictionary(d => d.Day, d => d.Kind)));
    }

    public async Task<IReadOnlyList<ModuleIndicatorValue>> ComputeAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var (cases, cal) = await LoadAsync(conn, null, null, ct);
        return cases
            .SelectMany(c => new[] { c.RegionCode, c.RegionCode[..4] + "00", c.RegionCode[..2] + "0000" }.Distinct()
                .Select(code => (code, c.ClosedOn.Year, days: cal.WorkingDaysBetween(c.AcceptedOn, c.ClosedOn))))
            .GroupBy(x => (x.code, x.Year))
            .Select(g => new ModuleIndicatorValue(g.Key.code, g.Key.Year, Math.Round((decimal)g.Average(x => x.days), 1), $"当年结案 {g.Count()} 件的平均值"))
            .ToList();
    }

    public async Task<ModuleIndicatorRows> RowsAsync(NpgsqlConnection conn, string regionCode, int year, int offset, int limit, CancellationToken ct)
    {
        var (cases, cal) = await LoadAsync(conn, CurrentUser.SignificantPrefix(regionCode), year, ct);
        return new ModuleIndicatorRows(cases.Count, cases.Skip(offset).Take(limit).Select(c => new ModuleIndicatorRow("案件", c.Id,
            $"{c.ReceiptNumber} {ComplaintTypes.Labels.GetValueOrDefault(c.Type, "案件")}",
            $"受理 {c.AcceptedOn:yyyy-MM-dd} 至结案 {c.ClosedOn:yyyy-MM-dd}，{cal.WorkingDaysBetween(c.AcceptedOn, c.ClosedOn)} 个工作日", c.ClosedOn,
            $"/protection/cases/{c.Id}")).ToList());
    }
}
