using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Sources.Xml;
using static Zhichan.Tests.Records.Sources.Xml.XmlTestFiles;

namespace Zhichan.Tests.Records.Sources.Xml;

/// <summary>The WIPO ST.36 examples (EPO ep-patent-document with SDOBI B-codes) and a synthetic element-named ST.36 document.</summary>
public class St36XmlParserTests
{
    [Fact]
    public void Read_St36aApplication_ExtractsBibliographicData()
    {
        var d = ReadSingle("xml/wipo-st36/st36a_DOC00001.xml");

        d.SourceRef.ShouldBe("st36a_DOC00001.xml#1");
        d.RightType.ShouldBe(RightTypes.Invention);
        d.Office.ShouldBe("EP");
        d.PublicationNumber.ShouldBe("1667425");
        d.PublicationKind.ShouldBe("A1");
        d.PublicationDate.ShouldBe("20060607");
        d.ApplicationNumber.ShouldBe("05255002.7");
        d.ApplicationDate.ShouldBe("20050811");
        d.GrantNumber.ShouldBeNull();
        d.Title.ShouldBe("Image forming method and image forming apparatus");
        d.Extra["title_de"].ShouldBe("Bilderzeugungsverfahren und -apparat");
        d.Extra["title_fr"].ShouldBe("Méthode et appareil de formation d'image");
        d.Extra["document_type"].ShouldBe("EUROPEAN PATENT APPLICATION");
        d.Priorities.ShouldBe(["JP 2004351438 20041203"]);
        d.Ipc.ShouldBe(["H04N   1/40        20060101AFI20051109BHEP"]);
        d.Abstract.ShouldStartWith("An image with sufficient gray-scale representation and high resolution is formed on a medium to be recorded");
        d.Abstract.ShouldEndWith("is compared with the converted gray-scale values of the pixels of the original image."); // the figure is left out
        d.Extra["designated_states"].Split(',').Length.ShouldBe(31);
        d.Extra["designated_states"].ShouldStartWith("AT,BE,BG,CH");
        d.Extra["extension_states"].ShouldBe("AL,BA,HR,MK,YU");
        d.Events.ShouldBe([new EventDraft(LegalEventCodes.Filed, "20050811"), new EventDraft(LegalEventCodes.Published, "20060607")]);
    }

    [Fact]
    public void Read_St36aApplication_ExtractsPartiesAndNestedClaims()
    {
        var d = ReadSingle("xml/wipo-st36/st36a_DOC00001.xml");

        var applicant = d.First(PartyRoles.Applicant);
        applicant.Name.ShouldBe("Wedg Co. Ltd");
        applicant.Address.ShouldBe("Minami Ohtsuka Arrow Bldg. 7F, 3-30-3 Minami Ohsuka, Toshima-ku, Tokyo");
        applicant.Country.ShouldBe("JP");
        d.Names(PartyRoles.Inventor).ShouldBe(["Yoshida, Naoki c/o Wedg Co., Ltd.", "Kasahara, Hiroyuki c/o Wedg Co., Ltd."]);
        var agent = d.First(PartyRoles.Agent);
        agent.Name.ShouldBe("Denmark, James Christopher");
        agent.Country.ShouldBe("GB");

        d.Extra["claim_count"].ShouldBe("9");
        var first = d.Extra["first_claim"].Split('\n');
        first.Length.ShouldBe(4); // the claim and its three nested claim-texts
        first[0].ShouldBe("A method of forming an image by thermally transferring thermal transfer ink of a thermal transfer ink ribbon onto a medium to be recorded by a thermal head, the method comprising the steps of:");
        first[3].ShouldBe("controlling the application of a current to the thermal head depending on the converted gray-scale values of the pixels of the original image.");
        d.Claims.ShouldStartWith(d.Extra["first_claim"] + "\nA method of forming an image");
    }

