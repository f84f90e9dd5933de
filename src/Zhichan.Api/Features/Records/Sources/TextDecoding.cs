using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Records.Sources;

/// <summary>
/// How the bytes of an uploaded text file become text, strictly (ADR 0021): a gzip file must be complete (its trailer's
/// length and CRC-32 match what was unpacked); binary content is refused as not a text file; the whole file must decode
/// without a single invalid byte — as UTF-8 (with or without BOM) unless that fails, then as GB18030 (a superset of GBK)
/// only if that decodes it entirely — or it is refused with the first bad line and byte offset. An encoding the user names
/// is held to the same rule, and GBK asked for a file that is valid UTF-8 is refused (the text would be garbled). Nothing
/// is ever decoded with replacement characters, so a wrong guess can no longer reach the records.
/// </summary>
public static class TextDecoding
{
    /// <summary>UTF-8 that throws on an invalid byte instead of substituting U+FFFD.</summary>
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(false, throwOnInvalidBytes: true);

    /// <summary>GB18030 (GBK and GB2312 are subsets) that throws on an invalid byte sequence.</summary>
    public static Encoding StrictGb18030 { get; } = CodePage("GB18030");

    /// <summary>A code-page encoding that throws instead of substituting (the provider registered first: field initialisers run before a static constructor).</summary>
    public static Encoding CodePage(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>The supported encodings, for messages.</summary>
    public const string SupportedEncodings = "UTF-8（可带 BOM）或 GBK/GB18030";

    /// <summary>
    /// The file's content as a seekable stream: unpacked when it is gzip, after checking that the gzip stream is complete
    /// (a truncated download unpacks without an error in .NET, to a prefix of the file).
    /// </summary>
    public static Stream Decompress(Stream raw)
    {
        if (!IsGzip(raw)) return raw;
        var ms = new MemoryStream();
        try
        {
            using var gz = new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true);
            gz.CopyTo(ms);
        }
        catch (InvalidDataException e)
        {
            throw new JobFailedException($"gzip 压缩文件已损坏，无法解压（{Describe(e)}）。请重新下载或重新压缩该文件后再导入");
        }
        CheckGzipTrailer(raw, ms);
        ms.Position = 0;
        return ms;
    }

    public static bool IsGzip(Stream s)
    {
        var pos = s.Position;
        Span<byte> b = stackalloc byte[2];
        var n = s.ReadAtLeast(b, 2, throwOnEndOfStream: false);
        s.Position = pos;
        return n == 2 && b[0] == 0x1f && b[1] == 0x8b;
    }

    /// <summary>
    /// The last gzip member's trailer holds the CRC-32 and the length (mod 2^32) of that member's data, which is the end of
    /// what was unpacked: a file cut anywhere leaves compressed bytes there instead, which match neither. (Several members
    /// concatenated — pigz, bgzip — are checked on their last member.)
    /// </summary>
    private static void CheckGzipTrailer(Stream raw, MemoryStream unpacked)
    {
        var cut = $"gzip 压缩文件不完整（可能在下载或复制时被截断）：解压得到 {unpacked.Length:N0} 字节，文件尾部的长度与校验和与之不符。请重新获取完整文件后再导入，已存储的数据未受影响";
        if (raw.Length < 18) throw new JobFailedException(cut);
        var pos = raw.Position;
        Span<byte> trailer = stackalloc byte[8];
        raw.Position = raw.Length - 8;
        raw.ReadExactly(trailer);
        raw.Position = pos;
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        var data = unpacked.GetBuffer().AsSpan(0, (int)unpacked.Length);
        // the last member's data are the last `size` bytes unpacked (files under 4 GiB: the length is not wrapped)
        if (size > data.Length || Crc32.HashToUInt32(data[^(int)size..]) != crc) throw new JobFailedException(cut);
    }

