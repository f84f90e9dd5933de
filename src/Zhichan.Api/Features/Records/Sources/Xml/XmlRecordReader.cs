namespace Zhichan.Api.Features.Records.Sources.Xml;

/// <summary>
/// Entry point of the XML import: detects the format of each document in the stream (CNIPA current and 2006
/// formats, WIPO ST.36, WIPO ST.96 patent/trademark/design/GI, EPO DOCDB) from its elements and namespaces, and streams the
/// drafts. A file may hold one document, a collection of documents under any root element, or several complete
/// XML documents one after the other. Each draft's <see cref="RecordDraft.SourceRef"/> is "&lt;sourceName&gt;#&lt;n&gt;"
/// (n = 1-based position of the draft in the file).
/// </summary>
/// <remarks>
/// Errors surface while enumerating: <see cref="XmlImportException"/> for malformed XML (with the file line and
/// column), an empty file ("文件为空") or an unrecognised format ("无法识别的XML格式：根元素 …"). Drafts read
/// before an error have already been returned. DTDs and external entities are never fetched.
/// </remarks>
public sealed class XmlRecordReader
{
    private static readonly IReadOnlyList<IXmlRecordParser> Parsers =
        [new CnipaNewXmlParser(), new CnipaOldXmlParser(), new St36XmlParser(), new St96XmlParser(), new DocdbXmlParser()];

    public IEnumerable<RecordDraft> Read(Stream xml, string sourceName) => XmlDocumentWalker.Read(xml, sourceName, Parsers);
}
