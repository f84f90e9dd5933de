using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentQueries;

namespace Zhichan.Api.Features.Plans.Assessments;

/// <summary>An assessment: items, every score with its reason, ranking (a district sees its own row).</summary>
public static class GetAssessment
{
    public static async Task<Ok<AssessmentDto>> HandleAsync(long schemeId, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await LoadAsync(conn, schemeId, me));
    }
}
