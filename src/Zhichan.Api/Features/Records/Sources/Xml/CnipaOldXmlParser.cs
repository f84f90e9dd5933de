using System.Xml;
using System.Xml.Linq;

namespace Zhichan.Api.Features.Records.Sources.Xml;

/// <summary>
/// CNIPA 2006 XML format (<c>cn-patent-document</c>, DTD cn_old.dtd): ST.36 element names, with "cn-" on the
/// CNIPA-specific ones, hard-wrapped text (line breaks and &lt;br/&gt; of the printed page inside sentences).
/// The DTD is never fetched. One draft per cn-patent-document element.
/// </summary>
public sealed class CnipaOldXmlParser : IXmlRecordParser
{
    IReadOnlyCollection<XmlFormat> IXmlRecordParser.Formats => [XmlFormat.CnipaOld];

    /// <summary>Drafts of every cn-patent-document element in the stream (one document, or a collection).</summary>
    public IEnumerable<RecordDraft> Parse(Stream xml, string sourceName) => XmlDocumentWalker.Read(xml, sourceName, [this]);

    bool IXmlRecordParser.IsRecordElement(XmlReader reader) => reader.LocalName == "cn-patent-document";

    IEnumerable<RecordDraft> IXmlRecordParser.ParseElement(XElement element) => [ParseDocument(element)];

    internal static RecordDraft ParseDocument(XElement doc)
    {
        var draft = St36Document.Parse(doc, hardBreaks: false);
        draft.Office ??= "CN";
        draft.RightType = DraftExtensions.CnipaApplicationType(draft.Extra.GetValueOrDefault("application_type"))
                          ?? DraftExtensions.PatentRightType(draft.Office, draft.PublicationKind);
        return draft;
    }
}
