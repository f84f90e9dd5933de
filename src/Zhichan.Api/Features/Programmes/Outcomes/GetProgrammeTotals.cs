namespace Zhichan.Api.Features.Programmes.Outcomes;

public sealed record LevelTotal(string Label, int Approved, decimal Granted);

/// <param name="Applications">Submitted applications (drafts not counted).</param>
/// <param name="Paid">Payments made (returned ones not counted).</param>
/// <param name="BudgetUsedPercent">Granted ÷ budget × 100, one decimal; null without a budget.</param>
public sealed record TotalsRow(long? Id, string Name, string? TypeName, int? Year, bool IsExample, int Applications, int Approved, int Refused,
    decimal Granted, decimal Paid, decimal? Budget, decimal? BudgetUsedPercent, IReadOnlyList<LevelTotal> Levels);

public sealed record ProgrammeTotals(int? Year, IReadOnlyList<TotalsRow> Calls, IReadOnlyList<TotalsRow> Types, TotalsRow Overall);

/// <summary>Programme totals per call and per programme type (ADR 0045): applications, approved, granted, paid, budget used; a year filters the calls.</summary>
public static class GetProgrammeTotals
{
    public static async Task<Ok<ProgrammeTotals>> HandleAsync(int? year, ZhichanDb db, CancellationToken ct) => TypedResults.Ok(await BuildAsync(db, year, ct));

    private sealed record Fact(long CallId, string Status, string? Level, decimal? Granted, decimal Paid);

    public static async Task<ProgrammeTotals> BuildAsync(ZhichanDb db, int? year, CancellationToken ct)
    {
        if (year is < 2000 or > 2100) throw new RequestValidationException("year", "年度应在 2000 至 2100 之间");
        var calls = await db.Set<ProgrammeCall>().AsNoTracking().Where(c => year == null || c.Year == year)
            .Join(db.Set<ProgrammeType>(), c => c.TypeId, t => t.Id, (c, t) => new { Call = c, Type = t }).ToListAsync(ct);
        var ids = calls.Select(c => c.Call.Id).ToList();
        var paid = await db.Set<ProgrammePayment>().Where(p => p.Status == PaymentStatuses.Paid)
            .GroupBy(p => p.ApplicationId).Select(g => new { g.Key, Sum = g.Sum(p => p.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var facts = (await db.Set<ProgrammeApplication>().AsNoTracking().Where(a => ids.Contains(a.CallId) && a.Status != ApplicationStates.Draft)
            .Select(a => new { a.Id, a.CallId, a.Status, a.Level, a.AmountGranted }).ToListAsync(ct))
            .Select(a => new Fact(a.CallId, a.Status, a.Level, a.AmountGranted, paid.GetValueOrDefault(a.Id))).ToList();
        var labels = calls.ToDictionary(c => c.Call.Id, c => c.Type.Parsed().Levels.ToDictionary(l => l.Key, l => l.Label));

        TotalsRow Row(long? id, string name, string? typeName, int? y, bool example, IEnumerable<long> callIds, decimal? budget)
        {
            var set = callIds.ToHashSet();
            var fs = facts.Where(f => set.Contains(f.CallId)).ToList();
            var approved = fs.Where(f => f.Status == ApplicationStates.Approved).ToList();
            var granted = approved.Sum(f => f.Granted ?? 0);
            var levels = approved.GroupBy(f => f.Level is null ? "—" : labels[f.CallId].GetValueOrDefault(f.Level, f.Level))
                .Select(g => new LevelTotal(g.Key, g.Count(), g.Sum(f => f.Granted ?? 0))).OrderByDescending(l => l.Granted).ThenBy(l => l.Label).ToList();
            return new TotalsRow(id, name, typeName, y, example, fs.Count, approved.Count, fs.Count(f => f.Status == ApplicationStates.Refused), granted,
                approved.Sum(f => f.Paid), budget, budget is > 0 ? Math.Round(granted / budget.Value * 100, 1) : null, levels);
        }

        var perCall = calls.OrderByDescending(c => c.Call.Year).ThenBy(c => c.Type.Name).ThenBy(c => c.Call.Id)
            .Select(c => Row(c.Call.Id, c.Call.Title, c.Type.Name, c.Call.Year, c.Call.IsExample, [c.Call.Id], c.Call.Budget)).ToList();
        var perType = calls.GroupBy(c => c.Type.Id).OrderBy(g => g.First().Type.Name)
            .Select(g => Row(g.Key, g.First().Type.Name, null, year, g.All(c => c.Call.IsExample), g.Select(c => c.Call.Id),
                g.Any(c => c.Call.Budget is not null) ? g.Sum(c => c.Call.Budget ?? 0) : null)).ToList();
        var overall = Row(null, "合计", null, year, false, ids, calls.Any(c => c.Call.Budget is not null) ? calls.Sum(c => c.Call.Budget ?? 0) : null);
        return new ProgrammeTotals(year, perCall, perType, overall);
    }
}
