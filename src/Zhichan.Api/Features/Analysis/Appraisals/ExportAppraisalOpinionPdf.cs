using Zhichan.Api.Platform.Printing;

namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>The opinion (评议意见书) as PDF printed by headless Chromium (503 when Chromium is missing), audited.</summary>
public static class ExportAppraisalOpinionPdf
{
    public static async Task<FileContentHttpResult> HandleAsync(long id, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, TimeProvider clock, ChromiumPdf printer,
        CancellationToken ct)
    {
        var content = await ExportAppraisalOpinion.ContentAsync(id, db, data, me, clock, ct);
        var pdf = await printer.PrintAsync(AppraisalOpinionDocument.Html(content), ct);
        await AuditLog.WriteAsync(data, me, "print", "appraisals", id.ToString(), null, new { format = "pdf", bytes = pdf.Length }, ct);
        return TypedResults.File(pdf, "application/pdf", $"appraisal-opinion-{id}.pdf");
    }
}
