namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Removes an attachment (staff).</summary>
public static class DeleteRegistryUnitFile
{
    public static async Task<NoContent> HandleAsync(long id, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var f = await conn.QuerySingleOrDefaultAsync<FileRow>(
            "SELECT r.owner, r.owner_id, s.file_name FROM registry_unit_files r JOIN stored_files s ON s.id = r.file_id WHERE r.file_id = @id", new { id }, tx)
            ?? throw new DomainException($"附件 {id} 不存在", 404);
        await conn.ExecuteAsync("DELETE FROM stored_files WHERE id = @id", new { id }, tx);
        await AuditLog.WriteAsync(conn, tx, me, "delete", "registry_unit_files", id.ToString(), new { f.Owner, f.OwnerId, f.FileName }, null, ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private sealed class FileRow
    {
        public string Owner { get; set; } = "";
        public long OwnerId { get; set; }
        public string FileName { get; set; } = "";
    }
}
