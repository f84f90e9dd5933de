namespace Zhichan.Api.Features.Records.Imports;

/// <summary>The latest imports, newest first.</summary>
public static class ListImports
{
    public static async Task<Ok<List<ImportDto>>> HandleAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var list = new List<ImportDto>();
        await using (var cmd = db.CreateCommand(GetImport.Select + " ORDER BY i.id DESC LIMIT 100"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) list.Add(GetImport.Read(r));
        return TypedResults.Ok(await GetImport.WithDetailsAsync(db, list, ct));
    }
}
