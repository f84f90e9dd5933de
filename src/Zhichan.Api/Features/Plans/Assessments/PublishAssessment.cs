using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentQueries;

namespace Zhichan.Api.Features.Plans.Assessments;

/// <summary>Publishes and locks the results.</summary>
public static class PublishAssessment
{
    public static async Task<Ok<AssessmentDto>> HandleAsync(long schemeId, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
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
}
