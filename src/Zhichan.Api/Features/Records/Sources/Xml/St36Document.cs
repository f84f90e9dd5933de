using System.Xml.Linq;

namespace Zhichan.Api.Features.Records.Sources.Xml;

/// <summary>
/// Reads documents built on the WIPO ST.36 element set (lower-case, hyphenated names: bibliographic-data,
/// publication-reference/document-id, parties/applicants/applicant/addressbook …). The CNIPA 2006 format uses the same
/// names with a "cn-" prefix on its own elements (cn-bibliographic-data, cn-parties, cn-applicant …) and the USPTO
/// Red/Yellow Book with "us-"; both prefixes are accepted wherever a plain ST.36 name is.
/// </summary>
internal static class St36Document
{
    private static readonly string[] Prefixes = ["", "cn-", "us-"];

    public static bool Is(XElement e, string name)
    {
        var local = e.Name.LocalName;
        foreach (var prefix in Prefixes)
            if (local.Length == prefix.Length + name.Length && local.StartsWith(prefix, StringComparison.Ordinal) && local.EndsWith(name, StringComparison.Ordinal))
                return true;
        return false;
    }

    public static XElement? K(this XElement? e, string name) => e?.Elements().FirstOrDefault(x => Is(x, name));

    public static IEnumerable<XElement> Ks(this XElement? e, string name) => e is null ? [] : e.Elements().Where(x => Is(x, name));

    public static string? KV(this XElement? e, string name) => e.K(name).Val();

    /// <summary>
    /// Fills a draft from an ST.36-style document. <paramref name="hardBreaks"/>: whether &lt;br/&gt; inside claims is a
    /// real line break (false for the CNIPA 2006 files, where it only repeats the print layout's line wrap).
    /// </summary>
    public static RecordDraft Parse(XElement doc, bool hardBreaks)
    {
        var draft = new RecordDraft();
        var bib = doc.Elements().FirstOrDefault(e => Prefixes.Any(p => e.Name.LocalName.StartsWith(p + "bibliographic-data", StringComparison.Ordinal)));
        var docLang = doc.Attr("lang");

        var publicationRef = bib.K("publication-reference");
        var publication = publicationRef.K("document-id");
        draft.Office = publication.KV("country") ?? doc.Attr("country");
        draft.PublicationNumber = publication.KV("doc-number") ?? doc.Attr("doc-number");
        draft.PublicationKind = publication.KV("kind") ?? doc.Attr("kind");
        draft.PublicationDate = publication.KV("date") ?? doc.Attr("date-publ");
        draft.AddExtra("gazette_number", publicationRef.K("gazette-reference").KV("gazette-num"));

        var applicationRef = bib.K("application-reference");
        var application = applicationRef.K("document-id");
        draft.ApplicationNumber = application.KV("doc-number");
        draft.ApplicationDate = application.KV("date");
        var applType = applicationRef.Attr("appl-type");
        draft.AddExtra("application_type", applType);
        draft.RightType = (draft.Office == "CN" ? DraftExtensions.CnipaApplicationType(applType) : null)
                          ?? DraftExtensions.PatentRightType(draft.Office, draft.PublicationKind);

        foreach (var p in bib.K("priority-claims").Ks("priority-claim"))
            draft.AddPriority(p.KV("country"), p.KV("doc-number"), p.KV("date"));

        foreach (var c in bib.K("classifications-ipcr").Ks("classification-ipcr"))
        {
            var symbol = c.K("text").Raw();
            if (symbol is null && c.KV("section") is { } section)
                symbol = $"{section}{c.KV("class")}{c.KV("subclass")} {c.KV("main-group")}/{c.KV("subgroup")}";
            draft.Ipc.AddDistinct(symbol);
        }

        var ipc = bib.K("classification-ipc");
        draft.AddExtra("ipc_edition", ipc.KV("edition"));
        foreach (var c in ipc.Ks("main-classification").Concat(ipc.Ks("further-classification")))
            draft.Ipc.AddDistinct(c.Raw());

        var locarno = bib.K("classification-locarno");
        draft.AddExtra("locarno_edition", locarno.KV("edition"));
        foreach (var c in locarno.Ks("main-classification").Concat(locarno.Ks("further-classification")))
            draft.Locarno.AddDistinct(c.Raw());

        draft.SetTitles(bib.Ks("invention-title").Select(t => (t.Attr("lang") ?? (draft.Office == "CN" ? "zh" : docLang), t.Val())), docLang);

        // Abstract: in the bibliographic data for CNIPA, at document level for WIPO/USPTO.
        var abstracts = bib.Ks("abstract").Concat(doc.Ks("abstract")).ToList();
        var abstractElement = Preferred(abstracts, docLang);
        if (abstractElement is not null)
        {
            var paragraphs = abstractElement.Elements().Where(p => p.Name.LocalName == "p")
                .Select(p => XmlText.Inline(p, hardBreaks)).Where(p => p.Length > 0).ToList();
            draft.Abstract = paragraphs.Count > 0 ? string.Join("\n", paragraphs) : abstractElement.Val();
            foreach (var deposit in abstractElement.Desc("bio-deposit"))
                draft.AppendExtra("bio_deposit", XmlText.Join(" ", deposit.KidVal("depositary"), deposit.KidVal("bio-accno")));
        }

        ReadParties(draft, bib);

        foreach (var relation in bib.K("related-documents")?.Elements() ?? [])
        {
            var parent = relation.FirstDesc("parent-doc").K("document-id");
            var key = relation.Name.LocalName == "division" ? "parent_application" : "related_" + relation.Name.LocalName.Replace('-', '_');
            draft.AddExtra(key, DocumentId(parent));
        }

        draft.AddExtra("pct_application", DocumentId(bib.K("pct-or-regional-filing-data").K("document-id")));
        draft.AddExtra("pct_publication", DocumentId(bib.K("pct-or-regional-publishing-data").K("document-id")));
        draft.AddExtra("pct_national_entry_date", bib.K("date-pct-article-22-39-fulfilled").KV("date"));

        // Claims: CNIPA puts them in application-body, WIPO/USPTO at document level.
        var claimSets = doc.Ks("claims").Concat(doc.K("application-body").Ks("claims")).ToList();
        var claims = Preferred(claimSets, docLang);
        draft.SetClaims(claims.Ks("claim").Select(c => XmlText.ClaimText(c, hardBreaks)).OfType<string>().ToList());
        foreach (var other in claimSets.Where(c => c != claims && c.Attr("lang") is not null))
        {
            var texts = other.Ks("claim").Select(c => XmlText.ClaimText(c, hardBreaks)).OfType<string>().ToList();
            if (texts.Count > 0) draft.AddExtra("claims_" + other.Attr("lang")!.ToLowerInvariant(), string.Join("\n", texts));
        }

        AddPublicationEvents(draft);
        return draft;
    }

