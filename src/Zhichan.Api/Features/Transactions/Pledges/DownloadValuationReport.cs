namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>Downloads the report file of a valuation the caller may see.</summary>
public static class DownloadValuationReport
{
    public static async Task<FileContentHttpResult> HandleAsync(long id, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var val = await ValuationQueries.VisibleAsync(conn, me, id, ct);
        if (val.ReportFileId is not { } fileId) throw new DomainException("该评估尚未上传报告文件", 404);
        var f = await conn.QuerySingleAsync<(string FileName, string ContentType, byte[] Content)>(new CommandDefinition(
            "SELECT file_name, content_type, content FROM stored_files WHERE id = @fileId", new { fileId }, cancellationToken: ct));
        return TypedResults.File(f.Content, f.ContentType, f.FileName);
    }
}
