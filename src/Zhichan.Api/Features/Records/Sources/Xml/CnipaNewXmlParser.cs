using System.Xml;
using System.Xml.Linq;

namespace Zhichan.Api.Features.Records.Sources.Xml;

/// <summary>
/// CNIPA current XML format (<c>business:PatentDocumentAndRelated</c>, xsd V2.x, namespaces
/// http://www.sipo.gov.cn/XMLSchema/business and …/base): invention and utility model documents
/// (BibliographicData) and design documents (DesignBibliographicData). One draft per document element.
/// </summary>
public sealed class CnipaNewXmlParser : IXmlRecordParser
{
    IReadOnlyCollection<XmlFormat> IXmlRecordParser.Formats => [XmlFormat.CnipaNew];

    /// <summary>Drafts of every PatentDocumentAndRelated element in the stream (one document, or a collection).</summary>
    public IEnumerable<RecordDraft> Parse(Stream xml, string sourceName) => XmlDocumentWalker.Read(xml, sourceName, [this]);

    bool IXmlRecordParser.IsRecordElement(XmlReader reader) => reader.LocalName == "PatentDocumentAndRelated";

    IEnumerable<RecordDraft> IXmlRecordParser.ParseElement(XElement element) => [ParseDocument(element)];

    internal static RecordDraft ParseDocument(XElement doc)
    {
        var draft = new RecordDraft();
        var bib = doc.Kid("BibliographicData", "DesignBibliographicData");
        var isDesign = bib?.Name.LocalName == "DesignBibliographicData";

        // Publication (the "original" reference is as printed; the "standard" one is CNIPA's normalised copy).
        var publications = bib.Kids("PublicationReference").ToList();
        var publication = Original(publications).Kid("DocumentID");
        draft.Office = publication.KidVal("WIPOST3Code") ?? doc.Attr("country");
        draft.PublicationNumber = publication.KidVal("DocNumber") ?? doc.Attr("docNumber");
        draft.PublicationKind = publication.KidVal("Kind") ?? doc.Attr("kind");
        draft.PublicationDate = publication.KidVal("Date") ?? doc.Attr("datePublication");
        var standardPublication = publications.FirstOrDefault(p => p.Attr("dataFormat") == "standard").Kid("DocumentID").KidVal("DocNumber");
        if (standardPublication != draft.PublicationNumber) draft.AddExtra("publication_number_standard", standardPublication);

        var gazette = bib.At("PublicAvailabilityDate", "GazetteReference") ?? bib.Kid("GazetteReference");
        draft.AddExtra("gazette_number", gazette.KidVal("GazetteNumber"));
        draft.AddExtra("authorized_publication_number", bib.KidVal("AuthorizedPublicationNumber"));
        draft.AddExtra("authorized_publication_date", DateOf(bib.Kid("AuthorizedPublicationDate")));
        draft.AddExtra("patent_number", bib.Kid("PatentNumber")?.Nodes().OfType<XText>().Select(t => t.Value).Aggregate(string.Empty, string.Concat).Trim());
        draft.AddExtra("document_status", doc.Attr("status"));

        // Application.
        var applications = bib.Kids("ApplicationReference").ToList();
        var applicationRef = Original(applications);
        var application = applicationRef.Kid("DocumentID");
        draft.ApplicationNumber = application.KidVal("DocNumber");
        draft.ApplicationDate = application.KidVal("Date");
        var standardApplication = applications.FirstOrDefault(a => a.Attr("dataFormat") == "standard").Kid("DocumentID").KidVal("DocNumber");
        if (standardApplication != draft.ApplicationNumber) draft.AddExtra("application_number_standard", standardApplication);
        var applType = applicationRef.Attr("applType");
        draft.AddExtra("application_type", applType);

        draft.RightType = isDesign
            ? RightTypes.Design
            : DraftExtensions.CnipaApplicationType(applType) ?? DraftExtensions.PatentRightType(draft.Office, draft.PublicationKind);

        // Priorities.
        var priorities = bib.Kid("PriorityDetails").Kids("Priority").ToList();
        foreach (var p in priorities.Where(p => p.Attr("dataFormat") != "standard" || priorities.All(q => q.Attr("dataFormat") == "standard")))
            draft.AddPriority(p.KidVal("WIPOST3Code"), p.KidVal("DocNumber"), p.KidVal("Date"));

        // Classifications.
        foreach (var ipcr in bib.Kids("ClassificationIPCRDetails").SelectMany(d => d.Kids("ClassificationIPCR")))
            draft.Ipc.AddDistinct(IpcSymbol(ipcr));
        foreach (var ipc in bib.Kids("ClassificationIPC"))
        {
            draft.AddExtra("ipc_edition", ipc.KidVal("EditionStatement"));
            foreach (var c in ipc.Kids("MainClassification", "FurtherClassification").Where(c => c.Attr("dataFormat") != "standard"))
                draft.Ipc.AddDistinct(c.Raw());
            foreach (var t in ipc.Kids("Text")) draft.Ipc.AddDistinct(t.Raw());
        }

        foreach (var locarno in bib.Kids("ClassificationLocarno"))
        {
            draft.AddExtra("locarno_edition", locarno.KidVal("EditionStatement"));
            foreach (var c in locarno.Kids("MainClassification", "FurtherClassification", "Text").Where(c => c.Attr("dataFormat") != "standard"))
                draft.Locarno.AddDistinct(c.Raw());
        }

        // Titles.
        var titles = bib.Kids("InventionTitle", "DesignTitle").Select(t => (t.Attr("lang"), t.Val()));
        draft.SetTitles(titles, doc.Attr("lang"));

        // Related documents: divisions, continuations…
        foreach (var relation in bib.Kid("RelatedDocuments")?.Elements() ?? bib.Kids("Division"))
        {
            var parent = relation.FirstDesc("ParentDocument").Kid("DocumentID");
            var key = relation.Name.LocalName == "Division" ? "parent_application" : "related_" + relation.Name.LocalName.ToLowerInvariant();
            draft.AddExtra(key, XmlText.Join(" ", parent.KidVal("WIPOST3Code"), parent.KidVal("DocNumber"), parent.KidVal("Date")));
        }

        // Parties (invention/utility: inside Parties; design: directly in DesignBibliographicData).
        var parties = bib.Kid("Parties") ?? bib;
        ReadApplicants(draft, parties.Kid("ApplicantDetails").Kids("Applicant"), PartyRoles.Applicant);
        ReadApplicants(draft, bib.Kid("AssigneeDetails").Kids("Assignee"), PartyRoles.Owner);
        foreach (var person in parties.Kid("InventorDetails").Kids("Inventor").Concat(parties.Kid("DesignerDetails").Kids("Designer")))
        {
            var (name, address, country, postcode) = ReadBook(Book(person) ?? person);
            draft.AddParty(PartyRoles.Inventor, name, address, country, postcode);
        }

        var agents = parties.Kid("AgentDetails");
        draft.AddExtra("agency_code", agents.KidVal("CustomerNumber"));
        foreach (var agent in agents.Kids("Agent"))
        {
            var agencyBook = Book(agent.Kid("Agency"));
            var (agencyName, agencyCode) = DraftExtensions.SplitAgencyCode(agencyBook.KidVal("OrganizationName") ?? agencyBook.KidVal("Name"));
            draft.AddExtra("agency_code", agencyCode);
            draft.AddParty(PartyRoles.Agency, agencyName);
            var (name, address, country, postcode) = ReadBook(Book(agent));
            draft.AddParty(PartyRoles.Agent, name, address, country, postcode);
        }

        draft.AddExtra("correspondence_address", parties.Kid("CorrespondenceAddress").Val());

        // PCT data.
        draft.AddExtra("pct_application", XmlText.Join(" ", bib.KidVal("PCTApplicationNumber"), DateOf(bib.Kid("PCTApplicationDate"))));
        draft.AddExtra("pct_publication", XmlText.Join(" ", bib.KidVal("PCTPublicationNumber"), DateOf(bib.Kid("PCTPublicationDate"))));
        draft.AddExtra("pct_national_entry_date", DateOf(bib.Kid("NationalStageEntryDate")));
        draft.AddExtra("pct_application", DocumentId(bib.Kid("PCTOrRegionalApplicationData").Kid("DocumentID")));
        draft.AddExtra("pct_publication", DocumentId(bib.Kid("PCTOrRegionalPublishingData").Kid("DocumentID")));

        // Texts.
        var abstracts = doc.Kids("Abstract").ToList();
        var abstractElement = abstracts.FirstOrDefault(a => a.Attr("lang") == "zh") ?? abstracts.FirstOrDefault();
        draft.Abstract = Paragraphs(abstractElement) ?? Paragraphs(doc.Kid("DesignBriefExplanation"));
        var claimSets = doc.Kids("Claims").ToList();
        var claims = claimSets.FirstOrDefault(c => c.Attr("lang") == "zh") ?? claimSets.FirstOrDefault();
        draft.SetClaims(claims.Kids("Claim").Select(c => XmlText.ClaimText(c, hardBreaks: true)).OfType<string>().ToList());

        // Events: a filing date means filed; a grant kind (B, C, U, Y, S) means granted, any other publication published.
        draft.AddEvent(LegalEventCodes.Filed, draft.ApplicationDate);
        if (DraftExtensions.IsGrantKind(draft.Office ?? "CN", draft.PublicationKind) || (isDesign && draft.PublicationKind is null))
        {
            draft.GrantNumber = draft.PublicationNumber;
            draft.GrantDate = draft.PublicationDate;
            draft.AddEvent(LegalEventCodes.Granted, draft.PublicationDate);
        }
        else
        {
            draft.AddEvent(LegalEventCodes.Published, draft.PublicationDate);
        }

        draft.AddEvent(LegalEventCodes.Rejected, DateOf(bib.Kid("DateApplicationRefused")));
        draft.AddEvent(LegalEventCodes.Withdrawn, DateOf(bib.Kid("DateApplicationWithdrawnByApplicant")));
        draft.AddEvent(LegalEventCodes.Withdrawn, DateOf(bib.Kid("DateApplicationDeemedWithdrawn")));
        draft.AddEvent(LegalEventCodes.Invalidated, DateOf(bib.Kid("RevocationDate")));
        return draft;
    }

