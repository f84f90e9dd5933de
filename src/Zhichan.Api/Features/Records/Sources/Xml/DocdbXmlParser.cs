using System.Xml;
using System.Xml.Linq;

namespace Zhichan.Api.Features.Records.Sources.Xml;

/// <summary>
/// EPO DOCDB exchange documents (<c>exch:exchange-documents</c>, namespace http://www.epo.org/exchange; ADR 0018): the
/// bibliographic data of a publication of any office with its DOCDB <b>family id</b> and priorities, which the count of
/// invention patents with an overseas family (高价值发明专利) needs. One draft per <c>exch:exchange-document</c>.
/// <para>DOCDB repeats the parties and titles in several data formats (docdb: normalised upper case with the residence
/// country; docdba/epodoc; original: as filed): the docdb format is taken when present, the original otherwise. The old IPC
/// (classification-ipc: edition, main and further classification, or the fixed-width text 7C 07C  29/44   A) and the IPC
/// reform symbols (classifications-ipcr) are both read. A deleted document (status D) gives no draft.</para>
/// </summary>
public sealed class DocdbXmlParser : IXmlRecordParser
{
    public const string Namespace = "http://www.epo.org/exchange";

    IReadOnlyCollection<XmlFormat> IXmlRecordParser.Formats => [XmlFormat.Docdb];

    bool IXmlRecordParser.IsRecordElement(XmlReader reader) => reader.LocalName == "exchange-document" && reader.NamespaceURI == Namespace;

    IEnumerable<RecordDraft> IXmlRecordParser.ParseElement(XElement element) =>
        element.Attr("status") == "D" ? [] : [Parse(element)];

