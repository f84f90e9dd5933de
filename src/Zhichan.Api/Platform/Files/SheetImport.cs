namespace Zhichan.Api.Platform.Files;

/// <summary>A column of a list import: the field it fills, the headers users write for it (Chinese first), whether it is required.</summary>
public sealed record SheetColumn(string Field, string Label, string[] Headers, bool Required = false);

/// <summary>A rejected row of a list import: row number in the sheet (header = 1), field label, the value, the reason (Chinese).</summary>
public sealed record SheetRowError(long Row, string Field, string? Value, string Reason);

/// <summary>What a list import did: rows created and updated, rows rejected with their errors (nothing of a rejected row is stored).</summary>
public sealed record SheetImportResult(int Created, int Updated, int Rejected, IReadOnlyList<SheetRowError> Errors);

/// <summary>One data row of a list import, its cells by field.</summary>
public sealed class SheetRow(long number, IReadOnlyDictionary<string, string> cells)
{
    public long Number { get; } = number;

    /// <summary>The trimmed cell of a field, or null when the column is absent or the cell blank.</summary>
    public string? this[string field] => cells.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

/// <summary>
/// Reads the XLSX lists users keep in Excel (entities, agencies, experts, attendance …) by their Chinese headers. The header row
/// must name every required column (else 400 naming the missing headers); unknown columns are ignored; blank rows skipped.
/// Each module validates its rows and reports <see cref="SheetRowError"/>s; rows with errors are not stored.
/// </summary>
public static class SheetImport
{
    public const int MaxRows = 20_000;

    public static IReadOnlyList<SheetRow> Read(byte[] xlsx, IReadOnlyList<SheetColumn> columns, string field = "file")
    {
        if (xlsx.Length < 4 || xlsx[0] != 0x50 || xlsx[1] != 0x4b)
            throw new RequestValidationException(field, "请上传 Excel 工作簿（.xlsx）；.xls、CSV 等格式请先在 Excel 中另存为 .xlsx");
        string[] header;
        IEnumerable<TabularRow> rows;
        try
        {
            (header, rows) = XlsxSheet.Read(new MemoryStream(xlsx, writable: false));
        }
        catch (Jobs.JobFailedException e)
        {
            throw new RequestValidationException(field, e.Message);
        }
        var index = new Dictionary<string, int>();
        for (var i = 0; i < header.Length; i++)
        {
            var h = Normalise(header[i]);
            var col = columns.FirstOrDefault(c => c.Headers.Any(x => Normalise(x) == h));
            if (col is not null) index.TryAdd(col.Field, i);
        }
        var missing = columns.Where(c => c.Required && !index.ContainsKey(c.Field)).Select(c => c.Label).ToList();
        if (missing.Count > 0)
            throw new RequestValidationException(field,
                $"表头缺少必填列：{string.Join("、", missing)}（第 1 行应为表头，可用列名：{string.Join("、", columns.Select(c => c.Headers[0]))}）");
        var result = new List<SheetRow>();
        foreach (var r in rows)
        {
            if (result.Count >= MaxRows)
                throw new RequestValidationException(field, $"一次最多导入 {MaxRows:N0} 行，请拆分文件");
            result.Add(new SheetRow(r.RowNumber, index.ToDictionary(kv => kv.Key, kv => kv.Value < r.Cells.Length ? r.Cells[kv.Value] : "")));
        }
        return result;
    }

    /// <summary>An export: header labels and rows, as XLSX bytes.</summary>
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var ms = new MemoryStream();
        XlsxSheet.Write(ms, header, rows);
        return ms.ToArray();
    }

    private static string Normalise(string h) =>
        new string(h.Where(ch => !char.IsWhiteSpace(ch) && ch is not ('*' or '＊' or '（' or '）' or '(' or ')')).ToArray()).ToLowerInvariant();
}
