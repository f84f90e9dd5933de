using Zhichan.Api.Platform.Files;
using static Zhichan.Api.Features.Plans.ProgressReports.ProgressReportAttachments;

namespace Zhichan.Api.Features.Plans.ProgressReports;

/// <summary>Uploads an attachment before the report is submitted (referenced by attachmentIds).</summary>
public static class UploadProgressReportAttachment
{
    public static async Task<Created<ReportAttachmentDto>> HandleAsync(IFormFile? file, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (id, dto) = await StoreAsync(conn, tx, file, null, me, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/plans/reports/attachments/{id}", dto);
    }
}
