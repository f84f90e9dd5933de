using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Registries.Units;

public sealed record UnitFileDto(long Id, string FileName, string ContentType, long SizeBytes, string? Description, DateTime UploadedAt, string DownloadLink);

/// <summary>
/// Attachments of the four registers (认定文件, 评价材料, 注册证, 名录公布文件 …): the upload checks every module uses
/// (Platform/Files/UploadedFiles: type, size, content), content in the platform's stored_files, linked to its owner row in
/// registry_unit_files. Visible to whoever sees the owner row.
/// </summary>
public static class UnitFiles
{
    public static readonly IReadOnlyDictionary<string, string> Owners = new Dictionary<string, string>
    {
        ["pilot"] = "试点示范单位", ["evaluation"] = "评价记录", ["gi"] = "地理标志", ["variety"] = "植物新品种", ["heritage"] = "非遗项目",
    };

    public static string Link(long fileId) => $"/api/registries/unit-files/{fileId}";

    /// <summary>The region codes of an owner row (for the district filter), or null when the row does not exist.</summary>
    public static async Task<string[]?> OwnerRegionsAsync(NpgsqlConnection conn, string owner, long ownerId) => owner switch
    {
        "pilot" => await conn.QuerySingleOrDefaultAsync<string[]>("SELECT ARRAY[region_code] FROM pilot_units WHERE id = @ownerId", new { ownerId }),
        "evaluation" => await conn.QuerySingleOrDefaultAsync<string[]>(
            "SELECT ARRAY[u.region_code] FROM pilot_unit_evaluations e JOIN pilot_units u ON u.id = e.unit_id WHERE e.id = @ownerId", new { ownerId }),
        "gi" => await conn.QuerySingleOrDefaultAsync<string[]>("SELECT region_codes FROM geo_indications WHERE id = @ownerId", new { ownerId }),
        "variety" => await conn.QuerySingleOrDefaultAsync<string[]>("SELECT ARRAY[region_code] FROM plant_varieties WHERE id = @ownerId", new { ownerId }),
        "heritage" => await conn.QuerySingleOrDefaultAsync<string[]>("SELECT ARRAY[region_code] FROM heritage_items WHERE id = @ownerId", new { ownerId }),
        _ => null,
    };

    public static async Task<UnitFileDto> StoreAsync(NpgsqlConnection conn, string owner, long ownerId, IFormFile? file, string? description, CurrentUser me,
        CancellationToken ct)
    {
        var v = new Validation().Text("description", description, 200, "附件说明");
        if (file is null) v.Add("file", "请选择文件");
        v.ThrowIfInvalid();
        var bytes = await UploadedFiles.ReadAsync(file!, ct);
        var problem = bytes is null ? $"文件“{Path.GetFileName(file!.FileName)}”超过单个文件上限 {UploadedFiles.MaxFileBytes / 1024 / 1024} MB" : UploadedFiles.Problem(file!.FileName, bytes);
        if (problem is not null) throw new RequestValidationException("file", problem);
        UploadedFiles.ContentTypeOf(Path.GetExtension(file!.FileName), out var contentType);
        var name = Path.GetFileName(file.FileName);
        description = UnitRules.Clean(description);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleAsync<(long Id, DateTime UploadedAt)>("""
            INSERT INTO stored_files (file_name, content_type, size_bytes, sha256, content, uploaded_by) VALUES (@name, @contentType, @size, @sha, @bytes, @by)
            RETURNING id, uploaded_at
            """, new { name, contentType, size = (long)bytes!.Length, sha = UploadedFiles.Sha256(bytes), bytes, by = me.Id }, tx);
        await conn.ExecuteAsync("INSERT INTO registry_unit_files (file_id, owner, owner_id, description, uploaded_by) VALUES (@Id, @owner, @ownerId, @description, @by)",
            new { row.Id, owner, ownerId, description, by = me.Id }, tx);
        await AuditLog.WriteAsync(conn, tx, me, "upload", "registry_unit_files", row.Id.ToString(), null,
            new { owner, ownerId, name, contentType, size = bytes.Length, description }, ct);
        await tx.CommitAsync(ct);
        return new UnitFileDto(row.Id, name, contentType, bytes.Length, description, row.UploadedAt, Link(row.Id));
    }

    public static async Task<ILookup<long, UnitFileDto>> ForOwnersAsync(NpgsqlConnection conn, string owner, long[] ownerIds) =>
        (await conn.QueryAsync<(long OwnerId, long Id, string FileName, string ContentType, long SizeBytes, string? Description, DateTime UploadedAt)>("""
            SELECT f.owner_id, s.id, s.file_name, s.content_type, s.size_bytes, f.description, s.uploaded_at
            FROM registry_unit_files f JOIN stored_files s ON s.id = f.file_id WHERE f.owner = @owner AND f.owner_id = ANY(@ownerIds) ORDER BY s.id
            """, new { owner, ownerIds }))
        .ToLookup(x => x.OwnerId, x => new UnitFileDto(x.Id, x.FileName, x.ContentType, x.SizeBytes, x.Description, x.UploadedAt, Link(x.Id)));

    /// <summary>Deletes the files of owner rows about to be deleted (the link table has no foreign key to the owners).</summary>
    public static async Task DeleteForAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string owner, long[] ownerIds) =>
        await conn.ExecuteAsync("DELETE FROM stored_files WHERE id IN (SELECT file_id FROM registry_unit_files WHERE owner = @owner AND owner_id = ANY(@ownerIds))",
            new { owner, ownerIds }, tx);
}