    private static void ReadApplicants(RecordDraft draft, IEnumerable<XElement> applicants, string role)
    {
        foreach (var applicant in applicants)
        {
            var book = Book(applicant) ?? applicant;
            var (name, address, country, postcode) = ReadBook(book);
            var first = role == PartyRoles.Applicant && !draft.Parties.Any(p => p.Role == PartyRoles.Applicant);
            draft.AddParty(role, name, address, country, postcode);
            if (!first || name is null) continue;

            // Structured address of the first applicant (the CNIPA file gives province/city/county separately).
            var addr = book.Kid("Address");
            draft.AddExtra("applicant_province", Real(addr.KidVal("Province")));
            draft.AddExtra("applicant_city", Real(addr.KidVal("City")));
            draft.AddExtra("applicant_county", Real(addr.KidVal("County")));
            draft.AddExtra("applicant_organization_code", Real(applicant.KidVal("OrganizationCode")));
        }
    }

    /// <summary>The Chinese address book when there are several languages.</summary>
    private static XElement? Book(XElement? party)
    {
        var books = party.Kids("AddressBook").ToList();
        return books.FirstOrDefault(b => b.Attr("lang") is null or "zh") ?? books.FirstOrDefault();
    }

    private static (string? Name, string? Address, string? Country, string? Postcode) ReadBook(XElement? book)
    {
        if (book is null) return (null, null, null, null);
        var name = book.KidVal("Name") ?? book.KidVal("OrganizationName") ?? PersonName(book.KidVal("LastName"), book.KidVal("FirstName"));
        var addr = book.Kid("Address");
        var postcode = Real(addr.KidVal("PostCode"));
        var text = Real(addr.KidVal("Text"))
                   ?? XmlText.Join(string.Empty, Real(addr.KidVal("Province")), Real(addr.KidVal("City")), Real(addr.KidVal("County")),
                       Real(addr.KidVal("AddressCity")), Real(addr.KidVal("Street")), Real(addr.KidVal("AddressBuilding")),
                       Real(addr.KidVal("AddressFloor")), Real(addr.KidVal("AddressRoom")), Real(addr.KidVal("AddressLine")));
        var (address, code) = DraftExtensions.SplitCnPostcode(text, postcode);
        var country = Real(addr.KidVal("WIPOST3Code")) ?? Real(book.KidVal("WIPOST3Code"));
        return (name, address, country, code);
    }

