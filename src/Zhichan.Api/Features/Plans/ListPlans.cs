using static Zhichan.Api.Features.Plans.PlanQueries;

namespace Zhichan.Api.Features.Plans;

/// <summary>The work plans with their period and task and goal summaries.</summary>
public static class ListPlans
{
    public static async Task<Ok<List<PlanSummaryDto>>> HandleAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok((await conn.QueryAsync<PlanSummaryDto>(SummarySql + " ORDER BY p.seed NULLS LAST, p.id")).ToList());
    }
}
