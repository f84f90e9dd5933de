using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentQueries;
using static Zhichan.Api.Features.Plans.PlanQueries;

namespace Zhichan.Api.Features.Plans.Assessments;

/// <summary>
/// Yearly assessment (考核) of a plan's districts or departments (ADR 0103): weighted items scored automatically from
/// indicator values and task reports where the data allows, by the bureau with a reason otherwise; ranking; publish locks it.
/// </summary>
public static class AssessmentScoring
{
    public static readonly string[] Kinds = ["indicator", "tasks", "bonus", "penalty", "manual"];

    public static readonly string[] TargetKinds = ["district", "department", "custom"];

    public static string TargetKindName(string kind) => kind switch { "district" => "县区", "department" => "成员单位", _ => "自定义考核单元" };

    /// <summary>The score column of the scheme's kind: org units, or custom units (ADR 0105).</summary>
    internal static string ScoreColumn(string targetKind) => targetKind == "custom" ? "custom_unit_id" : "org_unit_id";

    public static AssessmentItemRequest[] DefaultItems(string targetKind) => targetKind == "custom"
        ?
        [
            new("发明专利申请量", "indicator", 40, "invention_applications", "有该单元目标的按完成率计分（实际 ÷ 目标，最高满分）；无目标的按相对水平计分（本单元数值 ÷ 参评单元最高值 × 分值）。单元数值按成员地区合并计算，同一记录只计一次。"),
            new("发明专利授权量", "indicator", 40, "invention_grants", "同上。"),
            new("加分项", "bonus", 20, null, "由知识产权局依据材料评分并写明理由。"),
            new("扣分项", "penalty", 10, null, "由知识产权局扣分并写明理由（分值为负）。"),
        ]
        : targetKind == "district"
        ?
        [
            new("发明专利申请量", "indicator", 30, "invention_applications", "有分地区目标的按完成率计分（实际 ÷ 目标，最高满分）；无分地区目标的按相对水平计分（本地区数值 ÷ 参评地区最高值 × 分值）；无数据的不自动计分，由知识产权局人工评分。"),
            new("发明专利授权量", "indicator", 30, "invention_grants", "同上。"),
            new("重点任务完成情况", "tasks", 30, null, "本单位承担（牵头、配合或各县区共同承担）的任务，按当年已审核通过的进展报告中本单位报告的最高完成进度平均计分；任务已过期限仍未完成的，该项进度按 80% 折算。"),
            new("加分项", "bonus", 10, null, "获国家/省级表彰、试点示范等，由知识产权局依据材料评分并写明理由。"),
            new("扣分项", "penalty", 10, null, "发生重大知识产权侵权事件、督查通报批评等，由知识产权局扣分并写明理由（分值为负）。"),
        ]
        :
        [
            new("重点任务完成情况", "tasks", 90, null, "牵头和配合任务按当年已审核通过的进展报告的最高完成进度平均计分；逾期未完成的按 80% 折算。"),
            new("加分项", "bonus", 10, null, "由知识产权局依据材料评分并写明理由。"),
            new("扣分项", "penalty", 10, null, "由知识产权局扣分并写明理由（分值为负）。"),
        ];