    internal static RecordDraft Parse(XElement doc)
    {
        var draft = new RecordDraft();
        var bib = doc.Kid("bibliographic-data");
        draft.FamilyId = doc.Attr("family-id");
        draft.AddExtra("docdb_doc_id", doc.Attr("doc-id"));
        draft.AddExtra("family_representative", doc.Attr("is-representative") == "YES" ? "是" : null);

        // publication: the element's own attributes, or its docdb document-id
        var publication = Preferred(bib.Kids("publication-reference")).Kid("document-id");
        draft.Office = doc.Attr("country") ?? publication.KidVal("country");
        draft.PublicationNumber = doc.Attr("doc-number") ?? publication.KidVal("doc-number");
        draft.PublicationKind = doc.Attr("kind") ?? publication.KidVal("kind");
        draft.PublicationDate = doc.Attr("date-publ") ?? publication.KidVal("date");
        draft.RightType = DraftExtensions.PatentRightType(draft.Office, draft.PublicationKind);
        // a CN number carries its kind, as in every other CN source (CN103345678A)
        if (draft.Office == "CN" && draft.PublicationNumber is not null) draft.PublicationNumber += draft.PublicationKind;

        // application: the original number (as the office writes it) when given, else the docdb one
        var applications = bib.Kids("application-reference").ToList();
        var original = applications.SelectMany(a => a.Kids("document-id")).FirstOrDefault(d => d.Attr("document-id-type") == "original")
                       ?? applications.FirstOrDefault(a => a.Attr("data-format") == "original").Kid("document-id");
        var docdb = Preferred(applications).Kid("document-id");
        draft.ApplicationNumber = original.KidVal("doc-number") ?? docdb.KidVal("doc-number");
        draft.ApplicationDate = docdb.KidVal("date") ?? original.KidVal("date");
        draft.AddExtra("docdb_application_number", XmlText.Join(" ", docdb.KidVal("country"), docdb.KidVal("doc-number"), docdb.KidVal("kind")));

        // priorities: each claim once, in its docdb form (country, number, date)
        var claims = bib.Kid("priority-claims").Kids("priority-claim").ToList();
        var docdbClaims = claims.Where(c => c.Attr("data-format") == "docdb").ToList();
        foreach (var claim in docdbClaims.Count > 0 ? docdbClaims : claims)
        {
            var id = claim.Kids("document-id").FirstOrDefault(d => d.Attr("document-id-type") is null or "docdb") ?? claim.Kid("document-id");
            draft.AddPriority(id.KidVal("country"), id.KidVal("doc-number"), id.KidVal("date"));
        }

        // classifications: the IPC reform symbols, then the old IPC (main first)
        foreach (var c in bib.Kid("classifications-ipcr").Kids("classification-ipcr"))
            draft.Ipc.AddDistinct(c.Kid("text").Raw());
        foreach (var ipc in bib.Kids("classification-ipc"))
        {
            var edition = ipc.KidVal("edition");
            foreach (var text in ipc.Kids("text")) draft.Ipc.AddDistinct(text.Raw());
            foreach (var c in ipc.Kids("main-classification", "further-classification"))
                draft.Ipc.AddDistinct(c.Raw());
            draft.AddExtra("ipc_edition", edition);
        }

        // titles: one per language, in the docdba / original format
        var titles = bib.Kids("invention-title").Select(t => (t.Attr("lang"), t.Val())).DistinctBy(t => t.Item1).ToList();
        draft.SetTitles(titles, "en");

        // parties: the docdb format (normalised names, residence country), else the original
        var parties = bib.Kid("parties");
        foreach (var p in Format(parties.Kid("applicants").Kids("applicant")))
            draft.AddParty(PartyRoles.Applicant, p.Kid("applicant-name").KidVal("name"), Address(p), p.Kid("residence").KidVal("country"));
        foreach (var p in Format(parties.Kid("inventors").Kids("inventor")))
            draft.AddParty(PartyRoles.Inventor, p.Kid("inventor-name").KidVal("name"), Address(p), p.Kid("residence").KidVal("country"));

        // abstract: Chinese, else English, else the first; one borrowed from another member of the family says so
        var abstracts = doc.Kids("abstract").ToList();
        var chosen = abstracts.FirstOrDefault(a => a.Attr("lang") == "zh") ?? abstracts.FirstOrDefault(a => a.Attr("lang") == "en") ?? abstracts.FirstOrDefault();
        if (chosen is not null)
        {
            draft.Abstract = XmlText.Join("\n", [.. chosen.Kids("p").Select(p => XmlText.Inline(p))]) ?? chosen.Val();
            if (chosen.Attr("doc-number") is { } from)
                draft.AddExtra("abstract_from", XmlText.Join("", chosen.Attr("country"), from, chosen.Attr("kind")));
        }

        // events: what the dates say
        draft.AddEvent(LegalEventCodes.Filed, draft.ApplicationDate);
        if (DraftExtensions.IsGrantKind(draft.Office, draft.PublicationKind))
        {
            draft.GrantNumber = draft.PublicationNumber;
            draft.GrantDate = draft.PublicationDate;
            draft.AddEvent(LegalEventCodes.Granted, draft.GrantDate);
        }
        else draft.AddEvent(LegalEventCodes.Published, draft.PublicationDate);
        return draft;
    }

    /// <summary>The reference in the docdb data format when there is one, else the first.</summary>
    private static XElement? Preferred(IEnumerable<XElement> references)
    {
        var list = references.ToList();
        return list.FirstOrDefault(r => r.Attr("data-format") == "docdb") ?? list.FirstOrDefault();
    }

    /// <summary>The parties in the docdb data format when any are, else in the original format, else all.</summary>
    private static IEnumerable<XElement> Format(IEnumerable<XElement> parties)
    {
        var list = parties.ToList();
        var docdb = list.Where(p => p.Attr("data-format") == "docdb").ToList();
        if (docdb.Count > 0) return docdb;
        var original = list.Where(p => p.Attr("data-format") == "original").ToList();
        return original.Count > 0 ? original : list;
    }

    /// <summary>An address when the party has one (the original format may): street, city.</summary>
    private static string? Address(XElement party)
    {
        var adr = party.FirstDesc("address");
        if (adr is null) return null;
        var lines = adr.Elements().Where(e => e.Name.LocalName != "country").Select(e => e.Val()).ToArray();
        return XmlText.Join(", ", lines);
    }
}
