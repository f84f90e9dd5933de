using System.Text;
using Zhichan.Api.Features.Records.Sources.Tabular;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Records.Imports;

public sealed record RejectionDto(long RowNumber, string Field, string? Value, string Reason, bool WholeRow);

/// <summary>The rows and values an import rejected, and why: JSON, or CSV to download.</summary>
public static class ListImportRejections
{
    public static async Task<Results<Ok<List<RejectionDto>>, FileContentHttpResult>> HandleAsync(long id, string? format, NpgsqlDataSource db, CancellationToken ct)
    {
        await using (var exists = db.CreateCommand("SELECT 1 FROM imports WHERE id = $1"))
        {
            exists.Parameters.Add(new() { Value = id });
            if (await exists.ExecuteScalarAsync(ct) is null) throw new DomainException($"导入任务 {id} 不存在", 404);
        }
        await using var cmd = db.CreateCommand("SELECT row_number, field, value, reason, whole_row FROM import_rejections WHERE import_id = $1 ORDER BY row_number, field LIMIT 100000");
        cmd.Parameters.Add(new() { Value = id });
        var list = new List<RejectionDto>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) list.Add(new(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetBoolean(4)));
        if (format != "csv") return TypedResults.Ok(list);
        var sb = new StringBuilder("\uFEFF行号,字段,值,原因,整行未导入\r\n");
        foreach (var x in list) sb.Append(x.RowNumber).Append(',').Append(CsvText.Cell(x.Field)).Append(',').Append(CsvText.Cell(x.Value)).Append(',').Append(CsvText.Cell(x.Reason)).Append(',').Append(x.WholeRow ? "是" : "否").Append("\r\n");
        return TypedResults.File(Encoding.UTF8.GetBytes(sb.ToString()), "text/csv; charset=utf-8", $"import-{id}-rejections.csv");
    }
}
