using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Zhichan.Api.Platform.Files;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Records.Sources.Tabular;


/// <summary>
/// Reads CSV (in the encoding <see cref="TextDecoding.Detect"/> found; gzip-compressed or plain) and XLSX (first worksheet, streamed with the
/// OpenXML SAX reader) into a header and rows.
/// </summary>
public static class TabularSource
{
    public static bool IsZip(Stream s) => SourceFormat.Head(s, 4) is [0x50, 0x4b, 0x03, 0x04];

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

    /// <summary>First worksheet of an XLSX: see <see cref="XlsxSheet.Read"/>.</summary>
    public static (string[] Header, IEnumerable<TabularRow> Rows) ReadXlsx(Stream s) => XlsxSheet.Read(s);

    /// <summary>Writes an XLSX (header + rows): see <see cref="XlsxSheet.Write"/>.</summary>
    public static void WriteXlsx(Stream output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows) =>
        XlsxSheet.Write(output, header, rows);
}
