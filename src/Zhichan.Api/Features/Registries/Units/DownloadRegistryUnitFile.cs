namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Downloads an attachment of a row the caller may see.</summary>
public static class DownloadRegistryUnitFile
{
    public static async Task<FileContentHttpResult> HandleAsync(long id, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var link = await conn.QuerySingleOrDefaultAsync<FileOwner>("SELECT owner, owner_id FROM registry_unit_files WHERE file_id = @id", new { id })
            ?? throw new DomainException($"附件 {id} 不存在", 404);
        var regions = await UnitFiles.OwnerRegionsAsync(conn, link.Owner, link.OwnerId) ?? [];
        UnitRules.EnsureVisible(me, regions, "附件", id);
        var f = await conn.QuerySingleAsync<(string FileName, string ContentType, byte[] Content)>(
            "SELECT file_name, content_type, content FROM stored_files WHERE id = @id", new { id });
        return TypedResults.File(f.Content, f.ContentType, f.FileName);
    }

    private sealed class FileOwner
    {
        public string Owner { get; set; } = "";
        public long OwnerId { get; set; }
    }
}
