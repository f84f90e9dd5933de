using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Plans.ProgressReports;

public sealed record ReportAttachmentDto(long Id, string FileName, string ContentType, long SizeBytes, DateTime UploadedAt, string DownloadLink);

/// <summary>
/// Attachments of progress reports (ADR 0106): uploaded by a unit before it sends the report (then named in attachmentIds) or added
/// to its report while it awaits review; the same type, size and content checks as every upload (Platform/Files); stored in
/// PostgreSQL (stored_files); downloadable by the bureau and the reporting unit only.
/// </summary>
public static class ProgressReportAttachments
{
    public static string Link(long reportId, long fileId) => $"/api/plans/reports/{reportId}/attachments/{fileId}";

    internal static async Task<(long FileId, ReportAttachmentDto Dto)> StoreAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IFormFile? file, long? reportId,
        CurrentUser me, CancellationToken ct)
    {
        if (me.OrgUnitId is null) throw new DomainException("当前账号未关联单位，不能上传进展报告附件", 403, "无权访问");
        if (file is null) throw new RequestValidationException("file", "请选择文件");
        var bytes = await UploadedFiles.ReadAsync(file, ct);
        var problem = bytes is null ? $"文件“{Path.GetFileName(file.FileName)}”超过单个文件上限 {UploadedFiles.MaxFileBytes / 1024 / 1024} MB" : UploadedFiles.Problem(file.FileName, bytes);
        if (problem is not null) throw new RequestValidationException("file", problem);
        UploadedFiles.ContentTypeOf(Path.GetExtension(file.FileName), out var contentType);
        var name = Path.GetFileName(file.FileName);
        var row = await conn.QuerySingleAsync<(long Id, DateTime UploadedAt)>("""
            INSERT INTO stored_files (file_name, content_type, size_bytes, sha256, content, uploaded_by) VALUES (@name, @contentType, @size, @sha, @bytes, @by)
            RETURNING id, uploaded_at
            """, new { name, contentType, size = (long)bytes!.Length, sha = UploadedFiles.Sha256(bytes), bytes, by = me.Id }, tx);
        await conn.ExecuteAsync("INSERT INTO progress_report_files (file_id, org_unit_id, uploaded_by, report_id) VALUES (@Id, @org, @by, @reportId)",
            new { row.Id, org = me.OrgUnitId, by = me.Id, reportId }, tx);
        await AuditLog.WriteAsync(conn, tx, me, "upload", "progress_report_files", row.Id.ToString(), null, new { name, contentType, size = bytes.Length, reportId }, ct);
        return (row.Id, new ReportAttachmentDto(row.Id, name, contentType, bytes.Length, row.UploadedAt, reportId is { } r ? Link(r, row.Id) : ""));
    }

    public static async Task<ILookup<long, ReportAttachmentDto>> ForReportsAsync(NpgsqlConnection conn, long[] reportIds) =>
        (await conn.QueryAsync<(long ReportId, long Id, string FileName, string ContentType, long SizeBytes, DateTime UploadedAt)>("""
            SELECT p.report_id, s.id, s.file_name, s.content_type, s.size_bytes, s.uploaded_at FROM progress_report_files p JOIN stored_files s ON s.id = p.file_id
            WHERE p.report_id = ANY(@reportIds) ORDER BY s.id
            """, new { reportIds }))
        .ToLookup(x => x.ReportId, x => new ReportAttachmentDto(x.Id, x.FileName, x.ContentType, x.SizeBytes, x.UploadedAt, Link(x.ReportId, x.Id)));
}
