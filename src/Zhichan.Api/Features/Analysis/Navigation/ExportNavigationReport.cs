using Zhichan.Api.Features.Records;
using Zhichan.Api.Platform.Printing;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>
/// The report as a Word document (docx, the default) or a PDF (printed by headless Chromium; 503 when it is missing), of the
/// draft or of a published version (audited as a print).
/// </summary>
public static class ExportNavigationReport
{
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static async Task<FileContentHttpResult> HandleAsync(long id, string? format, int? version, ZhichanDb db, NpgsqlDataSource data, RecordsReference reference,
        NavigationCharts charts, ChromiumPdf printer, CurrentUser me, CancellationToken ct)
    {
        format ??= "docx";
        new Validation().OneOf("format", format, ["docx", "pdf"], "导出格式").ThrowIfInvalid();
        var report = await NavigationReports.LoadAsync(id, version, db, data, reference, me, ct);
        var name = $"navigation-{id}-{(report.Version is { } v ? "v" + v : "draft")}.{format}";
        var bytes = format == "pdf" ? await printer.PrintAsync(NavigationHtml.Render(report, charts), ct) : NavigationDocx.Write(report, charts);
        await AuditLog.WriteAsync(data, me, "print", "navigation_projects", id.ToString(), null, new { format, version = report.Version, bytes = bytes.Length }, ct);
        return TypedResults.File(bytes, format == "pdf" ? "application/pdf" : Docx, name);
    }
}
