using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentQueries;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentScoring;

namespace Zhichan.Api.Features.Plans.Assessments;

/// <summary>The yearly assessments of a plan (units see published ones).</summary>
public static class ListAssessments
{
    public static async Task<Ok<List<AssessmentSummaryDto>>> HandleAsync(long id, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<AssessmentSummaryDto>("""
            SELECT s.id, s.plan_id, s.year, s.target_kind, s.status, s.published_at, COALESCE((SELECT sum(weight) FROM assessment_items i WHERE i.scheme_id = s.id AND i.kind <> 'penalty'), 0) AS total_weight,
                   s.public_at
            FROM assessment_schemes s WHERE s.plan_id = @id AND (@staff OR s.status = 'published') ORDER BY s.year DESC, s.target_kind
            """, new { id, staff = me.IsStaff });
        return TypedResults.Ok(rows.ToList());
    }
}
