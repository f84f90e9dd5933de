using static Zhichan.Api.Features.Plans.Assessments.AssessmentQueries;

namespace Zhichan.Api.Features.Plans.Assessments;

/// <summary>Whether a report is shown on the portal (政务公开).</summary>
/// <param name="Public">true: public on the portal; false: withdrawn from it.</param>
public sealed record PublicFlagRequest(bool? Public);

/// <summary>
/// Makes the published (locked) results of a scheme public on the portal, or withdraws them (ADR 0060; audited). Drafts cannot
/// be made public: the public sees only results that no longer change.
/// </summary>
public static class SetAssessmentPublic
{
    public static async Task<Ok<AssessmentDto>> HandleAsync(long schemeId, PublicFlagRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        if (req.Public is not { } makePublic) throw new RequestValidationException("public", "请说明是否向社会公开");
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var s = await SchemeAsync(conn, schemeId, tx);
        if (makePublic && s.Status != "published") throw new DomainException("考核结果须先发布并锁定，才能向社会公开", 409);
        if (makePublic == s.PublicAt is not null) throw new DomainException(makePublic ? "考核结果已向社会公开" : "考核结果未向社会公开", 409);
        await conn.ExecuteAsync("UPDATE assessment_schemes SET public_at = CASE WHEN @makePublic THEN now() END, public_by = CASE WHEN @makePublic THEN @by END WHERE id = @schemeId",
            new { makePublic, by = me.Id, schemeId }, tx);
        await AuditLog.WriteAsync(conn, tx, me, makePublic ? "publish" : "unpublish", "assessment_schemes", schemeId.ToString(),
            new { @public = !makePublic }, new { @public = makePublic }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await LoadAsync(conn, schemeId, me));
    }
}
