using System.Text;
using Zhichan.Api.Platform.Printing;

namespace Zhichan.Api.Features.Plans.Assessments;

/// <summary>
/// 门户 · 公开报告 (anonymous, ADR 0060): the results of a yearly assessment the bureau made public — published and locked — as the
/// printable page (html, the default) or PDF, with the other public schemes of the same plan and year and every unit's row;
/// rendered once per instance, format and set of public schemes (<see cref="RenderedFiles"/>).
/// </summary>
public static class GetPublicAssessmentReport
{
    public static async Task<IResult> HandleAsync(long schemeId, string? format, NpgsqlDataSource db, TimeProvider clock, ChromiumPdf printer, RenderedFiles files,
        CancellationToken ct)
    {
        format ??= "html";
        new Validation().OneOf("format", format, ["html", "pdf"], "格式").ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        var scheme = await conn.QuerySingleOrDefaultAsync<(int Year, string Siblings)>("""
            SELECT s.year, (SELECT string_agg(o.id::text || '@' || o.public_at::text, ',' ORDER BY o.id) FROM assessment_schemes o
                            WHERE o.plan_id = s.plan_id AND o.year = s.year AND o.public_at IS NOT NULL)
            FROM assessment_schemes s WHERE s.id = @schemeId AND s.public_at IS NOT NULL
            """, new { schemeId }) is { Siblings: not null } found ? found : throw new DomainException("考核结果不存在或未向社会公开", 404);
        var bytes = await files.GetOrRenderAsync($"assessment:{schemeId}:{format}:{scheme.Siblings}", async () =>
        {
            await using var c = await db.OpenConnectionAsync(CancellationToken.None);
            var html = await AssessmentReport.RenderAsync(c, schemeId, new CurrentUser(), clock, publicView: true);
            return format == "pdf" ? await printer.PrintAsync(html, CancellationToken.None) : Encoding.UTF8.GetBytes(html);
        });
        return format == "pdf"
            ? TypedResults.File(bytes, "application/pdf", $"assessment-report-{scheme.Year}-{schemeId}.pdf")
            : TypedResults.Bytes(bytes, "text/html; charset=utf-8");
    }
}
