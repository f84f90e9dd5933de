using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentQueries;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentScoring;

namespace Zhichan.Api.Features.Plans.Assessments;

/// <param name="CustomUnitIds">target kind "custom": the custom assessment units to assess (default: every unit defined).</param>
public sealed record AssessmentRequest(int? Year, string? TargetKind, AssessmentItemRequest[]? Items, long[]? CustomUnitIds = null);

/// <summary>The bureau sets up a yearly assessment with weighted items (defaults by target kind).</summary>
public static class CreateAssessment
{
    public static async Task<Created<AssessmentDto>> HandleAsync(long id, AssessmentRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
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
}