    /// <summary>
    /// The encoding of a text file (the stream is left at its start): the one asked for ("utf-8" or "gbk") if the whole
    /// file decodes in it, else UTF-8 when the whole file is valid UTF-8, else GB18030 when the whole file is valid
    /// GB18030. Refuses binary content and files valid in neither, naming the first bad line and byte offset.
    /// </summary>
    public static (Encoding Encoding, string Name) Detect(Stream s, string? requested)
    {
        RefuseBinary(s);
        var utf8 = FirstInvalid(s, StrictUtf8);
        switch (requested)
        {
            case "utf-8" or "utf8":
                if (utf8 is { } u) throw new JobFailedException($"文件不是有效的 UTF-8 编码：{u}。导入时选择了 UTF-8；若文件是 GBK 编码，请选择“自动识别”或 GBK");
                return (StrictUtf8, "utf-8");
            case "gbk" or "gb2312" or "gb18030":
                if (utf8 is null && HasNonAscii(s))
                    throw new JobFailedException("文件是有效的 UTF-8 编码，按导入时选择的 GBK 读取会把中文变成乱码。请选择“自动识别”或 UTF-8 后重新导入");
                if (FirstInvalid(s, StrictGb18030) is { } g) throw new JobFailedException($"文件不是有效的 GBK/GB18030 编码：{g}。请确认文件编码，或选择“自动识别”");
                return (StrictGb18030, "gbk");
        }
        if (utf8 is null) return (StrictUtf8, "utf-8");
        if (FirstInvalid(s, StrictGb18030) is not { } gb) return (StrictGb18030, "gbk");
        throw new JobFailedException($"文件编码无法识别：按 UTF-8 读取，{utf8}；按 GBK/GB18030 读取，{gb}。" +
            $"支持的编码为 {SupportedEncodings}。请确认文件是完整的文本文件（未被截断、未混入其他编码的内容）后重新导入，已存储的数据未受影响");
    }

    /// <summary>
    /// A file with NUL bytes in its first 8 KB is not text in a supported encoding: UTF-16 (named, with what to do), or
    /// binary (a PDF, an image, an old Excel file …).
    /// </summary>
    /// <param name="xml">an XML file may be UTF-16 (its reader follows the byte-order mark)</param>
    public static void RefuseBinary(Stream s, bool xml = false)
    {
        var head = SourceFormat.Head(s, 8192);
        if (head is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            if (xml) return;
            throw new JobFailedException($"文件是 UTF-16 编码的文本，导入支持 {SupportedEncodings}：请在 Excel 或文本编辑器中另存为“CSV UTF-8”后重新导入");
        }
        if (head.AsSpan().IndexOf((byte)0) < 0) return;
        var kind = head switch
        {
            [0x25, 0x50, 0x44, 0x46, ..] => "PDF 文档",
            [0xD0, 0xCF, 0x11, 0xE0, ..] => "旧版 Office 文件（.xls/.doc）",
            [0x89, 0x50, 0x4E, 0x47, ..] => "PNG 图片",
            [0xFF, 0xD8, ..] => "JPEG 图片",
            [0x52, 0x61, 0x72, 0x21, ..] => "RAR 压缩包",
            [0x37, 0x7A, 0xBC, 0xAF, ..] => "7z 压缩包",
            _ => null,
        };
        throw new JobFailedException($"不是文本文件：文件含有二进制内容{(kind is null ? "" : $"（看起来是{kind}）")}，无法作为表格或 XML 导入。" +
            $"支持的格式：{SourceFormat.Supported}");
    }

    /// <summary>Where the whole stream first fails to decode in <paramref name="encoding"/> ("第 N 行（字节偏移 X）有无效字节 …"), or null.</summary>
    private static string? FirstInvalid(Stream s, Encoding encoding)
    {
        var pos = s.Position;
        s.Position = 0;
        var decoder = encoding.GetDecoder();
        var bytes = new byte[1 << 20];
        var chars = new char[encoding.GetMaxCharCount(bytes.Length)];
        long offset = 0, lines = 1;
        try
        {
            while (true)
            {
                var n = s.Read(bytes, 0, bytes.Length);
                var final = n == 0;
                try
                {
                    decoder.GetChars(bytes, 0, n, chars, 0, flush: final);
                }
                catch (DecoderFallbackException e)
                {
                    var at = Math.Clamp(e.Index, 0, Math.Max(0, n - 1));
                    var line = lines + bytes.AsSpan(0, at).Count((byte)'\n');
                    var bad = e.BytesUnknown is { Length: > 0 } b ? string.Join(" ", b.Take(4).Select(x => $"0x{x:X2}")) : "";
                    return final
                        ? $"文件在第 {line:N0} 行末尾（字节偏移 {offset:N0}）以不完整的字符结束，文件可能被截断"
                        : $"第 {line:N0} 行（字节偏移 {offset + at:N0}）有无效字节 {bad}";
                }
                if (final) return null;
                lines += bytes.AsSpan(0, n).Count((byte)'\n');
                offset += n;
            }
        }
        finally
        {
            s.Position = pos;
        }
    }

    private static bool HasNonAscii(Stream s)
    {
        var pos = s.Position;
        s.Position = 0;
        var buf = new byte[1 << 20];
        try
        {
            int n;
            while ((n = s.Read(buf, 0, buf.Length)) > 0)
                if (!System.Text.Ascii.IsValid(buf.AsSpan(0, n))) return true;
            return false;
        }
        finally
        {
            s.Position = pos;
        }
    }

    /// <summary>A .NET exception's message is English: the user gets its kind only, never its text.</summary>
    private static string Describe(Exception e) => e is InvalidDataException ? "压缩数据无效" : "读取出错";
}
