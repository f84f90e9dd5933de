using static Zhichan.Api.Features.Plans.ProgressReports.ProgressReportAttachments;
using static Zhichan.Api.Features.Plans.ProgressReports.ProgressReportQueries;

namespace Zhichan.Api.Features.Plans.ProgressReports;

/// <summary>Downloads an attachment (the bureau and the reporting unit).</summary>
public static class DownloadProgressReportAttachment
{
    public static async Task<FileContentHttpResult> HandleAsync(long reportId, long fileId, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var owner = await conn.QuerySingleOrDefaultAsync<long?>("SELECT org_unit_id FROM progress_reports WHERE id = @reportId", new { reportId })
            ?? throw new DomainException("进展报告不存在", 404);
        // another unit's report does not exist for the caller (404, not 403: ids cannot be probed)
        if (!me.IsStaff && owner != me.OrgUnitId) throw new DomainException("进展报告不存在", 404);
        var f = await conn.QuerySingleOrDefaultAsync<(string FileName, string ContentType, byte[] Content)?>("""
            SELECT s.file_name, s.content_type, s.content FROM progress_report_files p JOIN stored_files s ON s.id = p.file_id
            WHERE p.file_id = @fileId AND p.report_id = @reportId
            """, new { fileId, reportId }) ?? throw new DomainException($"附件 {fileId} 不存在", 404);
        return TypedResults.File(f.Content, f.ContentType, f.FileName);
    }
}
