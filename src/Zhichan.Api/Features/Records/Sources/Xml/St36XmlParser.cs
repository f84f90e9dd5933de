using System.Xml;
using System.Xml.Linq;

namespace Zhichan.Api.Features.Records.Sources.Xml;

/// <summary>
/// WIPO ST.36 patent documents: the EPO flavour (<c>ep-patent-document</c>, bibliographic data as INID-coded
/// B-elements in SDOBI: B110 publication number, B210 application number, B540 titles, B711 applicants …), and the
/// element-named flavour of WIPO (<c>patent-document</c>) and the USPTO (<c>us-patent-grant</c>,
/// <c>us-patent-application</c>). The DOCTYPE's external DTD is never fetched. One draft per document element.
/// </summary>
public sealed class St36XmlParser : IXmlRecordParser
{
    private static readonly HashSet<string> DocumentElements = new(StringComparer.Ordinal)
    {
        "ep-patent-document", "patent-document", "wo-patent-document", "us-patent-grant", "us-patent-application",
    };

    IReadOnlyCollection<XmlFormat> IXmlRecordParser.Formats => [XmlFormat.St36];

    /// <summary>Drafts of every ST.36 document element in the stream (one document, or a collection).</summary>
    public IEnumerable<RecordDraft> Parse(Stream xml, string sourceName) => XmlDocumentWalker.Read(xml, sourceName, [this]);

    bool IXmlRecordParser.IsRecordElement(XmlReader reader) => DocumentElements.Contains(reader.LocalName);

    IEnumerable<RecordDraft> IXmlRecordParser.ParseElement(XElement element) => [ParseDocument(element)];

    internal static RecordDraft ParseDocument(XElement doc)
    {
        var sdobi = doc.Kid("SDOBI");
        return sdobi is null ? St36Document.Parse(doc, hardBreaks: true) : ParseEpo(doc, sdobi);
    }

