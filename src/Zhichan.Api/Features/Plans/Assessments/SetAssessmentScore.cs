using DocumentFormat.OpenXml;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentQueries;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentScoring;

namespace Zhichan.Api.Features.Plans.Assessments;

public sealed record ScoreRequest(long? ItemId, long? OrgUnitId, decimal? Score, string? Reason);

/// <summary>A manual score with its written reason.</summary>
public static class SetAssessmentScore
{
    public static async Task<Ok<AssessmentDto>> HandleAsync(long schemeId, ScoreRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
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
}