    internal static string? PersonName(string? last, string? first)
    {
        if (last is null) return first;
        if (first is null) return last;
        return last.Any(c => c >= '\u2E80') ? last + first : first + " " + last;
    }

    /// <summary>The CNIPA files fill unknown fields with "0" / "0000000000" / "00000000".</summary>
    private static string? Real(string? value) => value is null || value.All(c => c == '0') ? null : value;

    private static XElement? Original(List<XElement> references) =>
        references.FirstOrDefault(r => r.Attr("dataFormat") == "original") ?? references.FirstOrDefault();

    private static string? DateOf(XElement? e) => e is null ? null : Real(e.KidVal("Date") ?? e.Val());

    private static string? DocumentId(XElement? id) =>
        id is null ? null : XmlText.Join(" ", id.KidVal("WIPOST3Code"), id.KidVal("DocNumber"), id.KidVal("Kind"), Real(id.KidVal("Date")));

    private static string? Paragraphs(XElement? e)
    {
        if (e is null) return null;
        var paragraphs = e.Kids("Paragraphs").Select(p => XmlText.Inline(p, hardBreaks: true)).Where(p => p.Length > 0).ToList();
        return paragraphs.Count > 0 ? string.Join("\n", paragraphs) : e.Val();
    }

    /// <summary>
    /// The IPC as printed, padding and version included ("G09G    3/36    (2006.01)"), or built from the parts
    /// ("G09G 3/36") when there is no text.
    /// </summary>
    private static string? IpcSymbol(XElement ipcr)
    {
        var text = ipcr.Kid("Text").Raw();
        if (text is not null) return text;
        var subclass = XmlText.Join(string.Empty, ipcr.KidVal("Section"), ipcr.KidVal("MainClass"), ipcr.KidVal("Subclass"));
        var group = ipcr.KidVal("MainGroup");
        if (subclass is null || group is null) return null;
        return $"{subclass} {group}/{ipcr.KidVal("Subgroup") ?? "00"}";
    }
}
