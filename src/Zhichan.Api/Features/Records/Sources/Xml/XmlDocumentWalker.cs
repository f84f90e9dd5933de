using System.Xml;
using System.Xml.Linq;

namespace Zhichan.Api.Features.Records.Sources.Xml;

/// <summary>One XML format: which elements are records, and how one record element becomes drafts.</summary>
internal interface IXmlRecordParser
{
    /// <summary>The formats this parser reads.</summary>
    IReadOnlyCollection<XmlFormat> Formats { get; }

    /// <summary>Whether the reader (on an element start) is at a record element of this format.</summary>
    bool IsRecordElement(XmlReader reader);

    /// <summary>Drafts of one record element (usually one; an ST.96 design application gives one per design).</summary>
    IEnumerable<RecordDraft> ParseElement(XElement element);
}

/// <summary>
/// Streams a file through the parsers: splits concatenated documents, walks each document with an
/// <see cref="XmlReader"/> and materialises only one record element at a time (<see cref="XNode.ReadFrom"/>), so
/// a multi-gigabyte collection never sits in memory. Numbers the drafts ("file#1", "file#2"…).
/// </summary>
internal static class XmlDocumentWalker
{
    public static IEnumerable<RecordDraft> Read(Stream xml, string sourceName, IReadOnlyList<IXmlRecordParser> parsers)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ReadIterator(xml, sourceName, parsers);
    }

    private static IEnumerable<RecordDraft> ReadIterator(Stream xml, string sourceName, IReadOnlyList<IXmlRecordParser> parsers)
    {
        var splitter = new XmlDocumentSplitter(xml);
        var index = 0;
        while (true)
        {
            var segment = splitter.NextSegment();
            if (segment is null)
            {
                if (splitter.SegmentCount == 0) throw XmlImportException.Empty(sourceName);
                yield break;
            }

            using var reader = XmlReader.Create(segment, XmlSecurity.ReaderSettings());
            var linesBefore = splitter.LinesBefore;
            var (rootName, rootNs, rootFormat) = Guard(sourceName, linesBefore, () =>
            {
                reader.MoveToContent();
                return (reader.Name, reader.NamespaceURI, XmlFormatDetector.FromElement(reader.LocalName, reader.NamespaceURI));
            });

            var records = 0;
            while (true)
            {
                var (element, parser) = Guard(sourceName, linesBefore, () => NextRecord(reader, parsers));
                if (element is null || parser is null) break;
                records++;
                foreach (var draft in parser.ParseElement(element))
                {
                    index++;
                    draft.SourceRef = $"{sourceName}#{index}";
                    yield return draft;
                }
            }

            if (records == 0 && !parsers.Any(p => p.Formats.Contains(rootFormat)))
            {
                if (rootFormat == XmlFormat.Unknown)
                    throw new XmlImportException(XmlFormatDetector.UnknownFormatMessage(rootName, rootNs), sourceName);
                throw new XmlImportException(
                    $"XML格式不匹配：根元素 {rootName} 属于{XmlFormatDetector.DisplayName(rootFormat)}，不能用{string.Join("/", parsers.SelectMany(p => p.Formats).Select(XmlFormatDetector.DisplayName))}解析",
                    sourceName);
            }
        }
    }

    private static (XElement? Element, IXmlRecordParser? Parser) NextRecord(XmlReader reader, IReadOnlyList<IXmlRecordParser> parsers)
    {
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                foreach (var parser in parsers)
                {
                    if (parser.IsRecordElement(reader))
                        return ((XElement)XNode.ReadFrom(reader), parser);
                }
            }

            reader.Read();
        }

        return (null, null);
    }

    private static T Guard<T>(string sourceName, int linesBefore, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (XmlException ex)
        {
            throw XmlSecurity.Translate(ex, sourceName, linesBefore);
        }
    }
}
