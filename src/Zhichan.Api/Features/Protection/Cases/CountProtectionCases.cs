namespace Zhichan.Api.Features.Protection.Cases;

/// <summary>How many cases each queue holds for the caller (the tab counts of the case list).</summary>
public sealed record CaseQueueCounts(int All, int Pending, int Active, int DueSoon, int Overdue, int Closed);

/// <summary>The number of visible cases in each queue: 全部, 待受理, 办理中, 临期, 超期, 已办结.</summary>
public static class CountProtectionCases
{
    public static async Task<Ok<CaseQueueCounts>> HandleAsync(ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var visible = CaseQueries.Visible(db, me).AsNoTracking();
        var open = await ListProtectionCases.InQueue(visible, "due_soon").ToListAsync(ct);
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var today = Deadlines.Today(clock);
        var countdowns = open.Select(c => CaseQueries.CurrentCountdown(c, cal, today)).ToList();
        return TypedResults.Ok(new CaseQueueCounts(
            await visible.CountAsync(ct),
            open.Count(c => c.Status == CaseStatus.Registered),
            open.Count(c => c.Status != CaseStatus.Registered),
            countdowns.Count(c => c is { DueSoon: true }),
            countdowns.Count(c => c is { Overdue: true }),
            await ListProtectionCases.InQueue(visible, "closed").CountAsync(ct)));
    }
}
