using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Platform.Files;

/// <summary>One data row of a CSV or XLSX file: its 1-based row number in the file (header = row 1) and its cells.</summary>
public sealed record TabularRow(long RowNumber, string[] Cells);

/// <summary>
/// Reads the first worksheet of an XLSX (streamed with the OpenXML SAX reader) into a header and rows, and writes one.
/// Shared by the records importer and every module's list import and export.
/// </summary>
public static class XlsxSheet
{
    public static (string[] Header, IEnumerable<TabularRow> Rows) Read(Stream s)
    {
        SpreadsheetDocument doc;
        try
        {
            doc = SpreadsheetDocument.Open(s, false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            throw new JobFailedException($"XLSX 文件已损坏或不是有效的 Excel 工作簿（{(e is FileFormatException ? "文件结构无效" : "压缩数据无效")}），请在 Excel 中重新保存后导入");
        }
        var wb = doc.WorkbookPart ?? throw new JobFailedException("XLSX 文件中没有工作簿");
        var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        var firstSheet = wb.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new JobFailedException("XLSX 文件中没有工作表");
        var part = (WorksheetPart)wb.GetPartById(firstSheet.Id!);
        var rows = ReadSheet(part, shared).GetEnumerator();
        if (!rows.MoveNext()) { doc.Dispose(); throw new JobFailedException("文件为空：没有表头行"); }
        var header = rows.Current.Cells.Select(c => c.Trim()).ToArray();
        return (header, Rest(rows, doc));

        static IEnumerable<TabularRow> Rest(IEnumerator<TabularRow> rows, SpreadsheetDocument doc)
        {
            using (doc)
            using (rows)
                while (rows.MoveNext())
                    if (!rows.Current.Cells.All(string.IsNullOrWhiteSpace)) yield return rows.Current;
        }
    }

    private static IEnumerable<TabularRow> ReadSheet(WorksheetPart part, string[] shared)
    {
        using var reader = DocumentFormat.OpenXml.OpenXmlReader.Create(part);
        uint previous = 0;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            var row = (Row)reader.LoadCurrentElement()!;
            // the row number is optional in the file format (writers other than Excel leave it out): then the row follows the previous one
            previous = row.RowIndex?.Value ?? previous + 1;
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var col = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                while (cells.Count < col) cells.Add("");
                cells.Add(CellText(cell, shared));
            }
            yield return new TabularRow(previous, cells.ToArray());
        }
    }

    private static string CellText(Cell c, string[] shared)
    {
        var v = c.CellValue?.Text ?? c.InnerText ?? "";
        if (c.DataType?.Value == CellValues.SharedString && int.TryParse(v, out var i) && i < shared.Length) return shared[i];
        if (c.DataType?.Value == CellValues.InlineString) return c.InlineString?.InnerText ?? "";
        return v;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var n = 0;
        foreach (var ch in reference)
        {
            if (!char.IsAsciiLetter(ch)) break;
            n = n * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        }
        return n - 1;
    }

    /// <summary>Writes an XLSX (header + rows) — used by tests and exports.</summary>
    public static void Write(Stream output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var doc = SpreadsheetDocument.Create(output, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        var wb = doc.AddWorkbookPart();
        wb.Workbook = new Workbook();
        var ws = wb.AddNewPart<WorksheetPart>();
        using (var w = DocumentFormat.OpenXml.OpenXmlWriter.Create(ws))
        {
            w.WriteStartElement(new Worksheet());
            w.WriteStartElement(new SheetData());
            WriteRow(w, header);
            foreach (var r in rows) WriteRow(w, r);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        wb.Workbook.AppendChild(new Sheets(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = "Sheet1" }));
        wb.Workbook.Save();

        static void WriteRow(DocumentFormat.OpenXml.OpenXmlWriter w, IReadOnlyList<string?> cells)
        {
            w.WriteStartElement(new Row());
            foreach (var c in cells)
            {
                w.WriteStartElement(new Cell { DataType = CellValues.InlineString });
                w.WriteElement(new InlineString(new Text(c ?? "")));
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
    }
}
