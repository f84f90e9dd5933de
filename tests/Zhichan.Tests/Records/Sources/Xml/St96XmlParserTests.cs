using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Sources.Xml;
using static Zhichan.Tests.Records.Sources.Xml.XmlTestFiles;

namespace Zhichan.Tests.Records.Sources.Xml;

/// <summary>The WIPO ST.96 examples: patent publication, trademark application, design application, GI application.</summary>
public class St96XmlParserTests
{
    [Fact]
    public void Read_PatentPublication_ExtractsGrantData()
    {
        var d = ReadSingle("xml/wipo-st96/PatentPublication_Example.xml");

        d.SourceRef.ShouldBe("PatentPublication_Example.xml#1");
        d.RightType.ShouldBe(RightTypes.Invention); // a US "Utility" patent is an invention patent
        d.Extra["subject_matter"].ShouldBe("Utility");
        d.Office.ShouldBe("US");
        d.PublicationNumber.ShouldBe("08936998");
        d.PublicationKind.ShouldBe("B2");
        d.PublicationDate.ShouldBe("2015-01-20");
        d.GrantNumber.ShouldBe("08936998");
        d.GrantDate.ShouldBe("2015-01-20");
        d.ApplicationNumber.ShouldBe("13797521");
        d.ApplicationDate.ShouldBe("2013-03-12");
        d.Title.ShouldBe("Manufcaturing method for room-temperature substrate bonding"); // sic
        d.Priorities.ShouldBe(["JP 2007-290922 2007-11-08"]);
        d.Ipc.ShouldBe(["H01L 21/30", "H01L 21/302", "H01L 21/324", "H01L 21/20", "H01L 23/00", "H01L 31/0203"]);
        d.Extra["cpc"].ShouldStartWith("H01L 21/2007; H01L 24/28");
        d.Extra["parent_application"].ShouldBe("US 12741916");
        d.Extra["pct_application"].ShouldBe("WO PCT/JP2008/068544 2008-10-14");
        d.Extra["prior_publication"].ShouldBe("US 20130213561 A1 2013-08-22");
        d.Extra["examiner"].ShouldBe("Jerome Jackson Jr.");
        d.Extra["citations"].Split('\n')[0].ShouldBe("US 6054363 A 2000-04 Sakaguchi et al.");
        d.Abstract.ShouldStartWith("A device is provided with: a first substrate mainly containing silicon dioxide;");
        d.Events.ShouldBe([
            new EventDraft(LegalEventCodes.Filed, "2013-03-12"),
            new EventDraft(LegalEventCodes.Published, "2013-08-22"),
            new EventDraft(LegalEventCodes.Granted, "2015-01-20"),
        ]);
    }

    [Fact]
    public void Read_PatentPublication_ExtractsPartiesAndClaims()
    {
        var d = ReadSingle("xml/wipo-st96/PatentPublication_Example.xml");

        d.Names(PartyRoles.Applicant).ShouldBe(["Jun Utsumi", "Takayuki Goto", "Kensuke Ide", "Hideki Takagi", "Masahiro Funayama"]);
        d.Names(PartyRoles.Inventor).Length.ShouldBe(5);
        d.Names(PartyRoles.Owner).ShouldBe(["Mitsubishi Heavy Industries, Ltd.", "National Institute of Advanced Industrial Science and Technology"]);
        d.Names(PartyRoles.Agency).ShouldBe(["Birch, Stewart, Kolasch & Birch, LLP"]);

        d.Extra["claim_count"].ShouldBe("10");
        var first = d.Extra["first_claim"].Split('\n');
        first[0].ShouldBe("1. A device manufacture method, comprising:"); // ClaimNumber and ClaimTypeCategory left out
        first[1].ShouldBe("sputtering a first surface of a first substrate mainly containing silicon dioxide; and");
        first.Length.ShouldBe(4);
        d.Claims!.Split('\n').ShouldContain("2. The device manufacture method according to claim 1, wherein said first surface is subject to sputtering after said bonding functional intermediate layer is formed thereon.");
    }

