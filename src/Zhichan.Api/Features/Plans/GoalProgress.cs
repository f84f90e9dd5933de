namespace Zhichan.Api.Features.Plans;

/// <summary>
/// A goal's progress from the indicator values of the plan's jurisdiction (current definition version, computed or accepted
/// values only): a stock by its latest value, an increase or running total by the sum of the yearly values since the plan
/// began (ADR 0113); against the target of its year; with the publication each value was taken from, the trend of the last
/// two years, and — while there is no value — the unit that must report it. A projection by a least-squares line through the
/// yearly values and the baseline warns of a likely miss (ADR 0102).
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
        public string Measure { get; set; } = GoalMeasures.Latest;
        public string? DefUnit { get; set; }
        public bool? PerCapita { get; set; }
        public string? DefSource { get; set; }
        public string? OwnerUnit { get; set; }
    }

    private sealed class ValueRow
    {
        public string Code { get; set; } = "";
        public int Year { get; set; }
        public decimal Value { get; set; }
        public string? SourceTitle { get; set; }
        public string? SourceUrl { get; set; }
        public DateOnly? SourceDate { get; set; }
        public string? PeriodNote { get; set; }
    }

    /// <summary>Yearly values per goal, kept for the projection.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GoalDto, List<(int Year, decimal Value)>> Series = new();

    /// <summary>
    /// The goals of a plan for its jurisdiction, or — with <paramref name="district"/> — for one district of it: the district's
    /// own values against its share of each target (目标分解, plan_goal_shares); a goal not shared out says so.
    /// </summary>
    public static async Task<List<GoalDto>> LoadAsync(NpgsqlConnection conn, PlanSummaryDto plan, DateOnly today, GoalUnit? district = null)
    {
        var planId = plan.Id;
        var goals = (await conn.QueryAsync<GoalRow>("""
            SELECT g.id, g.seq, g.indicator_code, g.name, g.unit, g.baseline, g.baseline_year, g.direction, g.source_text, g.measure,
                   d.unit AS def_unit, d.per_capita, d.source AS def_source, d.owner_unit
            FROM plan_goals g LEFT JOIN indicator_definitions d ON d.code = g.indicator_code AND d.superseded_at IS NULL
            WHERE g.plan_id = @planId ORDER BY g.seq
            """, new { planId })).ToList();
        var targets = (await conn.QueryAsync<(long GoalId, int? Year, string? RegionCode, decimal Value)>("""
            SELECT t.goal_id, t.year, t.region_code, t.value FROM plan_goal_targets t JOIN plan_goals g ON g.id = t.goal_id WHERE g.plan_id = @planId ORDER BY t.year
            """, new { planId })).ToLookup(t => t.GoalId);
        var shares = district is null ? null : (await conn.QueryAsync<(long GoalId, int Year, decimal Value)>("""
            SELECT s.goal_id, s.year, s.value FROM plan_goal_shares s JOIN plan_goals g ON g.id = s.goal_id
            WHERE g.plan_id = @planId AND s.org_unit_id = @OrgUnitId ORDER BY s.year
            """, new { planId, district.OrgUnitId })).ToLookup(x => x.GoalId);
        var latestRecordYear = await conn.ExecuteScalarAsync<int?>("SELECT extract(year FROM max(application_date))::int FROM records");

        var result = new List<GoalDto>();
        foreach (var g in goals)
        {
            var ts = targets[g.Id].Select(t => new TargetDto(t.Year, t.RegionCode, t.Value)).ToList();
            var region = ts.FirstOrDefault(t => t.RegionCode is not null)?.RegionCode ?? plan.RegionCode;
            var whole = ts.Where(t => t.Year is not null).OrderBy(t => t.Year).LastOrDefault();
            if (district is not null)
            {
                region = district.RegionCode;
                ts = shares![g.Id].Select(x => new TargetDto(x.Year, district.RegionCode, x.Value)).ToList();
            }
            var compatible = g.DefUnit is not null && (g.DefUnit == g.Unit || (g.PerCapita == true && g.Unit == "件"));
            var rows = compatible ? await RegionValuesAsync(conn, g.IndicatorCode, region) : [];
            var series = rows.Select(x => (x.Year, x.Value)).ToList();
            var target = ts.Where(t => t.Year is not null).OrderBy(t => t.Year).LastOrDefault();
            var start = plan.PeriodStart?.Year;
            var inPeriod = start is { } s0 ? series.Where(x => x.Year >= s0 && (target?.Year is not { } ty || x.Year <= ty)).ToList() : series;
            var sum = g.Measure == GoalMeasures.PeriodSum;
            decimal? actual;
            int? actualYear;
            string? display = null, note, responsible = null;
            decimal? progress = null;
            if (sum)
            {
                actual = inPeriod.Count > 0 ? inPeriod.Sum(x => x.Value) : null;
                actualYear = inPeriod.Count > 0 ? inPeriod[^1].Year : null;
            }
            else
            {
                actual = series.Count > 0 ? series[^1].Value : null;
                actualYear = series.Count > 0 ? series[^1].Year : null;
            }
            var beforePeriod = !sum && actualYear is { } ay && start is { } st && ay < st;
            if (g.DefUnit is null) note = g.IndicatorCode == "custom" ? "方案自定目标，按进展报告人工评估" : "指标未在目录中";
            else if (!compatible) note = $"目标单位“{g.Unit}”与指标单位“{g.DefUnit}”口径不同（如增长率），不自动计算进度";
            else if (actual is null)
            {
                responsible = g.DefSource == "records" ? null : g.OwnerUnit ?? "知识产权局";
                note = g.DefSource == "records"
                    ? $"数据中心暂无{RegionWord(region)}{(start is { } y ? $" {y} 年以来" : "")}的数据" + (latestRecordYear is { } ly ? $"（已导入的记录截至 {ly} 年）" : "（尚未导入记录）")
                    : $"暂无公开数据，待 {responsible} 填报";
            }
            else if (target is null && district is not null)
                note = $"{actual:0.####}（{actualYear} 年）；{(whole is null ? "市级目标" : $"全市 {whole.Year} 年目标 {whole.Value:0.####} {g.Unit}")}尚未分解到本单位";
            else if (target is null) note = "目标未给出年份";
            else if (beforePeriod) note = $"最新数据为 {actualYear} 年（{actual:0.####}），早于方案期，不计算完成度";
            else
            {
                progress = g.Direction == "lower"
                    ? (actual.Value == 0 ? 1m : Math.Min(1m, target.Value / actual.Value))
                    : target.Value == 0 ? 1m : Math.Round(Math.Min(1m, actual.Value / target.Value), 4);
                var years = sum ? $"{inPeriod[0].Year}—{inPeriod[^1].Year} 年合计" : $"{actualYear} 年";
                var missing = sum && start is { } from && target.Year is { } to
                    ? Enumerable.Range(from, Math.Max(0, Math.Min(to, today.Year) - from + 1)).Where(y => inPeriod.All(x => x.Year != y)).ToList() : [];
                note = $"{years}实际 {actual:0.####}，{target.Year} 年目标 {target.Value:0.####}"
                       + (missing.Count > 0 ? $"（{string.Join("、", missing)} 年暂无数据）" : "");
            }
            if (actual is not null) display = $"{actual:0.####} {g.DefUnit}";
            var trend = series.Count >= 2 ? (series[^1].Value - series[^2].Value) switch { > 0 => "up", < 0 => "down", _ => "flat" } : null;
            var sources = rows.Where(x => x.SourceTitle is not null)
                .Select(x => new ValueSourceDto(x.SourceTitle!, x.SourceUrl, x.SourceDate, x.PeriodNote, x.Year, x.Value)).ToList();
            var dto = new GoalDto(g.Id, g.Seq, g.IndicatorCode, g.Name, g.Unit, g.Baseline, g.BaselineYear, g.Direction, g.SourceText, ts,
                actual, actualYear, display, progress, note, g.Measure, trend, sources, responsible);
            var withBaseline = series.ToList();
            if (compatible && g.Baseline is { } b && g.BaselineYear is { } by && withBaseline.All(x => x.Year != by)) withBaseline.Insert(0, (by, b));
            Series.AddOrUpdate(dto, sum ? [] : withBaseline.OrderBy(x => x.Year).ToList());
            result.Add(dto);
        }
        return result;
    }

    private static string RegionWord(string? region) => region is null ? "" : "该地区";

    private static async Task<List<ValueRow>> RegionValuesAsync(NpgsqlConnection conn, string code, string? region) =>
        region is null ? [] : (await conn.QueryAsync<ValueRow>("""
            SELECT d.code, v.year, v.value, v.source_title, v.source_url, v.source_date, v.period_note
            FROM indicator_values v JOIN indicator_definitions d ON d.id = v.definition_id
            WHERE d.superseded_at IS NULL AND d.code = @code AND v.region_code = @region AND v.value IS NOT NULL AND v.status IN ('computed', 'accepted')
            ORDER BY v.year
            """, new { code, region })).ToList();

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
