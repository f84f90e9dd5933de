using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>The list as an Excel workbook (same filters and row filter as the list; at most 20,000 rows).</summary>
public static class ExportLicenceFilings
{
    public static async Task<FileContentHttpResult> HandleAsync(string? state, string? kind, string? region, int? year, bool? overdue, string? q,
        ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var query = ListLicenceFilings.Filter(db, me, kind, region, year, q);
        var today = ChinaTime.Today(clock);
        if (state is not null) query = query.Where(f => f.State == state);
        if (overdue == true) query = query.Where(f => f.State == FilingStates.Accepted && f.DecisionDue < today);
        var filings = await query.OrderBy(f => f.Id).Take(SheetImport.MaxRows).AsNoTracking().ToListAsync(ct);
        var rows = await FilingQueries.RowsAsync(db, filings, clock, ct);
        var byId = filings.ToDictionary(f => f.Id);
        var rights = (await db.Set<LicenceFilingRight>().AsNoTracking().Where(r => byId.Keys.Contains(r.FilingId)).OrderBy(r => r.Seq).ToListAsync(ct)).ToLookup(r => r.FilingId);
        var bytes = SheetImport.Write(FilingSheet.Columns.Select(c => c.Headers[0]).Append("状态").Append("逾期提交").ToList(), rows.Select(r =>
        {
            var f = byId[r.Id];
            return (IReadOnlyList<string?>)
            [
                r.KindName, r.Givers, r.Takers, Numbers(rights[r.Id], "patent"), Numbers(rights[r.Id], "trademark"), r.LicenceTypeName, f.Territory, D(f.TermFrom), D(f.TermTo),
                f.FeeBasis is null ? null : FilingRules.FeeBases[f.FeeBasis], f.Amount?.ToString("0.##"), f.RoyaltyRate?.ToString("0.####"), D(f.ContractDate),
                D(f.EffectiveDate), r.RegionName ?? r.RegionCode, f.FilingNumber, D(f.ApprovedOn), null, null, r.StateName, r.SubmittedLate ? "是" : "否",
            ];
        }));
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"许可转让备案-{today:yyyyMMdd}.xlsx");
    }

    private static string Numbers(IEnumerable<LicenceFilingRight> rights, string kind) => string.Join("、", rights.Where(x => x.Kind == kind).Select(x => x.Number));

    private static string? D(DateOnly? d) => d?.ToString("yyyy-MM-dd");
}
