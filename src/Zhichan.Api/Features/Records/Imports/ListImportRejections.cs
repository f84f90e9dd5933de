using System.Text;
using Zhichan.Api.Features.Records.Sources.Tabular;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Records.Imports;

/// <param name="Entry">The file of a ZIP package the row is in (null for another import).</param>
public sealed record RejectionDto(long RowNumber, string Field, string? Value, string Reason, bool WholeRow, string? Entry = null);

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
        await using var cmd = db.CreateCommand("""
            SELECT r.row_number, r.field, r.value, r.reason, r.whole_row, e.name FROM import_rejections r
            LEFT JOIN import_entries e ON e.import_id = r.import_id AND e.entry_index = r.entry_index
            WHERE r.import_id = $1 ORDER BY r.entry_index NULLS FIRST, r.row_number, r.field LIMIT 100000
            """);
        cmd.Parameters.Add(new() { Value = id });
        var list = new List<RejectionDto>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) list.Add(new(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetBoolean(4),
                r.IsDBNull(5) ? null : r.GetString(5)));
        if (format != "csv") return TypedResults.Ok(list);
        var packaged = list.Any(x => x.Entry is not null);
        var sb = new StringBuilder(packaged ? "\uFEFF文件,行号,字段,值,原因,整行未导入\r\n" : "\uFEFF行号,字段,值,原因,整行未导入\r\n");
        foreach (var x in list) (packaged ? sb.Append(CsvText.Cell(x.Entry)).Append(',') : sb).Append(x.RowNumber).Append(',').Append(CsvText.Cell(x.Field)).Append(',').Append(CsvText.Cell(x.Value)).Append(',').Append(CsvText.Cell(x.Reason)).Append(',').Append(x.WholeRow ? "是" : "否").Append("\r\n");
        return TypedResults.File(Encoding.UTF8.GetBytes(sb.ToString()), "text/csv; charset=utf-8", $"import-{id}-rejections.csv");
    }
}