    internal static async Task<Dictionary<long, (decimal? Score, string Reason)>> IndicatorScoresAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Scheme s,
        AssessmentItemDto item, List<(long Id, string Name, string? RegionCode)> units)
    {
        var regions = units.Where(u => u.RegionCode is not null).Select(u => u.RegionCode!).ToArray();
        var def = await conn.QuerySingleAsync<(string Name, string Unit, string Direction)>(
            "SELECT name, unit, direction FROM indicator_definitions WHERE code = @IndicatorCode AND superseded_at IS NULL", new { item.IndicatorCode }, tx);
        var values = (await conn.QueryAsync<(string Region, decimal Value)>("""
            SELECT v.region_code, v.value FROM indicator_values v JOIN indicator_definitions d ON d.id = v.definition_id
            WHERE d.code = @IndicatorCode AND d.superseded_at IS NULL AND v.year = @Year AND v.region_code = ANY(@regions) AND v.value IS NOT NULL AND v.status IN ('computed','accepted')
            """, new { item.IndicatorCode, s.Year, regions }, tx)).ToDictionary(x => x.Region, x => x.Value);
        var targets = (await conn.QueryAsync<(string Region, decimal Value)>("""
            SELECT t.region_code, t.value FROM plan_goal_targets t JOIN plan_goals g ON g.id = t.goal_id
            WHERE g.plan_id = @PlanId AND g.indicator_code = @IndicatorCode AND t.year = @Year AND t.region_code = ANY(@regions)
            """, new { s.PlanId, item.IndicatorCode, s.Year, regions }, tx)).ToDictionary(x => x.Region, x => x.Value);
        var lower = def.Direction == "lower";
        var best = values.Count == 0 ? 0 : lower ? values.Values.Where(x => x > 0).DefaultIfEmpty(0).Min() : values.Values.Max();
        var result = new Dictionary<long, (decimal?, string)>();
        foreach (var u in units)
        {
            if (u.RegionCode is null || !values.TryGetValue(u.RegionCode, out var value))
            {
                result[u.Id] = (null, $"{s.Year} 年{def.Name}无数据，未自动计分，待人工评分");
                continue;
            }
            if (targets.TryGetValue(u.RegionCode, out var target) && target > 0)
            {
                var rate = lower ? (value == 0 ? 1 : Math.Min(1, target / value)) : Math.Min(1, value / target);
                result[u.Id] = (Math.Round(item.Weight * rate, 2), $"{def.Name}实际 {value:0.####} {def.Unit}，目标 {target:0.####}，完成率 {rate:P1}，得分 = {item.Weight:0.##} × {rate:0.####}");
            }
            else if (best > 0)
            {
                var rate = lower ? (value == 0 ? 1 : best / value) : value / best;
                result[u.Id] = (Math.Round(item.Weight * rate, 2),
                    $"无分地区目标，按相对水平计分：{def.Name} {value:0.####} {def.Unit}，参评地区{(lower ? "最低" : "最高")} {best:0.####}，得分 = {item.Weight:0.##} × {rate:0.####}");
            }
            else result[u.Id] = (0, $"参评地区{def.Name}均为 0，得 0 分");
        }
        return result;
    }

    internal static async Task<Dictionary<long, (decimal? Score, string Reason)>> TaskScoresAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Scheme s,
        AssessmentItemDto item, List<(long Id, string Name, string? RegionCode)> units)
    {
        var result = new Dictionary<long, (decimal?, string)>();
        var yearEnd = new DateOnly(s.Year, 12, 31);
        var today = DateOnly.FromDateTime(DateTime.Today);
        foreach (var u in units)
        {
            var me = new CurrentUser { OrgUnitId = u.Id, Role = s.TargetKind, RegionCode = u.RegionCode };
            var p = new DynamicParameters(MeArgs(me));
            p.Add("PlanId", s.PlanId);
            p.Add("unit", u.Id);
            p.Add("yearPrefix", s.Year + "%");
            var tasks = (await conn.QueryAsync<(long Id, string No, DateOnly? Deadline, int? Best)>($"""
                SELECT t.id, t.no, t.deadline,
                       (SELECT max(r.percent) FROM progress_reports r WHERE r.task_id = t.id AND r.org_unit_id = @unit AND r.status = 'accepted' AND r.period LIKE @yearPrefix) AS best
                FROM plan_tasks t WHERE t.plan_id = @PlanId AND {VisibleTaskFilter(me)}
                """, p, tx)).ToList();
            if (tasks.Count == 0) { result[u.Id] = (null, "本单位未承担本方案任务，不自动计分"); continue; }
            decimal sum = 0;
            var late = new List<string>();
            foreach (var t in tasks)
            {
                var done = (t.Best ?? 0) / 100m;
                if (done < 1 && t.Deadline is { } d && d <= yearEnd && d < today) { done *= 0.8m; late.Add(t.No); }
                sum += done;
            }
            var rate = sum / tasks.Count;
            var reported = tasks.Count(t => t.Best is not null);
            result[u.Id] = (Math.Round(item.Weight * rate, 2),
                $"承担任务 {tasks.Count} 项，{s.Year} 年有审核通过进展报告的 {reported} 项，平均完成进度 {rate:P1}{(late.Count > 0 ? $"；逾期未完成按 80% 折算：任务 {string.Join("、", late)}" : "")}");
        }
        return result;
    }
}
