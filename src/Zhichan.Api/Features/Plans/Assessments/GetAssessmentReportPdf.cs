using System.Text;
using Zhichan.Api.Platform.Printing;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentReport;

namespace Zhichan.Api.Features.Plans.Assessments;

/// <summary>The report as PDF printed by headless Chromium (503 when Chromium is missing).</summary>
public static class GetAssessmentReportPdf
{
    public static async Task<FileContentHttpResult> HandleAsync(long schemeId, NpgsqlDataSource db, CurrentUser me, TimeProvider clock, ChromiumPdf printer, CancellationToken ct)
    {
        string html;
        int year;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            html = await RenderAsync(conn, schemeId, me, clock);
            year = await conn.ExecuteScalarAsync<int>("SELECT year FROM assessment_schemes WHERE id = @schemeId", new { schemeId });
        }
        var pdf = await printer.PrintAsync(html, ct);
        await AuditLog.WriteAsync(db, me, "print", "assessment_schemes", schemeId.ToString(), null, new { format = "pdf", bytes = pdf.Length }, ct);
        return TypedResults.File(pdf, "application/pdf", $"assessment-report-{year}-{schemeId}.pdf");
    }
}
