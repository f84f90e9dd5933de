using System.Text.Json;

namespace Zhichan.Api.Features.Registries.Agencies.Grading;

/// <summary>One line of the rule table: a fact kind, its points per occurrence (negative: deduction, positive: bonus), an optional cap on the item's total.</summary>
public sealed record GradingItem(string Code, string Label, decimal Points, decimal? Cap);

/// <summary>The lowest score of a grade.</summary>
public sealed record GradeThreshold(string Grade, decimal Min);

/// <summary>A version of the 分级分类评价 rule table.</summary>
public sealed record GradingRulesDto(int Version, decimal BaseScore, IReadOnlyList<GradingItem> Items, IReadOnlyList<GradeThreshold> Thresholds,
    int ObjectionDays, string? Note, DateTimeOffset CreatedAt);

/// <summary>A fact of the year a grade counts: its rule item, what it is, its date.</summary>
public sealed record GradingFact(string Code, string Detail, DateOnly? Date);

/// <summary>One line of a grade's breakdown: base score, or a fact with the points it gave.</summary>
public sealed record GradeLine(string Code, string Label, decimal Points, string Detail, DateOnly? Date);

/// <summary>
/// The transparent score (ADR 0024): start at the base score, add each fact's points as the rule table says (an item's
/// total never beyond its cap), then the grade is the first threshold the score reaches. Every step is a breakdown line.
/// </summary>
public static class GradingRules
{
    public static readonly string[] Grades = ["A+", "A", "B", "C", "D"];

    /// <summary>The fact kinds a rule table may price (the code decides where each fact comes from).</summary>
    public static readonly IReadOnlyDictionary<string, string> ItemCodes = new Dictionary<string, string>
    {
        ["credit_listing"] = "列入严重违法失信名单", ["complaint_upheld"] = "投诉举报经查属实", ["inspection_failed"] = "双随机抽查不合格",
        ["inspection_rectify"] = "双随机抽查责令整改", ["annual_report_late"] = "年度报告逾期报送", ["annual_report_missing"] = "年度报告未报送",
        ["award"] = "获得表彰奖励",
    };

    /// <summary>Version 1, written when the bureau has not set a table yet; the bureau edits it on the 评价规则 page.</summary>
    public static GradingRulesDto Default => new(1, 100,
    [
        new("credit_listing", "列入严重违法失信名单", -20, null), new("complaint_upheld", "投诉举报经查属实", -5, null),
        new("inspection_failed", "双随机抽查不合格", -15, null), new("inspection_rectify", "双随机抽查责令整改", -5, null),
        new("annual_report_late", "年度报告逾期报送", -5, null), new("annual_report_missing", "年度报告未报送", -10, null),
        new("award", "获得表彰奖励", 5, 10),
    ],
    [new("A+", 105), new("A", 90), new("B", 75), new("C", 60), new("D", -1000)], 10, "默认规则（可由知识产权局修改）", DateTimeOffset.UtcNow);

    public static (decimal Score, string Grade, List<GradeLine> Lines) Compute(GradingRulesDto rules, IEnumerable<GradingFact> facts)
    {
        var lines = new List<GradeLine> { new("base", "基础分", rules.BaseScore, "起评分", null) };
        var score = rules.BaseScore;
        var totals = new Dictionary<string, decimal>();
        foreach (var f in facts.OrderBy(f => f.Date ?? DateOnly.MinValue).ThenBy(f => f.Code, StringComparer.Ordinal))
        {
            var item = rules.Items.FirstOrDefault(i => i.Code == f.Code);
            if (item is null || item.Points == 0) continue;
            var so = totals.GetValueOrDefault(f.Code);
            var points = item.Points;
            var detail = f.Detail;
            if (item.Cap is { } cap && Math.Abs(so + points) > Math.Abs(cap))
            {
                points = Math.Sign(item.Points) * Math.Max(0, Math.Abs(cap) - Math.Abs(so));
                detail += $"（本项累计以 {Math.Abs(cap):0.##} 分为限）";
            }
            totals[f.Code] = so + points;
            score += points;
            lines.Add(new GradeLine(f.Code, item.Label, points, detail, f.Date));
        }
        var grade = rules.Thresholds.OrderByDescending(t => t.Min).FirstOrDefault(t => score >= t.Min)?.Grade ?? "D";
        return (score, grade, lines);
    }

    public static void Validate(GradingRulesDto r, Validation v)
    {
        if (r.BaseScore is <= 0 or > 1000) v.Add("baseScore", "基础分应在 1 至 1000 之间");
        if (r.ObjectionDays is < 1 or > 90) v.Add("objectionDays", "异议期应在 1 至 90 天之间");
        if (r.Items.Count == 0) v.Add("items", "规则表至少应有一项");
        foreach (var (i, n) in r.Items.Select((x, n) => (x, n)))
        {
            if (!ItemCodes.ContainsKey(i.Code)) v.Add($"items[{n}].code", $"评价项目“{i.Code}”无效，应为：{string.Join("、", ItemCodes.Keys)}");
            if (string.IsNullOrWhiteSpace(i.Label)) v.Add($"items[{n}].label", "评价项目名称不能为空");
            if (i.Code == "award" ? i.Points < 0 : i.Points > 0) v.Add($"items[{n}].points", i.Code == "award" ? "加分项的分值不能为负" : "扣分项的分值不能为正（扣分写作负数）");
            if (Math.Abs(i.Points) > 100) v.Add($"items[{n}].points", "单项分值不超过 100 分");
            if (i.Cap is <= 0) v.Add($"items[{n}].cap", "累计上限应大于 0（不设上限请留空）");
        }
        if (r.Items.GroupBy(i => i.Code).Any(g => g.Count() > 1)) v.Add("items", "同一评价项目只能出现一次");
        var grades = r.Thresholds.Select(t => t.Grade).ToList();
        if (!grades.SequenceEqual(Grades)) v.Add("thresholds", "等级门槛应依次为 A+、A、B、C、D");
        else if (r.Thresholds.Take(4).Zip(r.Thresholds.Skip(1).Take(3)).Any(p => p.First.Min <= p.Second.Min))
            v.Add("thresholds", "等级门槛应从 A+ 到 C 依次降低");
    }

