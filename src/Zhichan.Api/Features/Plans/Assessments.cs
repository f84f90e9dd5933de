using Dapper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Zhichan.Api.Platform.Audit;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Errors;

namespace Zhichan.Api.Features.Plans;

public sealed record AssessmentItemRequest(string? Name, string? Kind, decimal? Weight, string? IndicatorCode, string? Rule);

/// <param name="CustomUnitIds">target kind "custom": the custom assessment units to assess (default: every unit defined).</param>
public sealed record AssessmentRequest(int? Year, string? TargetKind, AssessmentItemRequest[]? Items, long[]? CustomUnitIds = null);

public sealed record AssessmentItemDto(long Id, int Seq, string Name, string Kind, decimal Weight, string? IndicatorCode, string Rule);

public sealed record AssessmentScoreDto(long ItemId, long OrgUnitId, decimal? Score, bool Automatic, string Reason, DateTime ScoredAt);

/// <summary>One assessed unit's row. OrgUnitId is the org unit's id, or the custom unit's id when the scheme's target kind is "custom".</summary>
public sealed record RankingRowDto(int Rank, long OrgUnitId, string Unit, string? RegionCode, decimal Total, int Unscored, IReadOnlyList<AssessmentScoreDto> Scores,
    IReadOnlyList<string>? MemberCodes = null);

public sealed record AssessmentSummaryDto(long Id, long PlanId, int Year, string TargetKind, string Status, DateTime? PublishedAt, decimal TotalWeight);

public sealed record AssessmentDto(AssessmentSummaryDto Scheme, IReadOnlyList<AssessmentItemDto> Items, IReadOnlyList<RankingRowDto> Ranking);

public sealed record ScoreRequest(long? ItemId, long? OrgUnitId, decimal? Score, string? Reason);

/// <summary>
/// Yearly assessment (考核) of a plan's districts or departments (ADR 0103): weighted items scored automatically from
/// indicator values and task reports where the data allows, by the bureau with a reason otherwise; ranking; publish locks it.
/// </summary>
public static class AssessmentsApi
{
    public static readonly string[] Kinds = ["indicator", "tasks", "bonus", "penalty", "manual"];
    public static readonly string[] TargetKinds = ["district", "department", "custom"];

    public static string TargetKindName(string kind) => kind switch { "district" => "县区", "department" => "成员单位", _ => "自定义考核单元" };

