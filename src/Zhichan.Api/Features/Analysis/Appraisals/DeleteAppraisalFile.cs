namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>Deletes an attachment (its stored file with it) while the request may be changed by the caller; audited.</summary>
public static class DeleteAppraisalFile
{
    public static async Task<NoContent> HandleAsync(long fileId, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var link = await db.Set<AppraisalFile>().AsNoTracking().FirstOrDefaultAsync(f => f.FileId == fileId, ct) ?? throw new DomainException($"附件 {fileId} 不存在", 404);
        var a = await AppraisalQueries.Visible(db, me).FirstOrDefaultAsync(x => x.Id == link.AppraisalId, ct) ?? throw new DomainException($"附件 {fileId} 不存在", 404);
        if (!(await AppraisalQueries.DetailAsync(db, data, a, me, ChinaTime.Today(clock), ct)).Editable)
            throw new DomainException($"评议申请当前状态为“{AppraisalStates.Machine.StateName(a.Status)}”，不能删除附件");
        await using var conn = await data.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var name = await conn.ExecuteScalarAsync<string>(new CommandDefinition("DELETE FROM stored_files WHERE id = @fileId RETURNING file_name", new { fileId }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO appraisal_events (appraisal_id, action, from_state, to_state, note, actor_id, actor_name) VALUES (@id, 'file_removed', @s, @s, @name, @by, @who)
            """, new { id = a.Id, s = a.Status, name, by = me.Id, who = me.Name }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, me, "delete", "appraisal_files", fileId.ToString(), new { appraisalId = a.Id, name }, null, ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