    private static RecordDraft ParseEpo(XElement doc, XElement sdobi)
    {
        var draft = new RecordDraft();
        var docLang = doc.Attr("lang") ?? sdobi.Attr("lang");

        // B100: document identification.
        var b100 = sdobi.Kid("B100");
        draft.Office = b100.KidVal("B190") ?? doc.Attr("country");
        draft.PublicationNumber = b100.KidVal("B110") ?? doc.Attr("doc-number");
        draft.PublicationKind = b100.KidVal("B130") ?? doc.Attr("kind");
        draft.PublicationDate = b100.Kid("B140").KidVal("date") ?? doc.Attr("date-publ");
        draft.AddExtra("document_type", b100.Kid("B120").KidVal("B121"));
        draft.RightType = DraftExtensions.PatentRightType(draft.Office, draft.PublicationKind);

        // B200: application.
        var b200 = sdobi.Kid("B200");
        draft.ApplicationNumber = b200.KidVal("B210");
        draft.ApplicationDate = b200.Kid("B220").KidVal("date");
        var examinationRequested = b200.At("B240", "B241").KidVal("date");
        draft.AddExtra("first_examination_report_date", b200.At("B240", "B242").KidVal("date"));
        draft.AddExtra("filing_language", b200.KidVal("B250"));
        draft.AddExtra("procedure_language", b200.KidVal("B251EP"));
        draft.AddExtra("publication_language", b200.KidVal("B260"));

        // B300: priorities, as repeated B310 (number), B320 (date), B330 (country) groups.
        foreach (var b300 in sdobi.Kids("B300"))
        {
            string? number = null, date = null, country = null;
            foreach (var e in b300.Elements())
            {
                switch (e.Name.LocalName)
                {
                    case "B310":
                        if (number is not null) draft.AddPriority(country, number, date);
                        number = e.Val();
                        date = country = null;
                        break;
                    case "B320": date = e.KidVal("date"); break;
                    case "B330": country = e.KidVal("ctry"); break;
                }
            }

            draft.AddPriority(country, number, date);
        }

        // B400: publication of the application (B430) and of the grant (B450).
        var b400 = sdobi.Kid("B400");
        var applicationPublished = b400.Kid("B430").KidVal("date");
        draft.AddExtra("application_publication_date", applicationPublished != draft.PublicationDate ? applicationPublished : null);
        draft.AddExtra("bulletin_number", b400.Kid("B430").KidVal("bnum"));
        var grantMentioned = b400.Kid("B450").KidVal("date");
        draft.AddExtra("grant_bulletin_number", b400.Kid("B450").KidVal("bnum"));
        draft.AddExtra("intention_to_grant_date", b400.Kid("B452EP").KidVal("date"));

        // B500: classifications, titles, citations.
        var b500 = sdobi.Kid("B500");
        foreach (var c in b500.Kid("B510EP").Desc("classification-ipcr"))
            draft.Ipc.AddDistinct(c.Kid("text").Raw());
        foreach (var c in b500.Kid("B510").Kids("B511", "B512"))
            draft.Ipc.AddDistinct(c.Raw());
        draft.AddExtra("ipc_edition", b500.Kid("B510").KidVal("B516"));

        var titles = new List<(string?, string?)>();
        string? titleLang = null;
        foreach (var e in b500.Kid("B540")?.Elements() ?? [])
        {
            if (e.Name.LocalName == "B541") titleLang = e.Val();
            else if (e.Name.LocalName == "B542") titles.Add((titleLang, e.Val()));
        }

        draft.SetTitles(titles, docLang);
        foreach (var citation in b500.Kid("B560")?.Elements() ?? [])
            draft.AppendExtra("citations", citation.KidVal("text") ?? citation.Val(), "\n");

        // B600: related applications (parent = pdoc, divisionals = cdoc).
        foreach (var relation in sdobi.Kid("B600")?.Elements() ?? [])
        {
            foreach (var pdoc in relation.Desc("pdoc"))
                draft.AppendExtra("parent_application", XmlText.Join(" ", pdoc.FirstDesc("anum").Val(), pdoc.KidVal("date")));
            foreach (var cdoc in relation.Desc("cdoc"))
                draft.AppendExtra("divisional_applications", XmlText.Join(" ", cdoc.FirstDesc("anum").Val(), cdoc.KidVal("date")));
        }

        // B700: parties.
        var b700 = sdobi.Kid("B700");
        foreach (var p in b700.Kid("B710").Kids("B711")) AddEpoParty(draft, PartyRoles.Applicant, p);
        foreach (var p in b700.Kid("B720").Kids("B721")) AddEpoParty(draft, PartyRoles.Inventor, p);
        foreach (var p in b700.Kid("B730").Kids("B731")) AddEpoParty(draft, PartyRoles.Owner, p);
        foreach (var p in b700.Kid("B740").Kids("B741")) AddEpoParty(draft, PartyRoles.Agent, p);

        // B800: designated states, PCT data.
        var b800 = sdobi.Kid("B800");
        draft.AddExtra("designated_states", XmlText.Join(",", [.. b800.Kid("B840").Kids("ctry").Select(c => c.Val())]));
        draft.AddExtra("extension_states", XmlText.Join(",", [.. b800.Kid("B844EP").Desc("ctry").Select(c => c.Val())]));
        var pctApplication = b800.At("B860", "B861");
        draft.AddExtra("pct_application", XmlText.Join(" ", pctApplication.FirstDesc("anum").Val(), pctApplication.KidVal("date")));
        var pctPublication = b800.At("B870", "B871");
        draft.AddExtra("pct_publication", XmlText.Join(" ", pctPublication.FirstDesc("pnum").Val(), pctPublication.KidVal("date")));

        // Texts.
        var preferredLang = titles.Any(t => t.Item1 == "zh") ? "zh" : docLang;
        var abstracts = doc.Kids("abstract").ToList();
        var abstractElement = abstracts.FirstOrDefault(a => a.Attr("lang") == preferredLang) ?? abstracts.FirstOrDefault();
        if (abstractElement is not null)
            draft.Abstract = XmlText.Join("\n", [.. abstractElement.Kids("p").Select(p => XmlText.Inline(p, hardBreaks: true))]) ?? abstractElement.Val();

        var claimSets = doc.Kids("claims").ToList();
        var claims = claimSets.FirstOrDefault(c => c.Attr("lang") == preferredLang) ?? claimSets.FirstOrDefault();
        draft.SetClaims(claims.Kids("claim").Select(c => XmlText.ClaimText(c, hardBreaks: true)).OfType<string>().ToList());
        foreach (var other in claimSets.Where(c => c != claims && c.Attr("lang") is not null))
            draft.AddExtra("claims_" + other.Attr("lang")!.ToLowerInvariant(),
                XmlText.Join("\n", [.. other.Kids("claim").Select(c => XmlText.ClaimText(c, hardBreaks: true))]));

        // Events.
        draft.AddEvent(LegalEventCodes.Filed, draft.ApplicationDate);
        if (examinationRequested is not null) draft.AddEvent(LegalEventCodes.Examination, examinationRequested, "请求实质审查");
        draft.AddEvent(LegalEventCodes.Published, applicationPublished ?? (DraftExtensions.IsGrantKind(draft.Office, draft.PublicationKind) ? null : draft.PublicationDate));
        if (DraftExtensions.IsGrantKind(draft.Office, draft.PublicationKind))
        {
            draft.GrantNumber = draft.PublicationNumber;
            draft.GrantDate = grantMentioned ?? draft.PublicationDate;
            draft.AddEvent(LegalEventCodes.Granted, draft.GrantDate);
        }

        return draft;
    }

    private static void AddEpoParty(RecordDraft draft, string role, XElement party)
    {
        var adr = party.Kid("adr");
        var address = XmlText.Join(", ", adr.KidVal("str"), adr.KidVal("city"));
        draft.AddParty(role, party.KidVal("snm"), address, adr.KidVal("ctry"));
    }
}
