namespace Zhichan.Api.Features.Plans;

/// <summary>
/// A goal's progress from the indicator values of the plan's jurisdiction (current definition version): the latest value
/// against the target of its year, and a projection by a least-squares line through the yearly values and the baseline (ADR 0102).
/// </summary>
public static class GoalProgress
{
    private sealed class GoalRow
    {
        public long Id { get; set; }
        public int Seq { get; set; }
        public string IndicatorCode { get; set; } = "";
        public string Name { get; set; } = "";
        public string Unit { get; set; } = "";
        public decimal? Baseline { get; set; }
        public int? BaselineYear { get; set; }
        public string Direction { get; set; } = "higher";
        public string? SourceText { get; set; }
        public string? DefUnit { get; set; }
        public bool? PerCapita { get; set; }
    }

    /// <summary>Yearly values per goal, kept for the projection.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GoalDto, List<(int Year, decimal Value)>> Series = new();

    public static async Task<List<GoalDto>> LoadAsync(NpgsqlConnection conn, long planId, string? planRegion, int? periodStartYear = null)
    {
        var goals = (await conn.QueryAsync<GoalRow>("""
            SELECT g.id, g.seq, g.indicator_code, g.name, g.unit, g.baseline, g.baseline_year, g.direction, g.source_text, d.unit AS def_unit, d.per_capita
            FROM plan_goals g LEFT JOIN indicator_definitions d ON d.code = g.indicator_code AND d.superseded_at IS NULL
            WHERE g.plan_id = @planId ORDER BY g.seq
            """, new { planId })).ToList();
        var targets = (await conn.QueryAsync<(long GoalId, int? Year, string? RegionCode, decimal Value)>("""
            SELECT t.goal_id, t.year, t.region_code, t.value FROM plan_goal_targets t JOIN plan_goals g ON g.id = t.goal_id WHERE g.plan_id = @planId ORDER BY t.year
            """, new { planId })).ToLookup(t => t.GoalId);
        var codes = goals.Where(g => g.DefUnit is not null).Select(g => g.IndicatorCode).Distinct().ToArray();
        var values = planRegion is null ? [] : (await conn.QueryAsync<(string Code, string Region, int Year, decimal Value)>("""
            SELECT d.code, v.region_code, v.year, v.value FROM indicator_values v JOIN indicator_definitions d ON d.id = v.definition_id
            WHERE d.superseded_at IS NULL AND d.code = ANY(@codes) AND v.value IS NOT NULL AND v.status IN ('computed','accepted')
            ORDER BY v.year
            """, new { codes })).ToList();

        var result = new List<GoalDto>();
        foreach (var g in goals)
        {
            var ts = targets[g.Id].Select(t => new TargetDto(t.Year, t.RegionCode, t.Value)).ToList();
            var region = ts.FirstOrDefault(t => t.RegionCode is not null)?.RegionCode ?? planRegion;
            var compatible = g.DefUnit is not null && (g.DefUnit == g.Unit || (g.PerCapita == true && g.Unit == "件"));
            var series = compatible ? values.Where(x => x.Code == g.IndicatorCode && x.Region == region).Select(x => (x.Year, x.Value)).ToList() : [];
            var target = ts.Where(t => t.Year is not null).OrderBy(t => t.Year).LastOrDefault();
            var latest = series.Count > 0 ? series[^1] : ((int Year, decimal Value)?)null;
            var beforePeriod = latest is { } l && periodStartYear is { } start && l.Year < start;
            string note;
            decimal? progress = null;
            if (g.DefUnit is null) note = g.IndicatorCode == "custom" ? "方案自定目标，按进展报告人工评估" : "指标未在目录中";
            else if (!compatible) note = $"目标单位“{g.Unit}”与指标单位“{g.DefUnit}”口径不同（如增长率），不自动计算进度";
            else if (latest is null) note = "暂无该地区的指标数值（无数据/待填报）";
            else if (target is null) note = "目标未给出年份";
            else if (beforePeriod) note = $"最新数据为 {latest!.Value.Year} 年（{latest.Value.Value:0.####}），早于方案期，不计算完成度";
            else
            {
                progress = g.Direction == "lower"
                    ? (latest.Value.Value == 0 ? 1m : Math.Min(1m, target.Value / latest.Value.Value))
                    : target.Value == 0 ? 1m : Math.Round(Math.Min(1m, latest.Value.Value / target.Value), 4);
                note = $"{latest.Value.Year} 年实际 {latest.Value.Value:0.####}，{target.Year} 年目标 {target.Value:0.####}";
            }
            var dto = new GoalDto(g.Id, g.Seq, g.IndicatorCode, g.Name, g.Unit, g.Baseline, g.BaselineYear, g.Direction, g.SourceText, ts,
                latest?.Value, latest?.Year, latest is null ? null : $"{latest.Value.Value:0.####} {g.DefUnit}", progress, note);
            var withBaseline = series.ToList();
            if (compatible && g.Baseline is { } b && g.BaselineYear is { } by && withBaseline.All(x => x.Year != by)) withBaseline.Insert(0, (by, b));
            Series.AddOrUpdate(dto, withBaseline.OrderBy(x => x.Year).ToList());
            result.Add(dto);
        }
        return result;
    }

    /// <summary>A warning text when the trend of the yearly values misses the last target; null when on track or too few values.</summary>
    public static string? Projection(GoalDto g)
    {
        if (!Series.TryGetValue(g, out var s) || s.Count < 2) return null;
        var target = g.Targets.Where(t => t.Year is not null).OrderBy(t => t.Year).LastOrDefault();
        if (target?.Year is not { } ty || ty < s[^1].Year) return null;
        double n = s.Count, sx = s.Sum(x => (double)x.Year), sy = s.Sum(x => (double)x.Value);
        double sxx = s.Sum(x => (double)x.Year * x.Year), sxy = s.Sum(x => (double)x.Year * (double)x.Value);
        var denom = n * sxx - sx * sx;
        if (denom == 0) return null;
        var slope = (n * sxy - sx * sy) / denom;
        var intercept = (sy - slope * sx) / n;
        var projected = (decimal)(intercept + slope * ty);
        var miss = g.Direction == "lower" ? projected > target.Value : projected < target.Value;
        return miss
            ? $"按 {s[0].Year}—{s[^1].Year} 年趋势（年均变化 {slope:0.##}），预计 {ty} 年为 {projected:0.##} {g.Unit}，未达目标 {target.Value:0.##} {g.Unit}"
            : null;
    }
}
