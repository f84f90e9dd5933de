using System.Xml;
using Zhichan.Api.Features.Records.Sources;

namespace Zhichan.Api.Features.Records.Sources.Xml;

/// <summary>The XML formats the importer understands.</summary>
public enum XmlFormat
{
    Unknown = 0,
    /// <summary>CNIPA current format: business:PatentDocumentAndRelated (xsd V2.x).</summary>
    CnipaNew,
    /// <summary>CNIPA 2006 format: cn-patent-document.</summary>
    CnipaOld,
    /// <summary>WIPO ST.36 patent documents: EPO ep-patent-document, WIPO patent-document, USPTO us-patent-grant/application.</summary>
    St36,
    St96Patent,
    St96Trademark,
    St96Design,
    St96GeographicalIndication,
    /// <summary>EPO DOCDB exchange documents: exch:exchange-documents / exch:exchange-document.</summary>
    Docdb,
}

/// <summary>Result of sniffing a file: the format, and the root element it was decided on.</summary>
public sealed record XmlFormatDetection(XmlFormat Format, string? RootElement, string? RootNamespace)
{
    /// <summary>Chinese error for an unrecognised file, null when the format is known.</summary>
    public string? Error => Format == XmlFormat.Unknown ? XmlFormatDetector.UnknownFormatMessage(RootElement, RootNamespace) : null;
}

/// <summary>
/// Tells the formats apart from the root element and its namespace (never from the file name). A root that is only a
/// wrapper (a collection of documents under an arbitrary root) is looked through: the first recognised document
/// element decides.
/// </summary>
public static class XmlFormatDetector
{
    internal const string St96NamespacePrefix = "http://www.wipo.int/standards/XMLSchema/ST96/";

    /// <summary>Elements the detector looks at inside an unrecognised root before giving up.</summary>
    private const int MaxElementsToSniff = 1000;

    private static readonly HashSet<string> St36Roots = new(StringComparer.Ordinal)
    {
        "ep-patent-document", "patent-document", "wo-patent-document", "us-patent-grant", "us-patent-application",
    };

    /// <summary>Display names used in messages.</summary>
    public static string DisplayName(XmlFormat format) => format switch
    {
        XmlFormat.CnipaNew => "CNIPA 专利文献（新格式 PatentDocumentAndRelated）",
        XmlFormat.CnipaOld => "CNIPA 专利文献（2006 格式 cn-patent-document）",
        XmlFormat.St36 => "WIPO ST.36 专利文献",
        XmlFormat.St96Patent => "WIPO ST.96 专利",
        XmlFormat.St96Trademark => "WIPO ST.96 商标",
        XmlFormat.St96Design => "WIPO ST.96 外观设计",
        XmlFormat.St96GeographicalIndication => "WIPO ST.96 地理标志",
        XmlFormat.Docdb => "EPO DOCDB 交换格式",
        _ => "未知格式",
    };

    /// <summary>Sniffs the format of a stream. The stream is read up to the root element (further for a wrapper root)
    /// and rewound when it is seekable. Malformed XML or an empty stream raise <see cref="XmlImportException"/>.</summary>
    public static XmlFormat Detect(Stream xml) => Sniff(xml).Format;

    /// <inheritdoc cref="Detect(Stream)"/>
    public static XmlFormatDetection Sniff(Stream xml, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var start = xml.CanSeek ? xml.Position : -1;
        try
        {
            var splitter = new XmlDocumentSplitter(xml);
            var segment = splitter.NextSegment() ?? throw XmlImportException.Empty(sourceName);
            using var reader = XmlReader.Create(segment, XmlSecurity.ReaderSettings());
            try
            {
                return Sniff(reader);
            }
            catch (XmlException ex)
            {
                throw XmlSecurity.Translate(ex, sourceName, splitter.LinesBefore);
            }
        }
        finally
        {
            if (start >= 0) xml.Position = start;
        }
    }

    /// <summary>Sniffs from a reader (moves it forward).</summary>
    internal static XmlFormatDetection Sniff(XmlReader reader)
    {
        if (reader.MoveToContent() != XmlNodeType.Element) return new XmlFormatDetection(XmlFormat.Unknown, null, null);
        var root = reader.Name;
        var rootNs = reader.NamespaceURI;
        var format = FromElement(reader.LocalName, reader.NamespaceURI);
        if (format != XmlFormat.Unknown || reader.IsEmptyElement) return new XmlFormatDetection(format, root, rootNs);

        var seen = 0;
        while (reader.Read() && seen < MaxElementsToSniff)
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            seen++;
            format = FromElement(reader.LocalName, reader.NamespaceURI);
            if (format != XmlFormat.Unknown) return new XmlFormatDetection(format, root, rootNs);
        }

        return new XmlFormatDetection(XmlFormat.Unknown, root, rootNs);
    }

    /// <summary>The format an element belongs to, from its local name and namespace; Unknown for anything else.</summary>
    public static XmlFormat FromElement(string localName, string? namespaceUri)
    {
        if (localName == "PatentDocumentAndRelated") return XmlFormat.CnipaNew;
        if (localName == "cn-patent-document") return XmlFormat.CnipaOld;
        if (localName is "exchange-documents" or "exchange-document" && namespaceUri == DocdbXmlParser.Namespace) return XmlFormat.Docdb;
        if (St36Roots.Contains(localName)) return XmlFormat.St36;
        if (namespaceUri is not null && namespaceUri.StartsWith(St96NamespacePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var area = namespaceUri[St96NamespacePrefix.Length..].Trim('/');
            if (area.StartsWith("Patent", StringComparison.OrdinalIgnoreCase)) return XmlFormat.St96Patent;
            if (area.StartsWith("Trademark", StringComparison.OrdinalIgnoreCase)) return XmlFormat.St96Trademark;
            if (area.StartsWith("Design", StringComparison.OrdinalIgnoreCase)) return XmlFormat.St96Design;
            if (area.StartsWith("GeographicalIndication", StringComparison.OrdinalIgnoreCase)) return XmlFormat.St96GeographicalIndication;
        }

        return XmlFormat.Unknown;
    }

    internal static string UnknownFormatMessage(string? rootElement, string? rootNamespace) =>
        (rootElement is null
            ? "无法识别的XML格式：没有根元素"
            : string.IsNullOrEmpty(rootNamespace)
                ? $"无法识别的XML格式：根元素 {rootElement}"
                : $"无法识别的XML格式：根元素 {rootElement}（命名空间 {rootNamespace}）") + $"。目前支持：{SourceFormat.Supported}。";
}
