namespace Zhichan.Api.Features.Programmes;

/// <summary>The applicant removes an attachment while it may still edit the application.</summary>
public static class DeleteProgrammeApplicationFile
{
    public static async Task<NoContent> HandleAsync(long fileId, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var link = await db.Set<ProgrammeApplicationFile>().AsNoTracking().FirstOrDefaultAsync(f => f.FileId == fileId, ct) ?? throw new DomainException("附件不存在", 404);
        var a = await ApplicationQueries.LoadAsync(db, me, link.ApplicationId, ct);
        if (!ApplicationWorkflow.ActorsOf(me, a).Contains(ApplicationStates.Applicant)) throw new DomainException("只有申报单位可以删除附件", 403, "禁止访问");
        if (!ApplicationStates.Editable.Contains(a.Status)) throw new DomainException($"申报{ApplicationStates.Machine.StateName(a.Status)}，不能删除附件");
        await using var conn = await data.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync("DELETE FROM stored_files WHERE id = @fileId", new { fileId }, tx);
        await AuditLog.WriteAsync(conn, tx, me, "delete", "programme_application_files", fileId.ToString(), new { applicationId = a.Id, link.Kind }, null, ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
