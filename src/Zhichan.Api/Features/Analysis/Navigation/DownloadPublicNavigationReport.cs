using Zhichan.Api.Features.Records;
using Zhichan.Api.Platform.Printing;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>
/// 门户 · 公开报告 (anonymous, ADR 0060): a navigation report version the bureau made public, as Word (docx, the default) or PDF —
/// exactly the frozen version; rendered once per instance and format (<see cref="RenderedFiles"/>).
/// </summary>
public static class DownloadPublicNavigationReport
{
    public static async Task<FileContentHttpResult> HandleAsync(long versionId, string? format, ZhichanDb db, RecordsReference reference, NavigationCharts charts,
        ChromiumPdf printer, RenderedFiles files, CancellationToken ct)
    {
        format ??= "docx";
        new Validation().OneOf("format", format, ["docx", "pdf"], "下载格式").ThrowIfInvalid();
        var report = await NavigationReports.LoadPublicAsync(versionId, db, reference, ct);
        var bytes = await files.GetOrRenderAsync($"navigation:{versionId}:{format}", async () => format == "pdf"
            ? await printer.PrintAsync(NavigationHtml.Render(report, charts), CancellationToken.None)
            : NavigationDocx.Write(report, charts));
        return TypedResults.File(bytes, format == "pdf" ? "application/pdf" : ExportNavigationReport.Docx,
            $"navigation-{report.Project.Id}-v{report.Version}.{format}");
    }
}
