using System.IO.Compression;
using System.Text;
using Zhichan.Api.Features.Records.Sources.Tabular;

namespace Zhichan.Api.Features.Records.Sources;

/// <summary>Which reader a file needs when its format is "auto" (an import, a preview), and the formats it cannot read.</summary>
public static class SourceFormat
{
    /// <summary>
    /// "xlsx" for a ZIP that is an Excel workbook, "zip" for any other ZIP (a package of files), "xml" when the first
    /// character after a BOM and white space is '&lt;' (or, failing that, the name ends in .xml), else "csv". The stream
    /// is left where it was.
    /// </summary>
    public static string Sniff(Stream s, string fileName)
    {
        if (TabularSource.IsZip(s) || IsEmptyZip(s)) return IsWorkbook(s) ? "xlsx" : "zip";
        var pos = s.Position;
        var buf = new byte[256];
        var n = s.Read(buf, 0, buf.Length);
        s.Position = pos;
        var i = 0;
        if (n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF) i = 3;
        while (i < n && buf[i] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t') i++;
        if (i < n && buf[i] == (byte)'<') return "xml";
        return fileName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? "xml" : "csv";
    }

    /// <summary>A ZIP without any file (end-of-central-directory record only).</summary>
    private static bool IsEmptyZip(Stream s)
    {
        var pos = s.Position;
        var buf = new byte[4];
        var n = s.Read(buf, 0, 4);
        s.Position = pos;
        return n == 4 && buf is [0x50, 0x4b, 0x05, 0x06];
    }

    /// <summary>An OOXML workbook: a ZIP with the package's content types and a workbook part.</summary>
    private static bool IsWorkbook(Stream s)
    {
        var pos = s.Position;
        try
        {
            using var zip = new ZipArchive(s, ZipArchiveMode.Read, leaveOpen: true);
            return zip.Entries.Any(e => e.FullName == "[Content_Types].xml") && zip.Entries.Any(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal));
        }
        catch (InvalidDataException)
        {
            return false; // not a readable ZIP: the package reader says why
        }
        finally
        {
            s.Position = pos;
        }
    }

    /// <summary>What the importer reads, for messages that name it (CreateImport's formats, a ZIP of them, gzip of any).</summary>
    public const string Supported =
        "CNIPA 著录项目 CSV、CNIPA 法律状态 CSV（法律状态公告）、中文专利数据库导出表、配置了列映射的 CSV/XLSX、CNIPA XML（现行格式与 2006 格式）、" +
        "WIPO ST.36 XML（含 EPO、USPTO 的 XML 全文）、WIPO ST.96 XML、EPO DOCDB 交换格式 XML（exch:exchange-documents），" +
        "以及由上述文件组成的 ZIP 包、gzip 压缩文件，或多个 XML 文档首尾相接的文件";

    /// <summary>
    /// The name of a format recognised but not read (JPO gazettes, USPTO SGML and Green Book), from the first bytes of a
    /// file; null for anything else (which the readers then try).
    /// </summary>
    public static string? Unsupported(ReadOnlySpan<byte> head)
    {
        var text = Encoding.Latin1.GetString(head);
        var trimmed = text.TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', ' ', '\t', '\r', '\n');
        // USPTO full text 1976–2000 ("Green Book", APS): fixed fields, the first record begins with PATN (HHHHHT header lines before it in some files)
        if (trimmed.StartsWith("PATN", StringComparison.Ordinal) || trimmed.StartsWith("HHHHHT", StringComparison.Ordinal)) return "USPTO Green Book（APS 定长文本，1976–2000 年全文）";
        // USPTO SGML 2001–2004: <!DOCTYPE PATDOC …> / <PATDOC>, not well-formed XML
        if (text.Contains("<!DOCTYPE PATDOC", StringComparison.OrdinalIgnoreCase) || text.Contains("<PATDOC", StringComparison.Ordinal))
            return "USPTO SGML（PATDOC，2001–2004 年全文）";
        // JPO gazettes: elements of the jp: vocabulary (namespace http://www.jpo.go.jp) or a jp- document type
        if (text.Contains("http://www.jpo.go.jp", StringComparison.OrdinalIgnoreCase) || text.Contains("<!DOCTYPE jp-", StringComparison.Ordinal)
            || text.Contains("<jp:", StringComparison.Ordinal) || text.Contains("<jp-official-gazette", StringComparison.Ordinal))
            return "日本特许厅（JPO）公报";
        return null;
    }

    /// <summary>The refusal of an unsupported format: what it is, and what the importer reads instead.</summary>
    public static string Refusal(string format) => $"不支持的格式：{format}。目前支持：{Supported}。";

    /// <summary>The first bytes of an uploaded file, unpacked when it is gzip (only those bytes are unpacked); none of a ZIP.</summary>
    public static byte[] HeadOfUpload(byte[] bytes, int count = 4096)
    {
        if (bytes is [0x50, 0x4b, ..]) return []; // a ZIP: each of its files is checked when it is read
        if (bytes is not [0x1f, 0x8b, ..]) return bytes.Length <= count ? bytes : bytes[..count];
        try
        {
            using var gz = new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress);
            var buf = new byte[count];
            var n = gz.ReadAtLeast(buf, count, throwOnEndOfStream: false);
            return buf[..n];
        }
        catch (InvalidDataException)
        {
            return []; // a broken gzip: the import says so
        }
    }

    /// <summary>The first bytes of a stream (rewound).</summary>
    public static byte[] Head(Stream s, int count = 4096)
    {
        var pos = s.Position;
        var buf = new byte[count];
        var n = s.ReadAtLeast(buf, count, throwOnEndOfStream: false);
        s.Position = pos;
        return buf[..n];
    }
}