    [Fact]
    public void Read_St36bGrant_ExtractsGrantProprietorsAndAllLanguages()
    {
        var d = ReadSingle("xml/wipo-st36/st36b_DOC00001.xml");

        d.PublicationNumber.ShouldBe("1599469");
        d.PublicationKind.ShouldBe("B1");
        d.PublicationDate.ShouldBe("20060607");
        d.GrantNumber.ShouldBe("1599469");
        d.GrantDate.ShouldBe("20060607");
        d.ApplicationNumber.ShouldBe("04818324.8");
        d.ApplicationDate.ShouldBe("20041029");
        d.RightType.ShouldBe(RightTypes.Invention);
        d.Title.ShouldBe("TETRAZOLE DERIVATIVES AND METHODS OF TREATMENT OF METABOLIC-RELATED DISORDERS THEREOF");
        d.Extra["title_de"].ShouldBe("TETRAZOLDERIVATE UND VERFAHREN ZUR BEHANDLUNG VON STOFFWECHSELBEDINGTEN ERKRANKUNGEN DAMIT");
        d.Priorities.ShouldBe(["US 516238 P 20031031"]);
        d.Ipc.ShouldBe([
            "C07D 403/04        20060101AFI20050526BHEP", "C07D 495/04        20060101ALI20050526BHEP",
            "C07D 491/04        20060101ALI20050526BHEP", "A61K  31/41        20060101ALI20050526BHEP",
        ]);
        d.Parties.Any(p => p.Role == PartyRoles.Applicant).ShouldBeFalse(); // a B1 names proprietors (B731), not applicants
        d.Names(PartyRoles.Owner).ShouldBe(["Arena Pharmaceuticals, Inc.", "Merck & Co., Inc."]);
        d.First(PartyRoles.Owner).Address.ShouldBe("6166 Nancy Ridge Drive, San Diego, CA 92121");
        d.Names(PartyRoles.Inventor).Length.ShouldBe(11);
        d.Names(PartyRoles.Inventor)[0].ShouldBe("SEMPLE, Graeme");
        d.Names(PartyRoles.Agent).ShouldBe(["Wytenburg, Wilhelmus Johannes"]);
        d.Abstract.ShouldBeNull(); // a B1 specification has no abstract

        d.Extra["claim_count"].ShouldBe("40");
        d.Extra["first_claim"].ShouldStartWith("A compound of Formula (I): wherein:\nX is NH or O;\nR1 is selected from:");
        d.Extra["claims_de"].ShouldStartWith("Verbindung der Formel (I): worin:");
        d.Extra["claims_fr"].ShouldStartWith("Composé de la formule (I): où:");
        d.Extra["pct_application"].ShouldBe("US2004035927 20041029");
        d.Extra["pct_publication"].ShouldBe("WO2005044816 20050519");
        d.Extra["divisional_applications"].ShouldBe("06005248.7 20060315");
        d.Extra["application_publication_date"].ShouldBe("20051130");
        d.Extra["intention_to_grant_date"].ShouldBe("20060214");
        d.Extra["citations"].Split('\n')[0].ShouldBe("EP-A- 0 529 854");

        d.Events.ShouldBe([
            new EventDraft(LegalEventCodes.Filed, "20041029"),
            new EventDraft(LegalEventCodes.Examination, "20050824", "请求实质审查"),
            new EventDraft(LegalEventCodes.Published, "20051130"),
            new EventDraft(LegalEventCodes.Granted, "20060607"),
        ]);
    }

    [Fact]
    public void Parse_ElementNamedSt36Document_ReadsWipoStructure()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE patent-document SYSTEM "http://127.0.0.1:9/never-fetched.dtd">
            <patent-document lang="en" country="DE" doc-number="202012345678" kind="U1" date-publ="20130110">
              <bibliographic-data>
                <publication-reference><document-id><country>DE</country><doc-number>202012345678</doc-number><kind>U1</kind><date>20130110</date></document-id></publication-reference>
                <application-reference><document-id><country>DE</country><doc-number>202012345678.9</doc-number><date>20121001</date></document-id></application-reference>
                <priority-claims><priority-claim sequence="1"><country>CN</country><doc-number>201120012345.6</doc-number><date>20110930</date></priority-claim></priority-claims>
                <classifications-ipcr><classification-ipcr><text>A47C   7/02        20060101AFI20121105BHDE</text></classification-ipcr></classifications-ipcr>
                <invention-title lang="de">Stuhl</invention-title>
                <invention-title lang="en">Chair</invention-title>
                <parties>
                  <applicants><applicant sequence="1"><addressbook><orgname>Muster GmbH</orgname><address><address-1>Hauptstr. 1</address-1><city>Berlin</city><postcode>10115</postcode><country>DE</country></address></addressbook></applicant></applicants>
                  <inventors><inventor sequence="1"><addressbook><last-name>Meier</last-name><first-name>Anna</first-name></addressbook></inventor></inventors>
                  <agents><agent sequence="1" rep-type="agent"><addressbook><orgname>Patentanwälte X</orgname></addressbook></agent></agents>
                </parties>
              </bibliographic-data>
              <abstract lang="en"><p>A chair.</p></abstract>
              <claims lang="en"><claim num="1"><claim-text>A chair comprising<claim-text>a seat.</claim-text></claim-text></claim></claims>
            </patent-document>
            """;

        var d = new St36XmlParser().Parse(Utf8(xml), "wipo.xml").Single();

        d.RightType.ShouldBe(RightTypes.UtilityModel);
        d.Office.ShouldBe("DE");
        d.ApplicationNumber.ShouldBe("202012345678.9");
        d.GrantNumber.ShouldBe("202012345678");
        d.Title.ShouldBe("Chair");
        d.Extra["title_de"].ShouldBe("Stuhl");
        d.Priorities.ShouldBe(["CN 201120012345.6 20110930"]);
        d.Ipc.ShouldBe(["A47C   7/02        20060101AFI20121105BHDE"]);
        d.First(PartyRoles.Applicant).ShouldBe(new PartyDraft(PartyRoles.Applicant, "Muster GmbH", "Hauptstr. 1, Berlin", "DE", "10115"));
        d.Names(PartyRoles.Inventor).ShouldBe(["Anna Meier"]);
        d.Names(PartyRoles.Agency).ShouldBe(["Patentanwälte X"]);
        d.Abstract.ShouldBe("A chair.");
        d.Claims.ShouldBe("A chair comprising\na seat.");
    }
}
