namespace Zhichan.Api.Features.Plans;

/// <summary>目标分解 of one goal and year: each district's share of the target and its own value so far.</summary>
public static class ListGoalShares
{
    public static async Task<Ok<GoalSharesDto>> HandleAsync(long goalId, int? year, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var goal = await GoalShareQueries.GoalAsync(conn, goalId);
        var y = year ?? await conn.ExecuteScalarAsync<int?>("SELECT max(year) FROM plan_goal_targets WHERE goal_id = @goalId", new { goalId }) ?? ChinaTime.Today(clock).Year;
        return TypedResults.Ok(await GoalShareQueries.LoadAsync(conn, goal, y));
    }
}