    [Fact]
    public void Read_TrademarkApplication_ExtractsMarkClassesAndGoods()
    {
        var d = ReadSingle("xml/wipo-st96/TrademarkApplication_Example.xml");

        d.SourceRef.ShouldBe("TrademarkApplication_Example.xml#1");
        d.RightType.ShouldBe(RightTypes.Trademark);
        d.Office.ShouldBe("US");
        d.ApplicationNumber.ShouldBe("87035559");
        d.ApplicationDate.ShouldBe("2016-05-12");
        d.GrantNumber.ShouldBe("5169753");
        d.GrantDate.ShouldBe("2017-03-28");
        d.PublicationDate.ShouldBe("2017-01-10");
        d.Extra["mark_text"].ShouldBe("LANYI");
        d.Title.ShouldBe("LANYI");
        d.Extra["mark_description"].ShouldBe("The mark consists of the word \"LANYI\" and wave-like logo above.");
        d.Extra["design_search_codes"].ShouldBe("06.03.03");
        d.Extra["status"].ShouldBe("REGISTERED");
        d.Nice.ShouldBe(["009"]); // as written; Primary and Nice kinds give the same class once
        d.Extra["national_classes"].ShouldBe("021,023,026,036,038");
        d.Extra["goods_services_009"].ShouldStartWith("Audio cables; Bags for cameras and photographic equipment; Batteries;");
        d.Extra["goods_services_009"].ShouldEndWith("Wireless telephones; Wireless telephony apparatus");
        d.Extra["correspondent"].ShouldBe("IVY XU");
        d.Parties.ShouldBe([
            new PartyDraft(PartyRoles.Applicant, "Shenzhen Fengniao E-Commerce Co.,Ltd", Country: "CN"),
            new PartyDraft(PartyRoles.Owner, "Shenzhen Fengniao E-Commerce Co.,Ltd", Country: "CN"),
        ]);
    }

    [Fact]
    public void Read_TrademarkApplication_MapsProsecutionHistory()
    {
        var d = ReadSingle("xml/wipo-st96/TrademarkApplication_Example.xml");

        d.Events.Count.ShouldBe(18); // filed + 17 history entries, two of which complete the published/granted events
        d.Events[0].ShouldBe(new EventDraft(LegalEventCodes.Filed, "2016-05-12"));
        d.Events[1].ShouldBe(new EventDraft(LegalEventCodes.Published, "2017-01-10", "PUBLISHED FOR OPPOSITION"));
        d.Events[2].ShouldBe(new EventDraft(LegalEventCodes.Granted, "2017-03-28", "REGISTERED-PRINCIPAL REGISTER"));
        d.Events.ShouldContain(new EventDraft("NWAPI", "2016-05-16", "NEW APPLICATION ENTERED IN TRAM"));
    }

    [Fact]
    public void Read_DesignApplication_ExtractsDesignAndApplicationData()
    {
        var d = ReadSingle("xml/wipo-st96/DesignApplication_Example.xml");

        d.SourceRef.ShouldBe("DesignApplication_Example.xml#1");
        d.RightType.ShouldBe(RightTypes.Design);
        d.Office.ShouldBe("XX");
        d.ApplicationNumber.ShouldBe("35503842");
        d.ApplicationDate.ShouldBe("2017-08-29");
        d.GrantNumber.ShouldBe("123456");
        d.GrantDate.ShouldBe("2017-08-29");
        d.PublicationNumber.ShouldBe("D0123456");
        d.PublicationDate.ShouldBe("2019-01-29");
        d.Title.ShouldBe("Chair");
        d.Locarno.ShouldBe(["06-01"]);
        d.Extra["locarno_edition"].ShouldBe("11");
        d.Extra["national_classification"].ShouldBe("D6/373; D6/375; D6/376");
        d.Priorities.ShouldBe(["WO DM/096824 2017-03-31"]);
        d.Abstract.ShouldBe("1. Chair [seat]\n1.1 is a perspective view; 1.2 is a right side view; 1.3 is a left side view; 1.4 is a front view;\n1.5 is a rear view; 1.6 is a top view; 1.7 is a bottom view.");
        d.Claims.ShouldBe("The ornamental design for a chair, as shown and described.");
        d.Extra["first_claim"].ShouldBe(d.Claims);
        d.Extra["expiry_date"].ShouldBe("2034-01-29");
        d.Extra["examiner"].ShouldBe("Jane Doe (Design Examiner)");
        d.Names(PartyRoles.Applicant).ShouldBe(["HARPER Inc."]); // given twice (design and application), kept once
        d.Names(PartyRoles.Inventor).ShouldBe(["Emma Francis", "Jeannette Altova", "Manuel Ho"]);
        d.Names(PartyRoles.Agency).ShouldBe(["Attorney Firm, LLP"]);

        d.Events.Count.ShouldBe(30); // filed, granted, published + 28 application events, "Filed" merged with filed
        d.Events[0].ShouldBe(new EventDraft(LegalEventCodes.Filed, "2017-08-29", "Application received by XX Office"));
        d.EventDate(LegalEventCodes.Granted).ShouldBe("2017-08-29");
        d.EventDate(LegalEventCodes.Published).ShouldBe("2019-01-29");
        d.Events.ShouldContain(new EventDraft("Undefined", "2019-01-31", "Transmit Statement of Grant to I.B. (Hague)"));
    }