    /// <summary>filed (application date), and granted (grant kind) or published (any other kind).</summary>
    public static void AddPublicationEvents(RecordDraft draft)
    {
        draft.AddEvent(LegalEventCodes.Filed, draft.ApplicationDate);
        if (DraftExtensions.IsGrantKind(draft.Office, draft.PublicationKind))
        {
            draft.GrantNumber ??= draft.PublicationNumber;
            draft.GrantDate ??= draft.PublicationDate;
            draft.AddEvent(LegalEventCodes.Granted, draft.GrantDate);
        }
        else
        {
            draft.AddEvent(LegalEventCodes.Published, draft.PublicationDate);
        }
    }

    private static void ReadParties(RecordDraft draft, XElement? bib)
    {
        var parties = bib.K("parties");
        foreach (var applicant in parties.K("applicants").Ks("applicant"))
            AddPerson(draft, PartyRoles.Applicant, applicant);
        foreach (var inventor in parties.K("inventors").Ks("inventor").Concat(parties.K("designers").Ks("designer")))
            AddPerson(draft, PartyRoles.Inventor, inventor);
        foreach (var assignee in bib.K("assignees").Ks("assignee").Concat(parties.K("assignees").Ks("assignee")))
            AddPerson(draft, PartyRoles.Owner, assignee);

        foreach (var agent in parties.K("agents").Ks("agent"))
        {
            var agency = agent.K("agency");
            if (agency is not null)
            {
                var (agencyName, code) = DraftExtensions.SplitAgencyCode(agency.KV("name") ?? BookName(agency.K("addressbook")));
                draft.AddParty(PartyRoles.Agency, agencyName);
                draft.AddExtra("agency_code", code);
            }

            var book = agent.K("addressbook");
            var personName = agent.KV("name") ?? PersonOnly(book);
            if (personName is not null) draft.AddParty(PartyRoles.Agent, personName);
            else if (book.KV("orgname") is { } firm) draft.AddParty(PartyRoles.Agency, firm, Address(book.K("address")).Address);
        }
    }

    private static void AddPerson(RecordDraft draft, string role, XElement party)
    {
        var book = party.K("addressbook");
        var name = party.KV("name") ?? BookName(book);
        var (address, postcode, country) = Address(book.K("address") ?? party.K("address"));
        country ??= party.K("residence").KV("country") ?? party.K("nationality").KV("country");
        if (draft.Office == "CN")
        {
            var split = DraftExtensions.SplitCnPostcode(address, postcode);
            address = split.Address;
            postcode = split.Postcode;
        }

        draft.AddParty(role, name, address, country, postcode);
    }

    private static string? BookName(XElement? book) =>
        book.KV("name") ?? book.KV("orgname") ?? PersonOnly(book);

    private static string? PersonOnly(XElement? book) =>
        book is null ? null : XmlText.Join(" ", book.KV("prefix"), book.KV("first-name"), book.KV("middle-name"), book.KV("last-name"), book.KV("suffix"));

    private static (string? Address, string? Postcode, string? Country) Address(XElement? address)
    {
        if (address is null) return (null, null, null);
        var text = address.KV("text");
        var postcode = address.KV("postcode");
        var country = address.KV("country");
        if (text is null)
        {
            var lines = address.Elements().Where(e => e.Name.LocalName.StartsWith("address-", StringComparison.Ordinal) || e.Name.LocalName is "street" or "mailcode" or "pobox" or "room" or "address-floor" or "building")
                .Select(e => e.Val());
            text = XmlText.Join(", ", [.. lines, address.KV("city"), address.KV("county"), address.KV("state")]);
        }

        return (text, postcode, country);
    }

    private static string? DocumentId(XElement? id) =>
        id is null ? null : XmlText.Join(" ", id.KV("country"), id.KV("doc-number"), id.KV("kind"), id.KV("date"));

    /// <summary>Chinese first, then the document language, then the first one.</summary>
    private static XElement? Preferred(List<XElement> elements, string? docLang) =>
        elements.FirstOrDefault(e => e.Attr("lang")?.ToLowerInvariant() == "zh")
        ?? elements.FirstOrDefault(e => docLang is not null && string.Equals(e.Attr("lang"), docLang, StringComparison.OrdinalIgnoreCase))
        ?? elements.FirstOrDefault();
}
