using System.Text;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentReport;

namespace Zhichan.Api.Features.Plans.Assessments;

/// <summary>The printable report as HTML (preview and browser printing).</summary>
public static class GetAssessmentReportHtml
{
    public static async Task<ContentHttpResult> HandleAsync(long schemeId, NpgsqlDataSource db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Content(await RenderAsync(conn, schemeId, me, clock), "text/html; charset=utf-8");
    }
}