    /// <summary>The score column of the scheme's kind: org units, or custom units (ADR 0105).</summary>
    private static string ScoreColumn(string targetKind) => targetKind == "custom" ? "custom_unit_id" : "org_unit_id";

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:long}/assessments", ListAsync).WithName("ListAssessments").WithSummary("方案的年度考核（县区/成员单位只见已发布的）");
        g.MapPost("/{id:long}/assessments", CreateAsync).WithName("CreateAssessment").WithSummary("建立年度考核方案（加权考核项；不填则用默认考核项）")
            .RequireAuthorization(Policies.Staff);
        g.MapGet("/assessments/{schemeId:long}", GetAsync).WithName("GetAssessment").WithSummary("考核结果：考核项、逐项得分与依据、排名（县区只见本单位）");
        g.MapPost("/assessments/{schemeId:long}/score", AutoScoreAsync).WithName("ScoreAssessment").WithSummary("按数据自动评分（指标完成度、任务完成及时性）")
            .RequireAuthorization(Policies.Staff);
        g.MapPut("/assessments/{schemeId:long}/scores", SetScoreAsync).WithName("SetAssessmentScore").WithSummary("人工评分（须写明理由）")
            .RequireAuthorization(Policies.Staff);
        g.MapPost("/assessments/{schemeId:long}/publish", PublishAsync).WithName("PublishAssessment").WithSummary("发布并锁定考核结果")
            .RequireAuthorization(Policies.Staff);
        g.MapGet("/assessments/{schemeId:long}/export", ExportAsync).WithName("ExportAssessment").WithSummary("导出考核结果（XLSX：排名与评分依据）")
            .RequireAuthorization(Policies.Staff);
    }

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

    public static async Task<Ok<List<AssessmentSummaryDto>>> ListAsync(long id, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<AssessmentSummaryDto>("""
            SELECT s.id, s.plan_id, s.year, s.target_kind, s.status, s.published_at, COALESCE((SELECT sum(weight) FROM assessment_items i WHERE i.scheme_id = s.id AND i.kind <> 'penalty'), 0) AS total_weight
            FROM assessment_schemes s WHERE s.plan_id = @id AND (@staff OR s.status = 'published') ORDER BY s.year DESC, s.target_kind
            """, new { id, staff = me.IsStaff });
        return TypedResults.Ok(rows.ToList());
    }

    public static async Task<Created<AssessmentDto>> CreateAsync(long id, AssessmentRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        if (req.Year is null or < 2000 or > 2100) v.Add("year", "请填写 2000 至 2100 之间的考核年度");
        v.OneOf("targetKind", req.TargetKind, TargetKinds, "考核对象");
        var kind = req.TargetKind ?? "district";
        var items = req.Items is { Length: > 0 } ? req.Items : DefaultItems(kind);
        for (var i = 0; i < items.Length; i++)
        {
            var it = items[i];
            v.Required($"items[{i}].name", it.Name, "考核项名称").Required($"items[{i}].kind", it.Kind, "考核项类型").OneOf($"items[{i}].kind", it.Kind, Kinds, "考核项类型")
                .Required($"items[{i}].rule", it.Rule, "评分规则");
            if (it.Weight is null or <= 0 or > 100) v.Add($"items[{i}].weight", "分值应大于 0 且不超过 100");
            if (it.Kind == "indicator" && string.IsNullOrWhiteSpace(it.IndicatorCode)) v.Add($"items[{i}].indicatorCode", "指标类考核项须指定指标");
            if (it.Kind == "tasks" && kind == "custom") v.Add($"items[{i}].kind", "自定义考核单元不承担任务，不能设置任务完成情况考核项");
        }
        var total = items.Where(i => i.Kind != "penalty").Sum(i => i.Weight ?? 0);
        if (v.IsValid && total != 100) v.Add("items", $"考核项（扣分项除外）分值合计应为 100，当前为 {total:0.##}");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM plans WHERE id = @id)", new { id })) throw new DomainException("工作方案不存在", 404);
        var codes = items.Where(i => i.Kind == "indicator").Select(i => i.IndicatorCode!).Distinct().ToArray();
        var known = (await conn.QueryAsync<string>("SELECT code FROM indicator_definitions WHERE superseded_at IS NULL AND code = ANY(@codes)", new { codes })).ToHashSet();
        foreach (var c in codes.Where(c => !known.Contains(c))) throw new RequestValidationException("items", $"指标“{c}”不存在");
        long[] customUnits = [];
        if (kind == "custom")
        {
            var all = (await conn.QueryAsync<long>("SELECT id FROM custom_units ORDER BY id")).ToList();
            customUnits = req.CustomUnitIds is { Length: > 0 } chosen ? chosen.Distinct().ToArray() : all.ToArray();
            foreach (var u in customUnits.Where(u => !all.Contains(u))) throw new RequestValidationException("customUnitIds", $"自定义考核单元 {u} 不存在");
            if (customUnits.Length < 2) throw new RequestValidationException("customUnitIds", "自定义考核单元考核至少需要 2 个单元（请先在“目标考核 → 自定义考核单元”中定义）");
        }
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM assessment_schemes WHERE plan_id = @id AND year = @Year AND target_kind = @kind)", new { id, req.Year, kind }, tx))
            throw new DomainException($"{req.Year} 年度的{TargetKindName(kind)}考核已存在", 409);
        var schemeId = await conn.ExecuteScalarAsync<long>("INSERT INTO assessment_schemes (plan_id, year, target_kind) VALUES (@id, @Year, @kind) RETURNING id",
            new { id, req.Year, kind }, tx);
        foreach (var u in customUnits)
            await conn.ExecuteAsync("INSERT INTO assessment_scheme_units (scheme_id, custom_unit_id) VALUES (@schemeId, @u)", new { schemeId, u }, tx);
        var seq = 0;
        foreach (var it in items)
            await conn.ExecuteAsync("INSERT INTO assessment_items (scheme_id, seq, name, kind, weight, indicator_code, rule) VALUES (@schemeId, @seq, @Name, @Kind, @Weight, @IndicatorCode, @Rule)",
                new { schemeId, seq = ++seq, Name = it.Name!.Trim(), it.Kind, it.Weight, it.IndicatorCode, Rule = it.Rule!.Trim() }, tx);
        await AuditLog.WriteAsync(conn, tx, me, "create", "assessment_schemes", schemeId.ToString(), null, new { planId = id, req.Year, kind, items, customUnits }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/plans/assessments/{schemeId}", await LoadAsync(conn, schemeId, me));
    }

    private sealed record Scheme(long Id, long PlanId, int Year, string TargetKind, string Status, DateTime? PublishedAt, string? RegionCode);

    private static async Task<Scheme> SchemeAsync(NpgsqlConnection conn, long schemeId, NpgsqlTransaction? tx = null) =>
        await conn.QuerySingleOrDefaultAsync<Scheme>("""
            SELECT s.id, s.plan_id, s.year, s.target_kind, s.status, s.published_at, p.region_code
            FROM assessment_schemes s JOIN plans p ON p.id = s.plan_id WHERE s.id = @schemeId
            """, new { schemeId }, tx) ?? throw new DomainException("考核不存在", 404);

    /// <summary>
    /// The units assessed: the districts within the plan's jurisdiction, the departments named by the plan, or the scheme's custom
    /// units (their code stands as region code: their indicator values are stored under it).
    /// </summary>
    private static async Task<List<(long Id, string Name, string? RegionCode)>> UnitsAsync(NpgsqlConnection conn, Scheme s, NpgsqlTransaction? tx = null) =>
        (s.TargetKind == "custom"
            ? await conn.QueryAsync<(long, string, string?)>("""
                SELECT c.id, c.name, c.code FROM assessment_scheme_units su JOIN custom_units c ON c.id = su.custom_unit_id WHERE su.scheme_id = @Id ORDER BY c.code
                """, new { s.Id }, tx)
            : s.TargetKind == "district"
            ? await conn.QueryAsync<(long, string, string?)>("""
                SELECT id, name, region_code FROM org_units WHERE kind = 'district' AND is_active AND region_code IS NOT NULL AND @region IS NOT NULL
                  AND region_code <> @region AND region_code LIKE (CASE WHEN @region LIKE '%0000' THEN substr(@region, 1, 2) WHEN @region LIKE '%00' THEN substr(@region, 1, 4) ELSE @region END) || '%'
                ORDER BY region_code
                """, new { region = s.RegionCode }, tx)
            : await conn.QueryAsync<(long, string, string?)>("""
                SELECT DISTINCT o.id, o.name, o.region_code FROM plan_units u JOIN org_units o ON o.id = u.org_unit_id
                WHERE u.plan_id = @PlanId AND o.kind = 'department' ORDER BY o.id
                """, new { s.PlanId }, tx)).ToList();

    public static async Task<Ok<AssessmentDto>> GetAsync(long schemeId, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await LoadAsync(conn, schemeId, me));
    }

    internal static async Task<AssessmentDto> LoadAsync(NpgsqlConnection conn, long schemeId, CurrentUser me)
    {
        var s = await SchemeAsync(conn, schemeId);
        if (!me.IsStaff && s.Status != "published") throw new DomainException("考核结果尚未发布", 404);
        var items = (await conn.QueryAsync<AssessmentItemDto>("SELECT id, seq, name, kind, weight, indicator_code, rule FROM assessment_items WHERE scheme_id = @schemeId ORDER BY seq",
            new { schemeId })).ToList();
        var scores = (await conn.QueryAsync<AssessmentScoreDto>("""
            SELECT sc.item_id, COALESCE(sc.org_unit_id, sc.custom_unit_id) AS org_unit_id, sc.score, sc.automatic, sc.reason, sc.scored_at
            FROM assessment_scores sc JOIN assessment_items i ON i.id = sc.item_id
            WHERE i.scheme_id = @schemeId
            """, new { schemeId })).ToLookup(x => x.OrgUnitId);
        var members = s.TargetKind == "custom"
            ? (await Indicators.CustomUnits.LoadAsync(conn)).ToDictionary(x => x.Code, x => x.MemberCodes)
            : [];
        var units = await UnitsAsync(conn, s);
        var ranking = units.Select(u =>
            {
                var own = items.Select(i => scores[u.Id].FirstOrDefault(x => x.ItemId == i.Id)
                                            ?? new AssessmentScoreDto(i.Id, u.Id, null, false, "待评分", DateTime.MinValue)).ToList();
                return (u, own, total: own.Sum(x => x.Score ?? 0), unscored: own.Count(x => x.Score is null));
            })
            .OrderByDescending(x => x.total).ThenBy(x => x.u.RegionCode).ToList();
        var rows = new List<RankingRowDto>();
        for (var i = 0; i < ranking.Count; i++)
        {
            var rank = i > 0 && ranking[i].total == ranking[i - 1].total ? rows[i - 1].Rank : i + 1;
            rows.Add(new RankingRowDto(rank, ranking[i].u.Id, ranking[i].u.Name, ranking[i].u.RegionCode, Math.Round(ranking[i].total, 2), ranking[i].unscored, ranking[i].own,
                ranking[i].u.RegionCode is { } code ? members.GetValueOrDefault(code) : null));
        }
        // a district or department sees its own row and rank only (custom units: a district sees the units its region belongs to)
        if (!me.IsStaff)
            rows = s.TargetKind == "custom"
                ? rows.Where(r => me.RegionCode is { } rc && r.MemberCodes is { } m && m.Contains(rc)).ToList()
                : rows.Where(r => r.OrgUnitId == me.OrgUnitId).ToList();
        var weight = items.Where(i => i.Kind != "penalty").Sum(i => i.Weight);
        return new AssessmentDto(new AssessmentSummaryDto(s.Id, s.PlanId, s.Year, s.TargetKind, s.Status, s.PublishedAt, weight), items, rows);
    }

    /// <summary>Automatic scoring of the indicator and task items (ADR 0103); scores set by hand are kept.</summary>
    public static async Task<Ok<AssessmentDto>> AutoScoreAsync(long schemeId, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var s = await SchemeAsync(conn, schemeId, tx);
        if (s.Status == "published") throw new DomainException("考核结果已发布锁定，不能重新评分", 409);
        var items = (await conn.QueryAsync<AssessmentItemDto>("SELECT id, seq, name, kind, weight, indicator_code, rule FROM assessment_items WHERE scheme_id = @schemeId ORDER BY seq",
            new { schemeId }, tx)).ToList();
        var units = await UnitsAsync(conn, s, tx);
        var manual = (await conn.QueryAsync<(long ItemId, long OrgUnitId)>("""
            SELECT sc.item_id, COALESCE(sc.org_unit_id, sc.custom_unit_id) FROM assessment_scores sc JOIN assessment_items i ON i.id = sc.item_id WHERE i.scheme_id = @schemeId AND NOT sc.automatic
            """, new { schemeId }, tx)).ToHashSet();
        var written = 0;
        foreach (var item in items)
        {
            var scores = item.Kind switch
            {
                "indicator" => await IndicatorScoresAsync(conn, tx, s, item, units),
                "tasks" => await TaskScoresAsync(conn, tx, s, item, units),
                _ => null,
            };
            if (scores is null) continue;
            foreach (var (unitId, (score, reason)) in scores.Where(x => !manual.Contains((item.Id, x.Key))))
            {
                var col = ScoreColumn(s.TargetKind);
                await conn.ExecuteAsync($"""
                    INSERT INTO assessment_scores (item_id, {col}, score, automatic, reason, scored_by) VALUES (@itemId, @unitId, @score, true, @reason, NULL)
                    ON CONFLICT (item_id, {col}) WHERE {col} IS NOT NULL DO UPDATE SET score = EXCLUDED.score, reason = EXCLUDED.reason, scored_at = now(), automatic = true
                    """, new { itemId = item.Id, unitId, score, reason }, tx);
                written++;
            }
        }
        await AuditLog.WriteAsync(conn, tx, me, "auto_score", "assessment_schemes", schemeId.ToString(), null, new { scores = written, keptManual = manual.Count }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await LoadAsync(conn, schemeId, me));
    }

    private static async Task<Dictionary<long, (decimal? Score, string Reason)>> IndicatorScoresAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Scheme s,
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

    private static async Task<Dictionary<long, (decimal? Score, string Reason)>> TaskScoresAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Scheme s,
        AssessmentItemDto item, List<(long Id, string Name, string? RegionCode)> units)
    {
        var result = new Dictionary<long, (decimal?, string)>();
        var yearEnd = new DateOnly(s.Year, 12, 31);
        var today = DateOnly.FromDateTime(DateTime.Today);
        foreach (var u in units)
        {
            var me = new CurrentUser { OrgUnitId = u.Id, Role = s.TargetKind, RegionCode = u.RegionCode };
            var p = new DynamicParameters(PlansApi.MeArgs(me));
            p.Add("PlanId", s.PlanId);
            p.Add("unit", u.Id);
            p.Add("yearPrefix", s.Year + "%");
            var tasks = (await conn.QueryAsync<(long Id, string No, DateOnly? Deadline, int? Best)>($"""
                SELECT t.id, t.no, t.deadline,
                       (SELECT max(r.percent) FROM progress_reports r WHERE r.task_id = t.id AND r.org_unit_id = @unit AND r.status = 'accepted' AND r.period LIKE @yearPrefix) AS best
                FROM plan_tasks t WHERE t.plan_id = @PlanId AND {PlansApi.VisibleTaskFilter(me)}
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

    public static async Task<Ok<AssessmentDto>> SetScoreAsync(long schemeId, ScoreRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        if (req.ItemId is null) v.Add("itemId", "请选择考核项");
        if (req.OrgUnitId is null) v.Add("orgUnitId", "请选择被考核单位");
        if (req.Score is null) v.Add("score", "请填写得分");
        v.Required("reason", req.Reason, "评分理由").MaxLength("reason", req.Reason, 2000, "评分理由");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var s = await SchemeAsync(conn, schemeId, tx);
        if (s.Status == "published") throw new DomainException("考核结果已发布锁定，不能修改评分", 409);
        var item = await conn.QuerySingleOrDefaultAsync<AssessmentItemDto>("SELECT id, seq, name, kind, weight, indicator_code, rule FROM assessment_items WHERE id = @ItemId AND scheme_id = @schemeId",
            new { req.ItemId, schemeId }, tx) ?? throw new RequestValidationException("itemId", "考核项不属于本考核");
        var min = item.Kind == "penalty" ? -item.Weight : 0;
        var max = item.Kind == "penalty" ? 0 : item.Weight;
        if (req.Score < min || req.Score > max) throw new RequestValidationException("score", $"“{item.Name}”得分应在 {min:0.##} 至 {max:0.##} 之间");
        if ((await UnitsAsync(conn, s, tx)).All(u => u.Id != req.OrgUnitId)) throw new RequestValidationException("orgUnitId", "该单位不是本考核的被考核单位");
        var col = ScoreColumn(s.TargetKind);
        var before = await conn.QuerySingleOrDefaultAsync<(decimal? Score, bool Automatic, string Reason)?>(
            $"SELECT score, automatic, reason FROM assessment_scores WHERE item_id = @ItemId AND {col} = @OrgUnitId", new { req.ItemId, req.OrgUnitId }, tx);
        await conn.ExecuteAsync($"""
            INSERT INTO assessment_scores (item_id, {col}, score, automatic, reason, scored_by) VALUES (@ItemId, @OrgUnitId, @Score, false, @reason, @by)
            ON CONFLICT (item_id, {col}) WHERE {col} IS NOT NULL DO UPDATE SET score = EXCLUDED.score, automatic = false, reason = EXCLUDED.reason, scored_by = EXCLUDED.scored_by, scored_at = now()
            """, new { req.ItemId, req.OrgUnitId, req.Score, reason = req.Reason!.Trim(), by = me.Id }, tx);
        await AuditLog.WriteAsync(conn, tx, me, before is null ? "create" : "update", "assessment_scores", $"{req.ItemId},{req.OrgUnitId}",
            before is null ? null : new { before.Value.Score, before.Value.Automatic, before.Value.Reason }, new { req.Score, automatic = false, req.Reason }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await LoadAsync(conn, schemeId, me));
    }

    public static async Task<Ok<AssessmentDto>> PublishAsync(long schemeId, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var s = await SchemeAsync(conn, schemeId, tx);
        if (s.Status == "published") throw new DomainException("考核结果已发布", 409);
        await conn.ExecuteAsync("UPDATE assessment_schemes SET status = 'published', published_at = now(), published_by = @by WHERE id = @schemeId", new { by = me.Id, schemeId }, tx);
        await AuditLog.WriteAsync(conn, tx, me, "publish", "assessment_schemes", schemeId.ToString(), new { status = "draft" }, new { status = "published" }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await LoadAsync(conn, schemeId, me));
    }

    public static async Task<FileContentHttpResult> ExportAsync(long schemeId, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var a = await LoadAsync(conn, schemeId, me);
        var title = await conn.ExecuteScalarAsync<string>("SELECT title FROM plans WHERE id = @PlanId", new { a.Scheme.PlanId });
        var header = new List<object?> { "排名", "单位", "地区代码" };
        header.AddRange(a.Items.Select(i => (object?)$"{i.Name}（{(i.Kind == "penalty" ? "-" : "")}{i.Weight:0.##}分）"));
        header.AddRange(["总分", "未评分项"]);
        var ranking = new List<IReadOnlyList<object?>> { new object?[] { $"{title} {a.Scheme.Year} 年度{TargetKindName(a.Scheme.TargetKind)}考核结果（{(a.Scheme.Status == "published" ? "已发布" : "草稿")}）" }, header };
        foreach (var r in a.Ranking)
        {
            var row = new List<object?> { r.Rank, r.Unit, r.RegionCode };
            row.AddRange(a.Items.Select(i => (object?)r.Scores.First(x => x.ItemId == i.Id).Score));
            row.AddRange([r.Total, r.Unscored]);
            ranking.Add(row);
        }
        var reasons = new List<IReadOnlyList<object?>> { new object?[] { "单位", "考核项", "分值", "得分", "评分方式", "评分依据" } };
        foreach (var r in a.Ranking)
        foreach (var i in a.Items)
        {
            var sc = r.Scores.First(x => x.ItemId == i.Id);
            reasons.Add([r.Unit, i.Name, i.Weight, sc.Score, sc.Score is null ? "未评分" : sc.Automatic ? "自动" : "人工", sc.Reason]);
        }
        var items = new List<IReadOnlyList<object?>> { new object?[] { "序号", "考核项", "类型", "分值", "指标", "评分规则" } };
        items.AddRange(a.Items.Select(i => (IReadOnlyList<object?>)[i.Seq, i.Name, i.Kind, i.Weight, i.IndicatorCode, i.Rule]));
        using var ms = new MemoryStream();
        WriteWorkbook(ms, [("排名", ranking), ("评分依据", reasons), ("考核项", items)]);
        await AuditLog.WriteAsync(conn, null, me, "export", "assessment_schemes", schemeId.ToString(), null, new { rows = a.Ranking.Count }, ct);
        return TypedResults.File(ms.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"assessment-{a.Scheme.Year}-{schemeId}.xlsx");
    }

    /// <summary>An XLSX with several sheets; numbers are written as numbers, everything else as inline strings.</summary>
    public static void WriteWorkbook(Stream output, IReadOnlyList<(string Name, List<IReadOnlyList<object?>> Rows)> sheets)
    {
        using var doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var wb = doc.AddWorkbookPart();
        wb.Workbook = new Workbook();
        var list = new Sheets();
        uint n = 0;
        foreach (var (name, rows) in sheets)
        {
            var ws = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var r in rows)
            {
                var row = new Row();
                foreach (var c in r)
                    row.Append(c switch
                    {
                        null => new Cell(),
                        int or long or decimal or double => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture)!) },
                        _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(c.ToString() ?? "")) },
                    });
                data.Append(row);
            }
            ws.Worksheet = new Worksheet(data);
            list.Append(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = ++n, Name = name });
        }
        wb.Workbook.Append(list);
        wb.Workbook.Save();
    }
}
