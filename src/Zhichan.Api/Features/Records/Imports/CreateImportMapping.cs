using System.Text.Json;
using Zhichan.Api.Features.Records.Sources.Tabular;

namespace Zhichan.Api.Features.Records.Imports;

public sealed record CreateImportMappingRequest(string? Name, Dictionary<string, string>? Mapping);

/// <summary>Saves a column mapping for a table layout the built-in ones do not cover.</summary>
public static class CreateImportMapping
{
    public static async Task<Created<ImportMappingDto>> HandleAsync(CreateImportMappingRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation().Required("name", req.Name, "映射名称").MaxLength("name", req.Name, 100, "映射名称");
        if (req.Mapping is null || req.Mapping.Count == 0) v.Add("mapping", "请至少对应一列");
        else
        {
            foreach (var key in req.Mapping.Keys.Where(k => TabularMapping.Targets.All(t => t.Key != k))) v.Add("mapping", $"未知的目标字段“{key}”");
            foreach (var t in TabularMapping.Targets.Where(t => t.Required && !req.Mapping.ContainsKey(t.Key))) v.Add("mapping", $"必填字段“{t.Label}”未对应任何列");
        }
        if (req.Name is { } n && TabularMapping.BuiltIn.ContainsKey(n.Trim())) v.Add("name", $"“{n}”是内置格式的名称，请换一个");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("INSERT INTO import_mappings (name, mapping, created_by) VALUES ($1, $2, $3) RETURNING id", conn, tx);
        cmd.Parameters.Add(new() { Value = req.Name!.Trim() });
        cmd.Parameters.Add(new() { Value = JsonSerializer.Serialize(req.Mapping), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new() { Value = (object?)me.Id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        var id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        await AuditLog.WriteAsync(conn, tx, me, "create", "import_mappings", id.ToString(), null, new { name = req.Name, mapping = req.Mapping }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/import-mappings/{id}", new ImportMappingDto(id, req.Name.Trim(), req.Mapping!, false));
    }
}
