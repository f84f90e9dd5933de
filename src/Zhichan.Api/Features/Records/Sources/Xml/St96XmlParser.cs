using System.Xml;
using System.Xml.Linq;

namespace Zhichan.Api.Features.Records.Sources.Xml;

/// <summary>
/// WIPO ST.96 (namespaces http://www.wipo.int/standards/XMLSchema/ST96/…): patent publications/applications
/// (one draft each), trademarks (one draft per tmk:Trademark, whatever the wrapper: TrademarkApplication,
/// TrademarkBag …), design applications (one draft per dgn:Design, with the application's number, date and
/// applicants) and geographical indication applications (one draft each).
/// </summary>
public sealed class St96XmlParser : IXmlRecordParser
{
    private static readonly HashSet<string> PatentDocuments = new(StringComparer.Ordinal) { "PatentPublication", "PatentApplication", "PatentGrant" };
    private static readonly HashSet<string> GiDocuments = new(StringComparer.Ordinal) { "GIApplication", "GIRegistration", "GIData" };

    /// <summary>Trademark event codes with a known meaning (USPTO prosecution history).</summary>
    private static readonly Dictionary<string, string> MarkEventCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["R.PRA"] = LegalEventCodes.Granted, ["R.SRA"] = LegalEventCodes.Granted,
        ["PUBO"] = LegalEventCodes.Published, ["PUBOA"] = LegalEventCodes.Published,
    };

    /// <summary>Event descriptions with a known meaning, by prefix.</summary>
    private static readonly (string Prefix, string Code)[] MarkEventDescriptions =
    [
        ("REGISTERED-PRINCIPAL REGISTER", LegalEventCodes.Granted), ("REGISTERED-SUPPLEMENTAL REGISTER", LegalEventCodes.Granted),
        ("PUBLISHED FOR OPPOSITION", LegalEventCodes.Published), ("ABANDONMENT", LegalEventCodes.Withdrawn),
        ("CANCELLED", LegalEventCodes.Terminated), ("EXPIRED", LegalEventCodes.Expired),
    ];

    IReadOnlyCollection<XmlFormat> IXmlRecordParser.Formats =>
        [XmlFormat.St96Patent, XmlFormat.St96Trademark, XmlFormat.St96Design, XmlFormat.St96GeographicalIndication];

    /// <summary>Drafts of every ST.96 patent, trademark, design and GI record in the stream.</summary>
    public IEnumerable<RecordDraft> Parse(Stream xml, string sourceName) => XmlDocumentWalker.Read(xml, sourceName, [this]);

    bool IXmlRecordParser.IsRecordElement(XmlReader reader) =>
        XmlFormatDetector.FromElement(reader.LocalName, reader.NamespaceURI) switch
        {
            XmlFormat.St96Patent => PatentDocuments.Contains(reader.LocalName),
            XmlFormat.St96Trademark => reader.LocalName == "Trademark",
            XmlFormat.St96Design => reader.LocalName is "DesignApplication" or "Design",
            XmlFormat.St96GeographicalIndication => GiDocuments.Contains(reader.LocalName),
            _ => false,
        };

    IEnumerable<RecordDraft> IXmlRecordParser.ParseElement(XElement element) =>
        XmlFormatDetector.FromElement(element.Name.LocalName, element.Name.NamespaceName) switch
        {
            XmlFormat.St96Patent => [ParsePatent(element)],
            XmlFormat.St96Trademark => [ParseTrademark(element)],
            XmlFormat.St96Design => ParseDesignApplication(element),
            XmlFormat.St96GeographicalIndication => [ParseGi(element)],
            _ => [],
        };

    // ---------------- patents ----------------

    internal static RecordDraft ParsePatent(XElement doc)
    {
        var draft = new RecordDraft();
        var bib = doc.Kid("BibliographicData");
        var docLang = doc.Attr("languageCode");

        var publication = bib.Kid("PatentPublicationIdentification");
        draft.Office = publication.KidVal("IPOfficeCode") ?? doc.KidVal("IPOfficeCode");
        draft.PublicationNumber = publication.KidVal("PublicationNumber");
        draft.PublicationKind = publication.KidVal("PatentDocumentKindCode");
        draft.PublicationDate = publication.KidVal("PublicationDate") ?? doc.Attr("documentPublicationDate");

        var application = bib.Kid("ApplicationIdentification");
        draft.ApplicationNumber = application.Kid("ApplicationNumber").KidVal("ApplicationNumberText");
        draft.ApplicationDate = application.KidVal("FilingDate");
        var subject = application.KidVal("InventionSubjectMatterCategory");
        draft.AddExtra("subject_matter", subject);
        draft.RightType = subject?.ToLowerInvariant() switch
        {
            "design" => RightTypes.Design,
            "plant" => RightTypes.PlantVariety,
            "utility model" => RightTypes.UtilityModel,
            _ => DraftExtensions.PatentRightType(draft.Office, draft.PublicationKind),
        };

        foreach (var p in bib.Kid("PriorityClaimBag").Kids("PriorityClaim"))
            draft.AddPriority(p.KidVal("IPOfficeCode"), p.Kid("ApplicationNumber").KidVal("ApplicationNumberText"), p.KidVal("FilingDate"));

        // Classifications: IPC main (symbol position F) first.
        var classifications = bib.Kid("PatentClassificationBag");
        var ipcr = classifications.Kid("IPCRClassificationBag").Kids("IPCRClassification").ToList();
        foreach (var c in ipcr.Where(c => c.KidVal("SymbolPositionCode") == "F").Concat(ipcr))
            draft.Ipc.AddDistinct(Symbol(c.KidVal("Section"), c));
        foreach (var c in classifications.Kid("CPCClassificationBag").Desc("CPCClassification"))
            draft.AppendExtra("cpc", Symbol(c.KidVal("CPCSection"), c));
        foreach (var c in classifications.Kids("NationalClassification"))
        {
            var main = c.Kid("MainNationalClassification");
            draft.AppendExtra("national_classification", XmlText.Join("/", main.KidVal("NationalClass"), main.KidVal("NationalSubclass")) ?? main.Val());
        }

        draft.SetTitles(bib.Kid("InventionTitleBag").Kids("InventionTitle").Select(t => (t.Attr("languageCode") ?? docLang, t.Val())), docLang);

        foreach (var citation in bib.Kid("ReferenceCitationBag").Kids("ReferenceCitation"))
            draft.AppendExtra("citations", Citation(citation.Kid("PatentCitation").Kid("CitedPatentDocumentIdentification")) ?? citation.Kid("NPLCitation").KidVal("NPLCitationText"), "\n");

        // Related documents.
        string? priorPublicationDate = null;
        foreach (var relation in bib.Kid("RelatedDocumentBag")?.Elements() ?? [])
        {
            if (relation.Name.LocalName == "RelatedPublication")
            {
                var prior = relation.FirstDesc("PatentPublicationIdentification");
                draft.AddExtra("prior_publication", XmlText.Join(" ", prior.KidVal("IPOfficeCode"), prior.KidVal("PublicationNumber"), prior.KidVal("PatentDocumentKindCode"), prior.KidVal("PublicationDate")));
                priorPublicationDate ??= prior.KidVal("PublicationDate");
                continue;
            }

            var parent = relation.Kid("ParentDocument");
            var key = relation.Name.LocalName == "Division" ? "parent_application" : "related_" + relation.Name.LocalName.ToLowerInvariant();
            draft.AppendExtra(key, ApplicationId(parent.Kid("PatentDocumentIdentification").Kid("ApplicationIdentification")));
            draft.AddExtra("pct_application", ApplicationId(parent.Kid("PCTDocumentParent").Kid("ApplicationIdentification")));
        }

        // Parties.
        var parties = bib.Kid("PartyBag");
        foreach (var p in parties.Kid("ApplicantBag").Kids("Applicant")) AddParty(draft, PartyRoles.Applicant, p);
        foreach (var p in parties.Kid("InventorBag").Kids("Inventor")) AddParty(draft, PartyRoles.Inventor, p);
        foreach (var p in parties.Kid("AssigneeBag").Kids("Assignee")) AddParty(draft, PartyRoles.Owner, p);
        foreach (var p in parties.Kid("RegisteredPractitionerBag").Kids("RegisteredPractitioner").Concat(parties.Kid("RepresentativeBag").Kids("Representative")))
            AddRepresentative(draft, p);
        var examiners = parties.Kid("ExaminerBag");
        draft.AddExtra("examiner", ContactName(examiners.Kid("PrimaryExaminer")));
        draft.AddExtra("assistant_examiner", ContactName(examiners.Kid("AssistantExaminer")));

        // Texts.
        var abstracts = doc.Kids("Abstract").ToList();
        var abstractElement = abstracts.FirstOrDefault(a => a.Attr("languageCode") == "zh") ?? abstracts.FirstOrDefault();
        if (abstractElement is not null)
            draft.Abstract = XmlText.Join("\n", [.. abstractElement.Kids("P").Select(p => XmlText.Inline(p, hardBreaks: true))]) ?? abstractElement.Val();
        var claimSets = doc.Kids("Claims").ToList();
        var claims = claimSets.FirstOrDefault(c => c.Attr("languageCode") == "zh") ?? claimSets.FirstOrDefault();
        draft.SetClaims(claims.Kids("Claim").Select(c => XmlText.ClaimText(c, true, "ClaimNumber", "ClaimTypeCategory")).OfType<string>().ToList());

        // Events.
        draft.AddEvent(LegalEventCodes.Filed, draft.ApplicationDate);
        draft.AddEvent(LegalEventCodes.Published, priorPublicationDate);
        St36Document.AddPublicationEvents(draft);
        return draft;
    }

    // ---------------- trademarks ----------------

    internal static RecordDraft ParseTrademark(XElement tm)
    {
        var draft = new RecordDraft { RightType = RightTypes.Trademark };
        draft.Office = tm.KidVal("RegistrationOfficeCode") ?? tm.Kid("ApplicationNumber").KidVal("IPOfficeCode");
        draft.ApplicationNumber = tm.Kid("ApplicationNumber").KidVal("ApplicationNumberText");
        draft.ApplicationDate = tm.KidVal("ApplicationDate");
        draft.GrantNumber = tm.KidVal("RegistrationNumber");
        draft.GrantDate = tm.KidVal("RegistrationDate");
        draft.AddExtra("status", tm.KidVal("MarkCurrentStatusCode"));
        draft.AddExtra("status_date", tm.KidVal("MarkCurrentStatusDate"));
        draft.AddExtra("status_description", tm.Kid("NationalTrademarkInformation").KidVal("MarkCurrentStatusExternalDescriptionText"));
        draft.AddExtra("mark_category", tm.KidVal("MarkCategory"));
        draft.AddExtra("mark_feature", tm.KidVal("MarkFeatureCategory"));
        draft.AddExtra("expiry_date", tm.KidVal("ExpiryDate"));
        draft.AddExtra("filing_place", tm.KidVal("FilingPlace"));

        // The mark.
        var representation = tm.Kid("MarkRepresentation");
        var reproduction = representation.Kid("MarkReproduction");
        var word = reproduction.Kid("WordMarkSpecification");
        var markText = word.KidVal("MarkVerbalElementText");
        draft.AddExtra("mark_text", markText);
        var significant = word.KidVal("MarkSignificantVerbalElementText");
        if (significant != markText) draft.AddExtra("mark_significant_text", significant);
        draft.AddExtra("standard_characters", word.KidVal("MarkStandardCharacterIndicator"));
        draft.Title = markText ?? significant;
        foreach (var image in reproduction.Kid("MarkImageBag").Kids("MarkImage"))
        {
            draft.AppendExtra("mark_image", image.KidVal("FileName"));
            draft.AddExtra("colour_claimed", image.KidVal("MarkImageColourClaimedText"));
            foreach (var code in image.Desc("NationalDesignCode").Concat(image.Desc("CategoryCode")))
                draft.AppendExtra("design_search_codes", code.Val());
        }

        draft.AddExtra("mark_description", representation.Kid("MarkDescriptionBag").KidVal("MarkDescriptionText"));
        draft.AddExtra("mark_translation", tm.Desc("MarkTranslationText").FirstOrDefault().Val());
        draft.AddExtra("mark_transliteration", tm.Desc("MarkTransliteration").FirstOrDefault().Val());

        // Goods and services: Nice classes, national classes, the goods of each class.
        foreach (var goods in tm.Kid("GoodsServicesBag").Kids("GoodsServices"))
        {
            foreach (var c in goods.Kid("GoodsServicesClassificationBag").Kids("GoodsServicesClassification"))
            {
                var kind = c.KidVal("ClassificationKindCode");
                if (c.KidVal("ClassNumber") is { } nice && kind is null or "Nice" or "Primary") draft.Nice.AddDistinct(nice);
                if (c.KidVal("NationalClassNumber") is { } national && !(draft.Extra.GetValueOrDefault("national_classes")?.Split(',').Contains(national) ?? false))
                    draft.AppendExtra("national_classes", national, ",");
                draft.AddExtra("nice_edition", c.KidVal("ClassificationVersion"));
            }

            foreach (var d in goods.Kid("ClassDescriptionBag").Kids("ClassDescription"))
            {
                var classNumber = d.KidVal("ClassNumber");
                if (classNumber is not null) draft.Nice.AddDistinct(classNumber);
                var text = XmlText.Join("; ", [.. d.Kids("GoodsServicesDescriptionText").Select(t => t.Val())]);
                if (text is not null) draft.AppendExtra($"goods_services_{classNumber ?? "unclassified"}", text);
                if (classNumber is not null) draft.AddExtra($"class_status_{classNumber}", d.Desc("NationalStatusExternalDescriptionText").FirstOrDefault().Val());
            }

            draft.AddExtra("first_used_date", goods.Kid("NationalFilingBasis").KidVal("FirstUsedDate"));
            draft.AddExtra("first_used_commerce_date", goods.Kid("NationalFilingBasis").KidVal("FirstUsedCommerceDate"));
        }

        foreach (var publication in tm.Kid("PublicationBag").Kids("Publication"))
        {
            draft.PublicationDate ??= publication.KidVal("PublicationDate");
            draft.AddExtra("publication_identifier", publication.KidVal("PublicationIdentifier"));
        }

        foreach (var p in tm.Kid("PriorityBag").Kids("Priority"))
            draft.AddPriority(p.KidVal("PriorityCountryCode"), p.Kid("PriorityNumber").Val() ?? p.Kid("ApplicationNumber").KidVal("ApplicationNumberText"), p.KidVal("PriorityDate") ?? p.KidVal("PriorityApplicationFilingDate"));

        // Parties: USPTO lists the owner at each stage as an "Applicant" with a comment.
        foreach (var applicant in tm.Kid("ApplicantBag").Kids("Applicant"))
        {
            var comment = applicant.KidVal("CommentText")?.ToUpperInvariant() ?? string.Empty;
            var role = comment.Contains("OWNER") || comment.Contains("REGISTRANT") ? PartyRoles.Owner : PartyRoles.Applicant;
            AddParty(draft, role, applicant);
        }

        foreach (var p in tm.Kid("RepresentativeBag").Kids("Representative")) AddRepresentative(draft, p);
        draft.AddExtra("correspondent", ContactName(tm.Kid("NationalCorrespondent")) ?? ContactName(tm.Kid("Correspondent")));

        // Events: filing, publication, registration, then the office's own history.
        draft.AddEvent(LegalEventCodes.Filed, draft.ApplicationDate);
        draft.AddEvent(LegalEventCodes.Published, draft.PublicationDate);
        draft.AddEvent(LegalEventCodes.Granted, draft.GrantDate);
        foreach (var e in tm.Kid("MarkEventBag").Kids("MarkEvent"))
        {
            var national = e.Kid("NationalMarkEvent");
            var code = national.KidVal("MarkEventCode") ?? e.KidVal("MarkEventCode") ?? e.KidVal("MarkEventCategory") ?? "event";
            var description = national.KidVal("MarkEventDescriptionText") ?? e.KidVal("MarkEventDescriptionText");
            var mapped = MarkEventCodes.GetValueOrDefault(code)
                         ?? MarkEventDescriptions.FirstOrDefault(d => description?.StartsWith(d.Prefix, StringComparison.OrdinalIgnoreCase) == true).Code
                         ?? code;
            draft.AddEvent(mapped, e.KidVal("MarkEventDate"), description);
        }

        return draft;
    }

    // ---------------- designs ----------------

    internal static IEnumerable<RecordDraft> ParseDesignApplication(XElement element)
    {
        if (element.Name.LocalName == "Design")
        {
            yield return ParseDesign(element, null);
            yield break;
        }

        foreach (var design in element.Kid("DesignBag").Kids("Design"))
            yield return ParseDesign(design, element);
    }

    private static RecordDraft ParseDesign(XElement design, XElement? application)
    {
        var draft = new RecordDraft { RightType = RightTypes.Design };
        var appNumber = application.Kid("ApplicationNumber") ?? design.Kid("ApplicationNumber");
        draft.Office = application.KidVal("RegistrationOfficeCode") ?? design.KidVal("RegistrationOfficeCode") ?? appNumber.KidVal("IPOfficeCode") ?? application.KidVal("ReceivingOfficeCode");
        draft.ApplicationNumber = appNumber.KidVal("ApplicationNumberText");
        draft.ApplicationDate = application.KidVal("ApplicationDate") ?? design.KidVal("ApplicationDate");
        draft.AddExtra("receiving_office", application.KidVal("ReceivingOfficeCode"));
        draft.AddExtra("design_identifier", design.KidVal("DesignIdentifier"));
        draft.AddExtra("design_total_quantity", application.KidVal("DesignTotalQuantity"));
        draft.GrantNumber = design.KidVal("RegistrationNumber");
        draft.GrantDate = design.KidVal("RegistrationDate");
        draft.AddExtra("right_effective_date", design.KidVal("RightEffectiveDate"));
        draft.AddExtra("expiry_date", design.KidVal("ExpiryDate"));
        draft.AddExtra("status", design.KidVal("DesignCurrentStatusCategory"));
        draft.AddExtra("status_date", design.KidVal("DesignCurrentStatusDate"));
        draft.AddExtra("publication_kind_description", design.KidVal("PublicationKindDescription"));
        draft.AddExtra("view_count", design.KidVal("RepresentationSheetTotalQuantity"));

        var lang = application.KidVal("DesignApplicationLanguageCode");
        draft.SetTitles(design.Kids("DesignTitleText", "DesignTitle").Select(t => (t.Attr("languageCode") ?? lang, t.Val())), lang);
        draft.Abstract = XmlText.Join("\n", [.. design.Kids("DesignDescriptionText").Select(t => t.Val())]);
        draft.SetClaims(design.Kid("DesignClaim").Desc("DesignClaimText").Select(t => t.Val()).OfType<string>().ToList());

        var classes = design.Kid("DesignClassificationBag");
        foreach (var locarno in classes.Kids("LocarnoClassificationBag"))
        {
            draft.AddExtra("locarno_edition", locarno.KidVal("LocarnoClassificationEdition"));
            foreach (var c in locarno.Kids("LocarnoClassificationText", "LocarnoClassification")) draft.Locarno.AddDistinct(c.Val());
        }

        foreach (var national in classes.Kids("NationalDesignClassificationBag"))
            foreach (var c in national.Kids("NationalDesignClassification")) draft.AppendExtra("national_classification", c.Val());

        foreach (var p in design.Kid("PriorityBag").Kids("Priority"))
            draft.AddPriority(p.KidVal("PriorityCountryCode"), p.Kid("ApplicationNumber").KidVal("ApplicationNumberText") ?? p.KidVal("PriorityNumber"), p.KidVal("PriorityApplicationFilingDate") ?? p.KidVal("PriorityDate"));

        foreach (var staff in design.Kid("StaffBag").Kids("Staff"))
            draft.AppendExtra("examiner", XmlText.Join(" ", staff.KidVal("StaffName"), staff.KidVal("OfficialTitleText") is { } t ? $"({t})" : null));

        foreach (var publication in design.Kid("PublicationBag").Kids("Publication"))
        {
            draft.PublicationNumber ??= publication.KidVal("PublicationIdentifier");
            draft.PublicationDate ??= publication.KidVal("PublicationDate");
        }

        foreach (var cited in design.Kid("PatentIdentificationBag").Kids("CitedPatentDocumentIdentification"))
            draft.AppendExtra("citations", Citation(cited), "\n");

        foreach (var p in design.Kid("ApplicantBag").Kids("Applicant").Concat(application.Kid("ApplicantBag").Kids("Applicant")))
            AddParty(draft, PartyRoles.Applicant, p);
        foreach (var p in design.Kid("DesignerBag").Kids("Designer")) AddParty(draft, PartyRoles.Inventor, p);
        foreach (var p in design.Kid("RepresentativeBag").Kids("Representative").Concat(application.Kid("RepresentativeBag").Kids("Representative")))
            AddRepresentative(draft, p);

        draft.AddEvent(LegalEventCodes.Filed, draft.ApplicationDate);
        draft.AddEvent(LegalEventCodes.Granted, draft.GrantDate);
        draft.AddEvent(LegalEventCodes.Published, draft.PublicationDate);
        foreach (var e in application.Kid("DesignApplicationEventBag").Kids("DesignApplicationEvent"))
        {
            var category = e.KidVal("DesignApplicationEventCategory") ?? "event";
            draft.AddEvent(KnownEventCode(category) ?? category, e.KidVal("DesignApplicationEventDate"), e.KidVal("CommentText"));
        }

        return draft;
    }

    // ---------------- geographical indications ----------------

    internal static RecordDraft ParseGi(XElement element)
    {
        var draft = new RecordDraft { RightType = RightTypes.GeographicalIndication };
        var data = element.Name.LocalName == "GIData" ? element : element.Kid("GIData") ?? element;
        var lang = data.Attr("languageCode");
        draft.Office = data.Attr("officeCode") ?? data.KidVal("IPOfficeCode") ?? data.Kid("ApplicationNumber").KidVal("IPOfficeCode");
        draft.ApplicationNumber = data.Kid("ApplicationNumber").KidVal("ApplicationNumberText");
        draft.ApplicationDate = data.KidVal("ApplicationDate");
        draft.GrantNumber = data.KidVal("RegistrationNumber");
        draft.GrantDate = data.KidVal("RegistrationDate");

        var names = data.Kid("GINameBag");
        var name = names.KidVal("GINameText");
        draft.AddExtra("gi_name", name);
        var titles = names.Kids("GINameText", "GINameTranslationText").Select(t => (t.Attr("languageCode") ?? lang, t.Val())).ToList();
        draft.SetTitles(titles, lang);
        if (name is not null) draft.Title = name;

        // The product: Nice classes of the product indication, its own text when given, else the GI name.
        foreach (var c in data.Kid("ProductIndicationBag").Desc("GoodsServicesClassification"))
            draft.Nice.AddDistinct(c.KidVal("ClassNumber"));
        var productText = XmlText.Join("; ", [.. data.Kid("ProductIndicationBag").Desc("GoodsServicesDescriptionText").Concat(data.Kid("ProductIndicationBag").Desc("ProductIndicationText")).Select(t => t.Val())]);
        draft.AddExtra("product_name", productText ?? name);

        var features = data.Kid("FeatureDescriptionBag").Desc("FeatureDescriptionText").ToList();
        draft.Abstract = XmlText.Join("\n", [.. features.Where(f => f.Attr("languageCode") is null || f.Attr("languageCode") == lang).Select(f => f.Val())])
                         ?? XmlText.Join("\n", [.. features.Select(f => f.Val())]);

        foreach (var region in data.Kid("GeographicRegionDescriptionBag").Desc("GeographicRegionDescriptionText"))
        {
            draft.AppendExtra("region", region.Val());
            draft.AddExtra("region_category", region.Attr("geographicRegionDescriptionCategory"));
        }

        draft.AddExtra("gi_category", data.KidVal("GICategory"));
        foreach (var publication in data.Kid("GIPublicationBag").Kids("GIPublication"))
        {
            draft.PublicationDate ??= publication.KidVal("PublicationDate");
            draft.AddExtra("publication_identifier", publication.KidVal("PublicationIdentifier"));
        }

        var root = data == element ? null : element;
        foreach (var p in root.Kid("ApplicantBag").Kids("Applicant").Concat(data.Kid("ApplicantBag").Kids("Applicant")))
            AddParty(draft, PartyRoles.Applicant, p);
        foreach (var p in root.Kid("RepresentativeBag").Kids("Representative").Concat(data.Kid("RepresentativeBag").Kids("Representative")))
            AddRepresentative(draft, p);
        var users = root.Kids("AuthorizedUser").Select(u => ContactName(u)).OfType<string>().ToList();
        if (users.Count > 0)
        {
            draft.AddExtra("authorized_users", string.Join("; ", users));
            draft.AddExtra("authorized_user_count", users.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        draft.AddEvent(LegalEventCodes.Filed, draft.ApplicationDate);
        draft.AddEvent(LegalEventCodes.Published, draft.PublicationDate);
        draft.AddEvent(LegalEventCodes.Granted, draft.GrantDate);
        return draft;
    }

    // ---------------- common ST.96 pieces ----------------

    /// <summary>An ST.96 event category that names one of our event codes ("Filed", "Published", "Registered" …).</summary>
    private static string? KnownEventCode(string category) => category.Trim().ToLowerInvariant() switch
    {
        "filed" or "filing" => LegalEventCodes.Filed,
        "published" or "publication" => LegalEventCodes.Published,
        "registered" or "registration" or "granted" or "grant" => LegalEventCodes.Granted,
        "withdrawn" or "withdrawal" => LegalEventCodes.Withdrawn,
        "refused" or "refusal" or "rejected" => LegalEventCodes.Rejected,
        "expired" or "expiry" => LegalEventCodes.Expired,
        "invalidated" or "invalidation" => LegalEventCodes.Invalidated,
        "cancelled" or "cancellation" => LegalEventCodes.Terminated,
        _ => null,
    };

    private static void AddParty(RecordDraft draft, string role, XElement party)
    {
        var contact = party.Kid("Contact", "PublicationContact");
        var (address, country, postcode) = ContactAddress(contact);
        country ??= party.KidVal("NationalityCode") ?? party.KidVal("IncorporationCountryCode") ?? party.KidVal("ResidenceCountryCode");
        draft.AddParty(role, ContactName(party), address, country, postcode);
    }

    /// <summary>A firm is an agency, a person an agent.</summary>
    private static void AddRepresentative(RecordDraft draft, XElement representative)
    {
        var contact = representative.Kid("Contact", "PublicationContact");
        var name = contact.Kid("Name");
        var isPerson = name.Kid("PersonName") is not null;
        var (address, country, postcode) = ContactAddress(contact);
        draft.AddParty(isPerson ? PartyRoles.Agent : PartyRoles.Agency, ContactName(representative), address, country, postcode);
    }

    /// <summary>Name of a party: organisation name, entity name, or the person's full or structured name.</summary>
    private static string? ContactName(XElement? party)
    {
        if (party is null) return null;
        var name = party.Kid("Contact", "PublicationContact").Kid("Name") ?? party.Kid("Name") ?? party.Kid("Contact", "PublicationContact");
        if (name is null) return null;
        var organization = name.Kid("OrganizationName");
        var person = name.Kid("PersonName");
        var structured = person.Kid("PersonStructuredName");
        return organization.KidVal("OrganizationStandardName")
               ?? organization.Val()
               ?? name.KidVal("EntityName")
               ?? person.KidVal("PersonFullName")
               ?? XmlText.Join(" ", structured.KidVal("NamePrefix"), structured.KidVal("FirstName"), structured.KidVal("MiddleName"),
                   structured.KidVal("LastName"), structured.KidVal("SecondLastName"), structured.KidVal("NameSuffix"))
               ?? person.Val()
               ?? name.Val();
    }

    private static (string? Address, string? Country, string? Postcode) ContactAddress(XElement? contact)
    {
        var postal = contact.Kid("PostalAddressBag").Kid("PostalAddress") ?? contact.Kid("PostalAddress");
        if (postal is null) return (null, null, null);
        var structured = postal.Kid("PostalStructuredAddress");
        var country = structured.KidVal("CountryCode") ?? postal.KidVal("CountryCode");
        var postcode = structured.KidVal("PostalCode") ?? postal.KidVal("PostalCode");
        var text = postal.Kid("PostalAddressText") is { } t
            ? XmlText.Join(", ", [.. t.Kids("AddressLineText").Select(l => l.Val())]) ?? t.Val()
            : XmlText.Join(", ", [.. structured.Kids("AddressLineText").Select(l => l.Val()), structured.KidVal("CityName"), structured.KidVal("GeographicRegionName")]);
        return (text, country, postcode);
    }

    /// <summary>"H01L 21/30" from the parts of an ST.96 IPCR or CPC classification.</summary>
    private static string? Symbol(string? section, XElement c)
    {
        var group = c.KidVal("MainGroup");
        if (section is null || group is null) return c.KidVal("PatentClassificationText") ?? c.KidVal("IPCRClassificationText");
        return $"{section}{c.KidVal("Class")}{c.KidVal("Subclass")} {group}/{c.KidVal("Subgroup") ?? "00"}";
    }

    private static string? Citation(XElement? cited) =>
        cited is null ? null : XmlText.Join(" ", cited.KidVal("IPOfficeCode"), cited.KidVal("DocumentNumber"), cited.KidVal("PatentDocumentKindCode"), cited.KidVal("PatentDocumentDate"), cited.KidVal("EntityName"));

    private static string? ApplicationId(XElement? id) =>
        id is null ? null : XmlText.Join(" ", id.KidVal("IPOfficeCode"), id.Kid("ApplicationNumber").KidVal("ApplicationNumberText"), id.KidVal("FilingDate"));
}
