using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace Zhichan.Api.Features.Records.Sources.Xml;

/// <summary>
/// Reader settings that are safe for untrusted uploads, and the translation of <see cref="XmlException"/> into a
/// Chinese <see cref="XmlImportException"/>.
/// </summary>
internal static partial class XmlSecurity
{
    static XmlSecurity()
    {
        // GBK / GB2312 / GB18030 declarations of Chinese files.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>
    /// DTDs are parsed only for their internal subset: <see cref="XmlReaderSettings.XmlResolver"/> is null, so neither
    /// the external DTD (ep-patent-document-v1-0.dtd …) nor external entities (XXE) are ever fetched, from the network
    /// or the disk; an external entity expands to nothing. Entity expansion is capped (billion laughs).
    /// </summary>
    public static XmlReaderSettings ReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Parse,
        XmlResolver = null,
        MaxCharactersFromEntities = 1_000_000,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
        ConformanceLevel = ConformanceLevel.Document,
    };

    public static XmlImportException Translate(XmlException ex, string? sourceName, int linesBefore)
    {
        var line = ex.LineNumber > 0 ? ex.LineNumber + linesBefore : 0;
        var position = ex.LinePosition;
        var detail = Explain(ex.Message);
        var message = line > 0
            ? $"XML格式错误：第 {line} 行第 {position} 列：{detail}"
            : $"XML格式错误：{detail}";
        return new XmlImportException(message, sourceName, line, position, ex);
    }

    /// <summary>The parser's fault in Chinese: its English text is never shown (the line and column are).</summary>
    private static string Explain(string message)
    {
        var original = LinePositionSuffix().Replace(message, string.Empty).Trim();
        bool Has(string s) => original.Contains(s, StringComparison.OrdinalIgnoreCase);
        if (Has("Unexpected end of file")) return "文件意外结束，文档不完整（可能被截断）";
        if (Has("Root element is missing")) return "缺少根元素，文件中没有XML内容";
        if (Has("undeclared entity")) return "引用了未声明的实体（外部DTD不会被加载）";
        if (Has("does not match the end tag")) return "开始标记与结束标记不匹配";
        if (Has("invalid character") || Has("Invalid character in the given encoding")) return "包含在声明的编码下无效的字符（请检查文件编码：XML 文件应为 UTF-8，或在 XML 声明中写明实际编码）";
        if (Has("multiple root elements")) return "存在多个根元素";
        if (Has("hexadecimal value") || Has("is an invalid character")) return "包含XML不允许的控制字符";
        if (Has("DTD") || Has("entity")) return "文档类型定义（DTD）或实体不合法";
        if (Has("name") && Has("start")) return "元素或属性名称不合法";
        return "文档结构不合法";
    }

    [GeneratedRegex(@"\s*Line \d+, position \d+\.?\s*$")]
    private static partial Regex LinePositionSuffix();
}
