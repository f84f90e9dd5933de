using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentQueries;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentScoring;

namespace Zhichan.Api.Features.Plans.Assessments;

/// <summary>Scores the automatic items from the data (indicator completion, task completion and timeliness).</summary>
public static class ScoreAssessment
{
    /// <summary>Automatic scoring of the indicator and task items (ADR 0103); scores set by hand are kept.</summary>
    public static async Task<Ok<AssessmentDto>> HandleAsync(long schemeId, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
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
}