    [Fact]
    public void Read_GiApplication_ExtractsNameRegionProductAndUsers()
    {
        var d = ReadSingle("xml/wipo-st96/GIApplication_Example.xml");

        d.SourceRef.ShouldBe("GIApplication_Example.xml#1");
        d.RightType.ShouldBe(RightTypes.GeographicalIndication);
        d.Office.ShouldBe("FR");
        d.ApplicationNumber.ShouldBe("IG 18-002");
        d.ApplicationDate.ShouldBe("2018-03-19");
        d.PublicationDate.ShouldBe("2018-06-04");
        d.Title.ShouldBe("Tapisserie d'Aubusson");
        d.Extra["gi_name"].ShouldBe("Tapisserie d'Aubusson");
        d.Extra["title_en"].ShouldBe("Aubusson tapestry");
        d.Extra["product_name"].ShouldBe("Tapisserie d'Aubusson");
        d.Extra["region"].ShouldBe("Département de la Creuse");
        d.Extra["region_category"].ShouldBe("Administrative boundaries");
        d.Extra["gi_category"].ShouldBe("Geographical Indication");
        d.Extra["publication_identifier"].ShouldBe("2018-18");
        d.Nice.ShouldBe(["24", "27"]);
        d.Abstract.ShouldBe("La tapisserie d’Aubusson couvre les produits issus de la technique suivante : tapisseries tissées à la main sur métier de basse lisse.");
        d.Names(PartyRoles.Applicant).ShouldBe(["Association LAINAMAC"]);
        d.Extra["authorized_user_count"].ShouldBe("10");
        d.Extra["authorized_users"].ShouldStartWith("Atelier CC Brindelaine; Ateliers PINTON; ROBERT FOUR;");
        d.Extra["authorized_users"].ShouldEndWith("Mairie d'Aubusson");
        d.Events.ShouldBe([new EventDraft(LegalEventCodes.Filed, "2018-03-19"), new EventDraft(LegalEventCodes.Published, "2018-06-04")]);
    }

    [Fact]
    public void Parse_TrademarkBagWithTwoMarks_YieldsOneDraftPerMark()
    {
        const string xml = """
            <tmk:TrademarkBag xmlns:tmk="http://www.wipo.int/standards/XMLSchema/ST96/Trademark" xmlns:com="http://www.wipo.int/standards/XMLSchema/ST96/Common">
              <tmk:Trademark><com:RegistrationOfficeCode>CN</com:RegistrationOfficeCode><com:ApplicationNumber><com:ApplicationNumberText>12345678</com:ApplicationNumberText></com:ApplicationNumber>
                <tmk:MarkRepresentation><tmk:MarkReproduction><tmk:WordMarkSpecification><tmk:MarkVerbalElementText>知产</tmk:MarkVerbalElementText></tmk:WordMarkSpecification></tmk:MarkReproduction></tmk:MarkRepresentation>
                <tmk:GoodsServicesBag><tmk:GoodsServices><tmk:GoodsServicesClassificationBag>
                  <tmk:GoodsServicesClassification><tmk:ClassificationKindCode>Nice</tmk:ClassificationKindCode><tmk:ClassNumber>9</tmk:ClassNumber></tmk:GoodsServicesClassification>
                  <tmk:GoodsServicesClassification><tmk:ClassificationKindCode>Nice</tmk:ClassificationKindCode><tmk:ClassNumber>35</tmk:ClassNumber></tmk:GoodsServicesClassification>
                </tmk:GoodsServicesClassificationBag></tmk:GoodsServices></tmk:GoodsServicesBag>
              </tmk:Trademark>
              <tmk:Trademark><com:ApplicationNumber><com:ApplicationNumberText>87654321</com:ApplicationNumberText></com:ApplicationNumber></tmk:Trademark>
            </tmk:TrademarkBag>
            """;

        var drafts = new St96XmlParser().Parse(Utf8(xml), "tm.xml").ToList();

        drafts.Select(d => d.ApplicationNumber).ShouldBe(["12345678", "87654321"]);
        drafts.Select(d => d.SourceRef).ShouldBe(["tm.xml#1", "tm.xml#2"]);
        drafts[0].Extra["mark_text"].ShouldBe("知产");
        drafts[0].Nice.ShouldBe(["9", "35"]);
        drafts.ShouldAllBe(d => d.RightType == RightTypes.Trademark);
    }
}
