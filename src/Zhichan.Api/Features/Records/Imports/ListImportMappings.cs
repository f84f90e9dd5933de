using System.Text.Json;
using Zhichan.Api.Features.Records.Sources.Tabular;

namespace Zhichan.Api.Features.Records.Imports;

public sealed record ImportMappingDto(long Id, string Name, Dictionary<string, string> Mapping, bool BuiltIn);

/// <summary>The column mappings: the built-in layouts (ids -1, -2 …) and those users saved.</summary>
public static class ListImportMappings
{
    public static async Task<Ok<List<ImportMappingDto>>> HandleAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var list = TabularMapping.BuiltIn.Select((b, i) => new ImportMappingDto(-(i + 1), b.Key, new Dictionary<string, string>(b.Value), true)).ToList();
        await using var cmd = db.CreateCommand("SELECT id, name, mapping FROM import_mappings ORDER BY id");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new(r.GetInt64(0), r.GetString(1), JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(2))!, false));
        return TypedResults.Ok(list);
    }
}
