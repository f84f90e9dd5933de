using static Zhichan.Api.Features.Plans.PlanQueries;

namespace Zhichan.Api.Features.Plans;

/// <summary>
/// The work plans with their period, state and task and goal summaries: the caller's own jurisdiction first (the plans it
/// works to), then the reference plans of other jurisdictions; within each, plans in force before ended ones (ADR 0113).
/// </summary>
public static class ListPlans
{
    public static async Task<Ok<List<PlanSummaryDto>>> HandleAsync(NpgsqlDataSource db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var plans = await SummariesAsync(conn, me, ChinaTime.Today(clock));
        return TypedResults.Ok(plans.OrderByDescending(p => p.OwnJurisdiction).ThenBy(p => p.Status == PlanStatuses.Ended)
            .ThenBy(p => p.Seed ?? "~", StringComparer.Ordinal).ThenBy(p => p.Id).ToList());
    }
}
