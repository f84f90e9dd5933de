using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>
/// EPO data (ADR 0018): DOCDB exchange documents with their family ids, priorities and the family view of the record page;
/// the old EP IPC text; EP publications of applicants in China attributed to their Chinese region.
/// </summary>
public partial class EpoImportTests(ZhichanFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task CreateImport_DocdbExchangeDocuments_KeepFamilyAndPriorities_AndTheRecordShowsItsFamily()
    {
        var bureau = await App.CreateClientAsAsync("bureau");

        var imp = await RecordsApi.ImportAsync(bureau, Encoding.UTF8.GetBytes(Docdb), "DOCDB-201601-Amend-PubDate20151231AndBefore-EP-0001.xml");

        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        (imp.Str("format"), imp.Long("rowsRead"), imp.Long("inserted"), imp.Long("rejectionCount")).ShouldBe(("xml", 4L, 4L, 0L)); // the deleted document gives none
        var anonymous = App.CreateAnonymousClient();
        var ep = await RecordsApi.GetRecordAsync(anonymous, await App.ScalarAsync<long>("SELECT id FROM records WHERE office = 'EP'"));
        (ep.Str("publicationNumber"), ep.Str("publicationKind"), ep.Str("publicationDate")).ShouldBe(("2957311", "A1", "2015-12-23"));
        ep.Str("title").ShouldBe("Method and device for controlling a smart home appliance");
        ep.GetProperty("priorities").EnumerateArray().Select(p => p.GetString()).ShouldBe(["CN 201310251234 20130621"]);
        // the old IPC text (7C 07C  29/44   A) is read, not dropped, besides the IPC reform symbol
        ep.GetProperty("ipc").EnumerateArray().Select(p => p.GetString()).ShouldBe(["A61K 31/00", "C07C 29/44", "C07C 31/20"]);
        var family = ep.GetProperty("family");
        family.Str("familyId").ShouldBe("54580932");
        family.GetProperty("members").EnumerateArray().Select(m => (m.Str("office"), m.Str("publicationNumber"), m.Str("publicationKind")))
            .ShouldBe([("CN", "CN103345678A", "A"), ("US", "9512345", "B2")]);
        var cnId = family.GetProperty("members")[0].Long("id");
        // the EP publication of a Beijing company is Beijing's, not foreign (DOCDB gives no address: the name's place)
        var attribution = ep.GetProperty("attribution");
        (attribution.Str("provinceCode"), attribution.Str("rule")).ShouldBe(("110000", "romanised-name"));
        ep.Str("applicantKind").ShouldBe("enterprise");
        var cn = await RecordsApi.GetRecordAsync(anonymous, cnId);
        cn.GetProperty("family").GetProperty("members").EnumerateArray().Select(m => m.Str("office")).ShouldBe(["EP", "US"]);
        var jp = await RecordsApi.GetRecordAsync(anonymous, await App.ScalarAsync<long>("SELECT id FROM records WHERE office = 'JP'"));
        jp.GetProperty("family").GetProperty("members").GetArrayLength().ShouldBe(0);
        // the family id is one of the records' columns (the overseas-family count reads it)
        (await App.ScalarAsync<long>("SELECT count(DISTINCT family_id) FROM records")).ShouldBe(2);

        // re-importing changes nothing, and a record without a family keeps its content hash (the column is hashed only when present)
        var again = await RecordsApi.ImportAsync(bureau, Encoding.UTF8.GetBytes(Docdb), "again.xml");
        (again.Long("inserted"), again.Long("updated"), again.Long("unchanged")).ShouldBe((0L, 0L, 4L));
    }

    [Fact]
    public async Task CreateImport_EpPublicationOfABeijingCompany_IsAttributedToBeijing_AndItsOldIpcIsRead()
    {
        var text = File.ReadAllText(TestData.File("xml/wipo-st36/st36a_DOC00001.xml"), Encoding.UTF8);
        // the real EP document, its applicant replaced by a Beijing company (address as the EPO prints it) and its
        // classification by the fixed-width text of the IPC editions before 2006
        text = ApplicantElement().Replace(text, """
            <B711><snm>Beijing Xiaomi Mobile Software Co., Ltd.</snm><iid>101234567</iid><adr><str>No. 018, Floor 8, Building 6, Yard 33, Middle Xierqi Road, Haidian District</str><city>Beijing 100085</city><ctry>CN</ctry></adr></B711>
            """, 1);
        text = text.Replace("""<B510EP><classification-ipcr sequence="1"><text>H04N   1/40        20060101AFI20051109BHEP        </text></classification-ipcr></B510EP>""",
            "<B510><B511>7C 07C  29/44   A</B511><B512>7C 07C  31/20   B</B512><B516>7</B516></B510>");
        text.ShouldContain("<B511>7C 07C  29/44   A</B511>");
        var bureau = await App.CreateClientAsAsync("bureau");

        var imp = await RecordsApi.ImportAsync(bureau, Encoding.UTF8.GetBytes(text), "EP1667425-beijing.xml");

        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        imp.Long("rejectionCount").ShouldBe(0);
        var rec = await RecordsApi.GetRecordAsync(App.CreateAnonymousClient(), await App.ScalarAsync<long>("SELECT id FROM records"));
        rec.Str("ipcMain").ShouldBe("C07C 29/44");
        rec.GetProperty("ipc").EnumerateArray().Select(p => p.GetString()).ShouldBe(["C07C 29/44", "C07C 31/20"]);
        var attribution = rec.GetProperty("attribution");
        (attribution.Str("provinceCode"), attribution.Str("countyCode"), attribution.Str("rule")).ShouldBe(("110000", "110108", "romanised"));
        attribution.Str("regionPath")!.ShouldContain("海淀区");
        attribution.Str("explanation")!.ShouldContain("拼音");
        rec.Str("applicantKind").ShouldBe("enterprise");
        attribution.GetProperty("applicants")[0].Str("rule").ShouldBe("address:romanised");
        // the inventors of the real document stay where they are (Tokyo): only applicants in China are read in pinyin
        (await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE region_rule = 'foreign' OR province_code IS NULL")).ShouldBe(0);
    }

    [GeneratedRegex("<B711>.*?</B711>", RegexOptions.Singleline)]
    private static partial Regex ApplicantElement();

    /// <summary>
    /// DOCDB exchange documents as the EPO delivers them (exch: namespace, parties and titles in several data formats, the old
    /// IPC as fixed-width text): one family of an EP, a CN and a US publication, a JP publication of another family, and a
    /// deleted document.
    /// </summary>
    internal const string Docdb = """
        <?xml version="1.0" encoding="UTF-8"?>
        <exch:exchange-documents xmlns:exch="http://www.epo.org/exchange" date-of-exchange="20160105" dtd-version="2.5.4" file="DOCDB-201601-Amend-PubDate20151231AndBefore-EP-0001.xml" originating-office="EP">
          <exch:exchange-document system="ops.epo.org" family-id="54580932" country="EP" doc-number="2957311" kind="A1" date-publ="20151223" doc-id="449918733" is-representative="YES" status="n">
            <exch:bibliographic-data>
              <exch:publication-reference data-format="docdb"><document-id document-id-type="docdb"><country>EP</country><doc-number>2957311</doc-number><kind>A1</kind><date>20151223</date></document-id></exch:publication-reference>
              <exch:classification-ipc><edition>7</edition><text>7C 07C  29/44   A</text><text>7C 07C  31/20   B</text></exch:classification-ipc>
              <exch:classifications-ipcr><classification-ipcr sequence="1"><text>A61K  31/00        20060101AFI20151119BHEP        </text></classification-ipcr></exch:classifications-ipcr>
              <exch:application-reference doc-id="449812345" data-format="docdb"><document-id document-id-type="docdb"><country>EP</country><doc-number>14173321</doc-number><kind>A</kind><date>20140620</date></document-id></exch:application-reference>
              <exch:priority-claims>
                <exch:priority-claim sequence="1" kind="national" data-format="docdb"><document-id document-id-type="docdb"><country>CN</country><doc-number>201310251234</doc-number><kind>A</kind><date>20130621</date></document-id></exch:priority-claim>
                <exch:priority-claim sequence="1" kind="national" data-format="epodoc"><document-id document-id-type="epodoc"><doc-number>CN20131251234</doc-number><date>20130621</date></document-id></exch:priority-claim>
              </exch:priority-claims>
              <exch:parties>
                <exch:applicants>
                  <exch:applicant sequence="1" data-format="docdb"><exch:applicant-name><name>BEIJING XIAOMI TECHNOLOGY CO LTD</name></exch:applicant-name><residence><country>CN</country></residence></exch:applicant>
                  <exch:applicant sequence="1" data-format="docdba"><exch:applicant-name><name>Beijing Xiaomi Technology Co., Ltd.</name></exch:applicant-name></exch:applicant>
                </exch:applicants>
                <exch:inventors>
                  <exch:inventor sequence="1" data-format="docdb"><exch:inventor-name><name>WANG WEI</name></exch:inventor-name><residence><country>CN</country></residence></exch:inventor>
                  <exch:inventor sequence="1" data-format="docdba"><exch:inventor-name><name>Wang, Wei</name></exch:inventor-name></exch:inventor>
                </exch:inventors>
              </exch:parties>
              <exch:invention-title lang="en" data-format="docdba">Method and device for controlling a smart home appliance</exch:invention-title>
              <exch:invention-title lang="de" data-format="docdba">Verfahren und Vorrichtung zur Steuerung eines intelligenten Haushaltsgeräts</exch:invention-title>
            </exch:bibliographic-data>
            <exch:abstract lang="en" data-format="docdba"><exch:p>A method for controlling a smart home appliance comprises receiving a control instruction.</exch:p></exch:abstract>
          </exch:exchange-document>
          <exch:exchange-document system="ops.epo.org" family-id="54580932" country="CN" doc-number="103345678" kind="A" date-publ="20131002" doc-id="412345678" status="n">
            <exch:bibliographic-data>
              <exch:publication-reference data-format="docdb"><document-id document-id-type="docdb"><country>CN</country><doc-number>103345678</doc-number><kind>A</kind><date>20131002</date></document-id></exch:publication-reference>
              <exch:classifications-ipcr><classification-ipcr sequence="1"><text>H04L  12/28        20060101AFI20131002BHCN        </text></classification-ipcr></exch:classifications-ipcr>
              <exch:application-reference data-format="docdb"><document-id document-id-type="docdb"><country>CN</country><doc-number>201310251234</doc-number><kind>A</kind><date>20130621</date></document-id></exch:application-reference>
              <exch:parties><exch:applicants><exch:applicant sequence="1" data-format="docdb"><exch:applicant-name><name>BEIJING XIAOMI TECHNOLOGY CO LTD</name></exch:applicant-name><residence><country>CN</country></residence></exch:applicant></exch:applicants></exch:parties>
              <exch:invention-title lang="en" data-format="docdba">Method and device for controlling smart home appliance</exch:invention-title>
            </exch:bibliographic-data>
          </exch:exchange-document>
          <exch:exchange-document system="ops.epo.org" family-id="54580932" country="US" doc-number="9512345" kind="B2" date-publ="20161206" doc-id="487654321" status="n">
            <exch:bibliographic-data>
              <exch:publication-reference data-format="docdb"><document-id document-id-type="docdb"><country>US</country><doc-number>9512345</doc-number><kind>B2</kind><date>20161206</date></document-id></exch:publication-reference>
              <exch:application-reference data-format="docdb"><document-id document-id-type="docdb"><country>US</country><doc-number>201414304567</doc-number><kind>A</kind><date>20140613</date></document-id></exch:application-reference>
              <exch:parties><exch:applicants><exch:applicant sequence="1" data-format="docdb"><exch:applicant-name><name>XIAOMI INC</name></exch:applicant-name><residence><country>CN</country></residence></exch:applicant></exch:applicants></exch:parties>
              <exch:invention-title lang="en" data-format="docdba">Method and device for controlling smart home appliance</exch:invention-title>
            </exch:bibliographic-data>
          </exch:exchange-document>
          <exch:exchange-document system="ops.epo.org" family-id="40149123" country="JP" doc-number="2010044848" kind="A" date-publ="20100225" status="n">
            <exch:bibliographic-data>
              <exch:publication-reference data-format="docdb"><document-id document-id-type="docdb"><country>JP</country><doc-number>2010044848</doc-number><kind>A</kind><date>20100225</date></document-id></exch:publication-reference>
              <exch:application-reference data-format="docdb"><document-id document-id-type="docdb"><country>JP</country><doc-number>2008209377</doc-number><kind>A</kind><date>20080815</date></document-id></exch:application-reference>
              <exch:parties><exch:applicants><exch:applicant sequence="1" data-format="docdb"><exch:applicant-name><name>SONY CORP</name></exch:applicant-name><residence><country>JP</country></residence></exch:applicant></exch:applicants></exch:parties>
              <exch:invention-title lang="en" data-format="docdba">Display device</exch:invention-title>
            </exch:bibliographic-data>
          </exch:exchange-document>
          <exch:exchange-document system="ops.epo.org" family-id="54580932" country="EP" doc-number="2957312" kind="A1" date-publ="20151223" status="D"/>
        </exch:exchange-documents>
        """;
}
