using static Zhichan.Api.Features.Plans.ProgressReports.ProgressReportAttachments;

namespace Zhichan.Api.Features.Plans.ProgressReports;

/// <summary>Adds an attachment to a report of the caller's unit that awaits review.</summary>
public static class AddProgressReportAttachment
{
    public static async Task<Created<ReportAttachmentDto>> HandleAsync(long reportId, IFormFile? file, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var r = await conn.QuerySingleOrDefaultAsync<(long OrgUnitId, string Status)?>("SELECT org_unit_id, status FROM progress_reports WHERE id = @reportId FOR UPDATE",
            new { reportId }, tx) ?? throw new DomainException("进展报告不存在", 404);
        if (r.OrgUnitId != me.OrgUnitId) throw new DomainException("只能为本单位报送的进展报告补充附件", 403, "无权访问");
        if (r.Status != "submitted") throw new DomainException("报告已审核，不能再补充附件；请重新报送", 409);
        var (id, dto) = await StoreAsync(conn, tx, file, reportId, me, ct);
        await conn.ExecuteAsync("UPDATE progress_reports SET attachment_ids = array_append(attachment_ids, @id) WHERE id = @reportId", new { id, reportId }, tx);
        await tx.CommitAsync(ct);
        return TypedResults.Created(dto.DownloadLink, dto);
    }
}
