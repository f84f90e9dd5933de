namespace Zhichan.Api.Features.Plans;

/// <param name="Value">The district's part of the target; null removes its share.</param>
public sealed record GoalShareItem(long OrgUnitId, decimal? Value);

public sealed record GoalSharesRequest(int? Year, IReadOnlyList<GoalShareItem>? Shares);

/// <summary>The bureau shares a goal's target of a year out among the districts (目标分解); the districts' homes then measure them against it.</summary>
public static class SetGoalShares
{
    public static async Task<Ok<GoalSharesDto>> HandleAsync(long goalId, GoalSharesRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        if (req.Year is not (>= 1990 and <= 2100)) v.Add("year", "请填写分解目标的年份");
        if (req.Shares is not { Count: > 0 }) v.Add("shares", "请至少填写一个县区的分解目标");
        else if (req.Shares.Any(s => s.Value < 0)) v.Add("shares", "分解目标不能为负数");
        else if (req.Shares.GroupBy(s => s.OrgUnitId).Any(g => g.Count() > 1)) v.Add("shares", "同一县区只能填写一个分解目标");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var goal = await GoalShareQueries.GoalAsync(conn, goalId, tx);
        var districts = (await GoalShareQueries.DistrictsAsync(conn, goal, tx)).ToDictionary(d => d.Id);
        var outside = req.Shares!.Where(s => !districts.ContainsKey(s.OrgUnitId)).Select(s => s.OrgUnitId).ToList();
        if (outside.Count > 0) throw new RequestValidationException("shares", $"单位 {string.Join("、", outside)} 不是本方案辖区内的县区");
        var before = (await conn.QueryAsync<(long OrgUnitId, decimal Value)>(
            "SELECT org_unit_id, value FROM plan_goal_shares WHERE goal_id = @goalId AND year = @Year", new { goalId, req.Year }, tx)).ToList();
        foreach (var s in req.Shares!)
        {
            if (s.Value is { } value)
                await conn.ExecuteAsync("""
                    INSERT INTO plan_goal_shares (goal_id, org_unit_id, year, value, set_by) VALUES (@goalId, @OrgUnitId, @Year, @value, @me)
                    ON CONFLICT (goal_id, org_unit_id, year) DO UPDATE SET value = EXCLUDED.value, set_by = EXCLUDED.set_by, set_at = now()
                    """, new { goalId, s.OrgUnitId, req.Year, value, me = me.Id }, tx);
            else
                await conn.ExecuteAsync("DELETE FROM plan_goal_shares WHERE goal_id = @goalId AND org_unit_id = @OrgUnitId AND year = @Year",
                    new { goalId, s.OrgUnitId, req.Year }, tx);
        }
        await AuditLog.WriteAsync(conn, tx, me, "update", "plan_goal_shares", goalId.ToString(), new { req.Year, shares = before },
            new { req.Year, req.Shares }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await GoalShareQueries.LoadAsync(conn, goal, req.Year!.Value));
    }
}
