namespace Zhichan.Api.Features.Programmes;

/// <summary>
/// The programme types with their calls — the portal's list too: anonymous callers and applicants see the active types and the
/// calls that are announced (open); the bureau sees every type and every call with its number of applications.
/// </summary>
public static class ListProgrammes
{
    public static async Task<Ok<IReadOnlyList<ProgrammeSummary>>> HandleAsync(ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var types = await db.Set<ProgrammeType>().AsNoTracking().Where(t => me.IsStaff || t.IsActive).OrderBy(t => t.Id).ToListAsync(ct);
        var calls = await db.Set<ProgrammeCall>().AsNoTracking().Where(c => me.IsStaff ? c.Status != "cancelled" : c.Status == "open")
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.ApplyFrom).ThenBy(c => c.Id).ToListAsync(ct);
        var counts = me.IsStaff
            ? await db.Set<ProgrammeApplication>().AsNoTracking().Where(a => a.Status != ApplicationStates.Draft).GroupBy(a => a.CallId)
                .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct)
            : null;
        var regions = await ProgrammeViews.RegionNamesAsync(db, calls.Select(c => c.RegionCode), ct);
        var today = ChinaTime.Today(clock);
        return TypedResults.Ok<IReadOnlyList<ProgrammeSummary>>(types.Select(t => ProgrammeViews.Summary(t, calls.Where(c => c.TypeId == t.Id)
            .Select(c => ProgrammeViews.Call(c, t, regions, today, counts is null ? null : counts.GetValueOrDefault(c.Id))).ToList())).ToList());
    }
}