    public static GradingRulesDto FromRow(AgencyGradingRuleRow r) => new(r.Version, r.BaseScore,
        JsonSerializer.Deserialize<List<GradingItem>>(r.Items, AgencyRules.Json)!, JsonSerializer.Deserialize<List<GradeThreshold>>(r.Thresholds, AgencyRules.Json)!,
        r.ObjectionDays, r.Note, r.CreatedAt);

    /// <summary>The current table; writes version 1 (the defaults) when there is none.</summary>
    public static async Task<GradingRulesDto> CurrentAsync(ZhichanDb db, CancellationToken ct)
    {
        var row = await db.Set<AgencyGradingRuleRow>().AsNoTracking().OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        if (row is not null) return FromRow(row);
        var d = Default;
        var fresh = ToRow(d, null);
        db.Set<AgencyGradingRuleRow>().Add(fresh);
        await db.SaveChangesAsync(ct);
        return FromRow(fresh);
    }

    public static AgencyGradingRuleRow ToRow(GradingRulesDto r, long? by) => new()
    {
        Version = r.Version, BaseScore = r.BaseScore, Items = JsonSerializer.Serialize(r.Items, AgencyRules.Json),
        Thresholds = JsonSerializer.Serialize(r.Thresholds.Select(t => t with { Min = t.Grade == "D" ? -1000 : t.Min }), AgencyRules.Json),
        ObjectionDays = r.ObjectionDays, Note = r.Note, CreatedBy = by,
    };

    /// <summary>
    /// The facts of an agency's year: its credit listings (protection's list, by credit code or exact name, and those the
    /// bureau recorded), upheld complaints and awards recorded by the bureau, the failed and rectify outcomes of its
    /// inspections in the year, and the annual report of the previous year (due 30 June of this one): late or missing.
    /// </summary>
    public static async Task<List<GradingFact>> FactsAsync(ZhichanDb db, Agency a, int year, DateOnly today, CancellationToken ct)
    {
        var facts = new List<GradingFact>();
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        var conn = db.Database.GetDbConnection();
        var listings = await conn.QueryAsync<(string DecisionNumber, DateTime ListedOn)>(new CommandDefinition("""
            SELECT decision_number, listed_on::timestamp AS listed_on FROM credit_listings
            WHERE listed_on BETWEEN @start AND @end AND (subject_name = @name OR (@code::text IS NOT NULL AND credit_code = @code))
            ORDER BY listed_on
            """, new { start, end, name = a.Name, code = a.CreditCode }, cancellationToken: ct));
        facts.AddRange(listings.Select(l => new GradingFact("credit_listing", $"失信名单（处罚决定书 {l.DecisionNumber}）", DateOnly.FromDateTime(l.ListedOn))));
        var id = a.Id;
        foreach (var e in await db.Set<AgencyEvent>().AsNoTracking().Where(e => e.AgencyId == id && e.OccurredOn >= start && e.OccurredOn <= end).ToListAsync(ct))
            facts.Add(new GradingFact(e.Kind, e.Title + (e.Reference is { Length: > 0 } r ? $"（{r}）" : ""), e.OccurredOn));
        var results = await (from r in db.Set<InspectionResult>().AsNoTracking()
                             join d in db.Set<InspectionDraw>().AsNoTracking() on r.DrawId equals d.Id
                             where r.AgencyId == id && d.Status == "drawn" && r.InspectedOn >= start && r.InspectedOn <= end && (r.Outcome == "failed" || r.Outcome == "rectify")
                             select new { r.Outcome, d.Title, r.InspectedOn }).ToListAsync(ct);
        facts.AddRange(results.Select(r => new GradingFact(r.Outcome == "failed" ? "inspection_failed" : "inspection_rectify",
            $"{r.Title}：{(r.Outcome == "failed" ? "不合格" : "责令整改")}", r.InspectedOn)));
        var reportYear = year - 1;
        var report = await db.Set<AgencyAnnualReport>().AsNoTracking().FirstOrDefaultAsync(x => x.AgencyId == id && x.Year == reportYear, ct);
        var due = AgencyRules.AnnualReportDue(reportYear);
        var registered = a.RegisteredOn ?? DateOnly.FromDateTime(a.CreatedAt.UtcDateTime);
        if (report is not null && report.SubmittedOn > report.DueOn)
            facts.Add(new GradingFact("annual_report_late", $"{reportYear} 年度报告于 {report.SubmittedOn:yyyy-MM-dd} 报送，晚于截止日 {report.DueOn:yyyy-MM-dd}", report.SubmittedOn));
        else if (report is null && today > due && registered.Year <= reportYear)
            facts.Add(new GradingFact("annual_report_missing", $"{reportYear} 年度报告截至 {due:yyyy-MM-dd} 未报送", due));
        return facts;
    }
}
