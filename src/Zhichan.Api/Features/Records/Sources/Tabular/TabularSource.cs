using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Records.Sources.Tabular;

/// <summary>One data row of a CSV or XLSX file: its 1-based row number in the file (header = row 1) and its cells.</summary>
public sealed record TabularRow(long RowNumber, string[] Cells);

/// <summary>
/// Reads CSV (UTF-8 with or without BOM, or GBK; gzip-compressed or plain) and XLSX (first worksheet, streamed with the
/// OpenXML SAX reader) into a header and rows. The encoding is detected from the bytes unless given.
/// </summary>
public static class TabularSource
{
    static TabularSource() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gbk => Encoding.GetEncoding("GB18030");

    public static bool IsGzip(Stream s) => Peek(s, 2) is [0x1f, 0x8b];
    public static bool IsZip(Stream s) => Peek(s, 4) is [0x50, 0x4b, 0x03, 0x04];

    private static byte[] Peek(Stream s, int n)
    {
        var pos = s.Position;
        var buf = new byte[n];
        var read = s.Read(buf, 0, n);
        s.Position = pos;
        return buf[..read];
    }

    /// <summary>Opens a file stream, transparently gunzipping; the result is seekable.</summary>
    public static Stream Decompress(Stream raw)
    {
        if (!IsGzip(raw)) return raw;
        var ms = new MemoryStream();
        using (var gz = new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true)) gz.CopyTo(ms);
        ms.Position = 0;
        return ms;
    }

    /// <summary>UTF-8 when the first 256 KB decode strictly as UTF-8 (or a BOM says so), otherwise GB18030 (a superset of GBK).</summary>
    public static (Encoding Encoding, string Name) DetectEncoding(Stream s, string? requested)
    {
        if (requested is "utf-8" or "utf8") return (new UTF8Encoding(false), "utf-8");
        if (requested is "gbk" or "gb2312" or "gb18030") return (Gbk, "gbk");
        var head = Peek(s, 256 * 1024);
        if (head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) return (new UTF8Encoding(false), "utf-8");
        try
        {
            // a multi-byte sequence cut at the end of the sample is not an error
            var len = head.Length;
            if (len == 256 * 1024)
            {
                while (len > 0 && (head[len - 1] & 0xC0) == 0x80) len--;
                if (len > 0 && head[len - 1] >= 0xC0) len--;
            }
            new UTF8Encoding(false, true).GetString(head, 0, len);
            return (new UTF8Encoding(false), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            return (Gbk, "gbk");
        }
    }

    public static (string[] Header, IEnumerable<TabularRow> Rows) ReadCsv(Stream s, Encoding encoding)
    {
        var reader = new StreamReader(s, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = null, MissingFieldFound = null, DetectDelimiter = true, TrimOptions = TrimOptions.None,
        });
        if (!csv.Read()) throw new JobFailedException("文件为空：没有表头行");
        csv.ReadHeader();
        var header = csv.HeaderRecord!.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace)) throw new JobFailedException("文件为空：没有表头行");
        if (header.Any(h => h.Contains('\uFFFD')))
            throw new JobFailedException("文件编码无法识别：表头含有乱码字符。请确认文件为 UTF-8 或 GBK 编码，或在导入时指定编码");
        return (header, Rows(csv, reader));

        static IEnumerable<TabularRow> Rows(CsvReader csv, StreamReader reader)
        {
            using (reader)
            using (csv)
            {
                long row = 1;
                while (csv.Read())
                {
                    row++;
                    var parser = csv.Parser;
                    var cells = new string[parser.Count];
                    for (var i = 0; i < cells.Length; i++) cells[i] = parser[i];
                    if (cells.All(string.IsNullOrWhiteSpace)) continue;
                    yield return new TabularRow(row, cells);
                }
            }
        }
    }

    public static (string[] Header, IEnumerable<TabularRow> Rows) ReadXlsx(Stream s)
    {
        SpreadsheetDocument doc;
        try
        {
            doc = SpreadsheetDocument.Open(s, false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            throw new JobFailedException("XLSX 文件已损坏或不是有效的 Excel 工作簿：" + e.Message);
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
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            var row = (Row)reader.LoadCurrentElement()!;
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var col = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                while (cells.Count < col) cells.Add("");
                cells.Add(CellText(cell, shared));
            }
            yield return new TabularRow(row.RowIndex?.Value ?? 0, cells.ToArray());
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
    public static void WriteXlsx(Stream output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
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
