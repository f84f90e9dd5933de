namespace Zhichan.Api.Features.Plans;

/// <param name="Share">The district's part of the year's target; null while the goal is not shared out to it.</param>
/// <param name="Actual">The district's own value by the goal's measure (latest value up to the year, or the sum since the plan began).</param>
public sealed record GoalShareDto(long OrgUnitId, string Name, string? RegionCode, decimal? Share, decimal? Actual, string ActualDisplay, decimal? Progress);

/// <param name="Target">The jurisdiction's own target of the year, when the plan gives one.</param>
/// <param name="SharedTotal">The sum of the districts' shares: the bureau sees at once what is left unassigned.</param>
public sealed record GoalSharesDto(long GoalId, string Name, string Unit, string Measure, int Year, decimal? Target, decimal SharedTotal,
    IReadOnlyList<GoalShareDto> Units);

/// <summary>目标分解: the districts of a plan's jurisdiction with their share of a goal's target and their own value (ADR 0113).</summary>
internal static class GoalShareQueries
{
    internal sealed record Goal(long Id, long PlanId, string Name, string Unit, string Measure, string IndicatorCode, string? RegionCode, DateOnly? PeriodStart);

    internal static async Task<Goal> GoalAsync(NpgsqlConnection conn, long goalId, NpgsqlTransaction? tx = null) =>
        await conn.QuerySingleOrDefaultAsync<Goal>("""
            SELECT g.id, g.plan_id, g.name, g.unit, g.measure, g.indicator_code, p.region_code, p.period_start
            FROM plan_goals g JOIN plans p ON p.id = g.plan_id WHERE g.id = @goalId
            """, new { goalId }, tx) ?? throw new DomainException("目标不存在", 404);

    /// <summary>The active districts inside the plan's jurisdiction (the units a goal can be shared out to).</summary>
    internal static async Task<List<(long Id, string Name, string? RegionCode)>> DistrictsAsync(NpgsqlConnection conn, Goal goal, NpgsqlTransaction? tx = null) =>
        goal.RegionCode is not { Length: 6 } region ? [] : (await conn.QueryAsync<(long Id, string Name, string? RegionCode)>("""
            SELECT id, name, region_code FROM org_units WHERE kind = 'district' AND is_active AND region_code LIKE @prefix || '%' AND region_code <> @region
            ORDER BY region_code, id
            """, new { prefix = CurrentUser.SignificantPrefix(region), region }, tx)).ToList();

    internal static async Task<GoalSharesDto> LoadAsync(NpgsqlConnection conn, Goal goal, int year)
    {
        var districts = await DistrictsAsync(conn, goal);
        var shares = (await conn.QueryAsync<(long OrgUnitId, decimal Value)>(
            "SELECT org_unit_id, value FROM plan_goal_shares WHERE goal_id = @Id AND year = @year", new { goal.Id, year })).ToDictionary(x => x.OrgUnitId, x => x.Value);
        var target = await conn.ExecuteScalarAsync<decimal?>(
            "SELECT value FROM plan_goal_targets WHERE goal_id = @Id AND year = @year ORDER BY region_code NULLS FIRST LIMIT 1", new { goal.Id, year });
        var regions = districts.Where(d => d.RegionCode is not null).Select(d => d.RegionCode!).ToArray();
        var from = goal.Measure == GoalMeasures.PeriodSum ? goal.PeriodStart?.Year ?? year : 0;
        // the district's value by the goal's measure: the sum of the years since the plan began, or the latest value up to the year
        var values = (await conn.QueryAsync<(string Region, decimal? Value, int? Year)>("""
            SELECT v.region_code,
                   CASE WHEN @sum THEN sum(v.value) ELSE (array_agg(v.value ORDER BY v.year DESC))[1] END,
                   max(v.year)
            FROM indicator_values v JOIN indicator_definitions d ON d.id = v.definition_id
            WHERE d.code = @IndicatorCode AND d.superseded_at IS NULL AND v.region_code = ANY(@regions) AND v.value IS NOT NULL
              AND v.status IN ('computed', 'accepted') AND v.year <= @year AND v.year >= @from
            GROUP BY v.region_code
            """, new { sum = goal.Measure == GoalMeasures.PeriodSum, goal.IndicatorCode, regions, year, from })).ToDictionary(x => x.Region);
        var units = districts.Select(d =>
        {
            var share = shares.TryGetValue(d.Id, out var s) ? s : (decimal?)null;
            var v = d.RegionCode is not null && values.TryGetValue(d.RegionCode, out var x) ? x : default;
            var display = v.Value is { } a ? (goal.Measure == GoalMeasures.PeriodSum ? $"{a:0.####}（{from}—{v.Year} 年合计）" : $"{a:0.####}（{v.Year} 年）") : "暂无数据";
            var progress = share is > 0 && v.Value is { } av ? Math.Round(Math.Min(1m, av / share.Value), 4) : (decimal?)null;
            return new GoalShareDto(d.Id, d.Name, d.RegionCode, share, v.Value, display, progress);
        }).ToList();
        return new GoalSharesDto(goal.Id, goal.Name, goal.Unit, goal.Measure, year, target, shares.Values.Sum(), units);
    }
}
