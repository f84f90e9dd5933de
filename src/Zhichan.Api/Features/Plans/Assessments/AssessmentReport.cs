using System.Globalization;
using System.Net;
using System.Text;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentQueries;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentScoring;

namespace Zhichan.Api.Features.Plans.Assessments;

/// <summary>
/// The printable assessment report (ADR 0108): one HTML page per plan and year — the scheme asked for first, then the other
/// schemes of the same plan and year (districts, departments, custom units) — with the items and weights, the ranking, every
/// item's points with the reason, the published/locked state and the time it was generated; as HTML (preview) or as PDF printed
/// by headless Chromium. Roles see what GetAssessment shows them (a district or department: published schemes, its own row).
/// </summary>
public static class AssessmentReport
{
    internal static string H(object? s) => WebUtility.HtmlEncode(Convert.ToString(s, CultureInfo.InvariantCulture) ?? "");

    internal static string N(decimal? d) => d is { } x ? x.ToString("0.##", CultureInfo.InvariantCulture) : "—";

    internal static readonly Dictionary<string, string> ItemKinds = new()
    {
        ["indicator"] = "指标完成", ["tasks"] = "任务完成", ["bonus"] = "加分", ["penalty"] = "扣分", ["manual"] = "人工评分",
    };

    /// <param name="publicView">The portal's copy (ADR 0060): the public schemes of the plan and year only, every unit's row.</param>
    public static async Task<string> RenderAsync(NpgsqlConnection conn, long schemeId, CurrentUser me, TimeProvider clock, bool publicView = false)
    {
        var main = await LoadAsync(conn, schemeId, me, publicView); // 404 for what the user may not see
        var plan = await conn.QuerySingleAsync<(string Title, string? Issuer, string? JurisdictionName, DateOnly? PeriodStart, DateOnly? PeriodEnd)>(
            "SELECT title, issuer, jurisdiction_name, period_start, period_end FROM plans WHERE id = @PlanId", new { main.Scheme.PlanId });
        var siblings = (await conn.QueryAsync<long>("""
            SELECT id FROM assessment_schemes WHERE plan_id = @PlanId AND year = @Year AND id <> @schemeId
              AND (CASE WHEN @publicView THEN public_at IS NOT NULL WHEN @staff THEN TRUE ELSE status = 'published' END)
            ORDER BY CASE target_kind WHEN 'district' THEN 1 WHEN 'department' THEN 2 ELSE 3 END
            """, new { main.Scheme.PlanId, main.Scheme.Year, schemeId, staff = me.IsStaff, publicView })).ToList();
        var schemes = new List<AssessmentDto> { main };
        foreach (var id in siblings) schemes.Add(await LoadAsync(conn, id, me, publicView));
        var unitNames = (await conn.QueryAsync<(string Code, string Name)>("SELECT code, name FROM ref_regions WHERE code = ANY(@codes)",
                new { codes = schemes.SelectMany(s => s.Ranking).SelectMany(r => r.MemberCodes ?? []).Distinct().ToArray() }))
            .ToDictionary(x => x.Code, x => x.Name);

        var generated = Platform.ChinaTime.Of(clock.GetUtcNow());
        var b = new StringBuilder();
        b.Append($$"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>{{H(plan.Title)}} {{main.Scheme.Year}} 年度考核报告</title>
            <style>
              @page { size: A4; margin: 16mm 14mm; }
              body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 10.5pt; color: #222; }
              h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
              h2 { font-size: 13.5pt; border-bottom: 2px solid #a33; padding-bottom: 1mm; margin-top: 8mm; page-break-after: avoid; }
              h3 { font-size: 11.5pt; margin: 5mm 0 2mm; page-break-after: avoid; }
              .meta { text-align: center; color: #555; margin-bottom: 4mm; }
              .state { display: inline-block; padding: 0 2mm; border: 1px solid; border-radius: 1mm; }
              .published { color: #1a7f37; } .draft { color: #b35900; }
              table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; page-break-inside: auto; }
              tr { page-break-inside: avoid; }
              th, td { border: 1px solid #999; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
              th { background: #f2f2f2; white-space: nowrap; } td.num, td.nw { text-align: right; white-space: nowrap; } td.nw { text-align: left; }
              .note { color: #666; font-size: 9pt; }
              footer { margin-top: 8mm; color: #666; font-size: 9pt; border-top: 1px solid #ccc; padding-top: 2mm; }
            </style></head><body>
            <h1>{{H(plan.Title)}}<br>{{main.Scheme.Year}} 年度考核报告</h1>
            <div class="meta">{{H(plan.Issuer ?? plan.JurisdictionName ?? "")}}{{(plan.PeriodStart is { } ps && plan.PeriodEnd is { } pe ? $" · 方案期限 {ps:yyyy-MM-dd} 至 {pe:yyyy-MM-dd}" : "")}}
              · 生成时间 {{generated:yyyy-MM-dd HH:mm}}（北京时间）</div>
            """);
        foreach (var s in schemes)
        {
            var kind = TargetKindName(s.Scheme.TargetKind);
            var state = s.Scheme.Status == "published"
                ? $"<span class=\"state published\">已发布并锁定（{Platform.ChinaTime.Of(new DateTimeOffset(DateTime.SpecifyKind(s.Scheme.PublishedAt ?? DateTime.UtcNow, DateTimeKind.Utc))):yyyy-MM-dd HH:mm}）</span>"
                : "<span class=\"state draft\">草稿（未发布，评分可能变动）</span>";
            b.Append($"<h2 data-scheme=\"{s.Scheme.Id}\">{kind}考核 {state}</h2>");
            b.Append("<h3>考核项与分值</h3><table><thead><tr><th>序号</th><th>考核项</th><th>类型</th><th>分值</th><th>评分规则</th></tr></thead><tbody>");
            foreach (var i in s.Items)
                b.Append($"<tr><td class=\"num\">{i.Seq}</td><td>{H(i.Name)}</td><td class=\"nw\">{H(ItemKinds.GetValueOrDefault(i.Kind, i.Kind))}</td><td class=\"num\">{(i.Kind == "penalty" ? "-" : "")}{N(i.Weight)}</td><td>{H(i.Rule)}</td></tr>");
            b.Append($"</tbody></table><p class=\"note\">分值合计（扣分项除外）{N(s.Scheme.TotalWeight)} 分。</p>");

            b.Append($"<h3>{kind}排名</h3><table class=\"ranking\"><thead><tr><th>排名</th><th>{kind}</th>");
            foreach (var i in s.Items) b.Append($"<th>{H(i.Name)}</th>");
            b.Append("<th>总分</th><th>未评分项</th></tr></thead><tbody>");
            foreach (var r in s.Ranking)
            {
                var label = r.MemberCodes is { } m ? $"{H(r.Unit)}<br><span class=\"note\">（{H(string.Join("、", m.Select(c => unitNames.GetValueOrDefault(c, c))))}）</span>" : H(r.Unit);
                b.Append($"<tr><td class=\"num\">{r.Rank}</td><td>{label}</td>");
                foreach (var i in s.Items) b.Append($"<td class=\"num\">{N(r.Scores.FirstOrDefault(x => x.ItemId == i.Id)?.Score)}</td>");
                b.Append($"<td class=\"num\"><b>{N(r.Total)}</b></td><td class=\"num\">{r.Unscored}</td></tr>");
            }
            if (s.Ranking.Count == 0) b.Append($"<tr><td colspan=\"{s.Items.Count + 4}\">无被考核单位</td></tr>");
            b.Append("</tbody></table>");

            b.Append("<h3>逐项得分与依据</h3><table class=\"reasons\"><thead><tr><th>单位</th><th>考核项</th><th>得分</th><th>方式</th><th>依据</th></tr></thead><tbody>");
            foreach (var r in s.Ranking)
            foreach (var i in s.Items)
            {
                var sc = r.Scores.FirstOrDefault(x => x.ItemId == i.Id);
                var how = sc?.Score is null ? "未评分" : sc.Automatic ? "自动" : "人工";
                b.Append($"<tr><td>{H(r.Unit)}</td><td>{H(i.Name)}</td><td class=\"num\">{N(sc?.Score)}</td><td class=\"nw\">{how}</td><td>{H(sc?.Reason ?? "待评分")}</td></tr>");
            }
            b.Append("</tbody></table>");
        }
        b.Append($"<footer>本报告由知产平台根据考核数据生成（考核编号 {string.Join("、", schemes.Select(s => s.Scheme.Id))}）。未发布的考核为草稿，以发布后的结果为准。" +
                 $"{(publicView ? "本报告为向社会公开的考核结果。" : me.IsStaff ? "" : "本报告仅含本单位可查看的结果。")}</footer></body></html>");
        return b.ToString();
    }
}
