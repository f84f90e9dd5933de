using System.Net;
using System.Text;
using Zhichan.Api.Features.Records.Sources.Tabular;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>Every real XML format, broken and empty files, GBK-encoded CSV and XLSX, through CreateImport.</summary>
public class ImportFormatTests(ZhichanFactory app) : IntegrationTest(app)
{
    public static TheoryData<string, string, string> XmlFiles => new()
    {
        // file, right type, title
        { "xml/cnipa-new/cn_new1.xml", "patent_invention", "显示设备" },
        { "xml/cnipa-new/cn_new2.xml", "patent_invention", "一种基于合约管理的跨链去中心化方法" },
        { "xml/cnipa-old/cn_old1.xml", "patent_invention", "一种甘草发酵所得烟用香料及其应用" },
        { "xml/cnipa-old/cn_old2.xml", "patent_invention", "用于对包含于人造草坪的填充材料进行重复利用的筛选方法及筛选装置" },
        { "xml/cnipa-old/cn_old3.xml", "patent_invention", "马来酸伊索拉定的制造方法" },
        { "xml/wipo-st36/st36a_DOC00001.xml", "patent_invention", "Image forming method and image forming apparatus" },
        { "xml/wipo-st36/st36b_DOC00001.xml", "patent_invention", "TETRAZOLE DERIVATIVES AND METHODS OF TREATMENT OF METABOLIC-RELATED DISORDERS THEREOF" },
        { "xml/wipo-st96/PatentPublication_Example.xml", "patent_invention", "Manufcaturing method for room-temperature substrate bonding" },
        { "xml/wipo-st96/TrademarkApplication_Example.xml", "trademark", "LANYI" },
        { "xml/wipo-st96/DesignApplication_Example.xml", "patent_design", "Chair" },
        { "xml/wipo-st96/GIApplication_Example.xml", "gi", "Tapisserie d'Aubusson" },
    };

    [Theory]
    [MemberData(nameof(XmlFiles))]
    public async Task CreateImport_RealXmlFile_ImportsRecordOfItsType(string file, string rightType, string title)
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var imp = await RecordsApi.ImportAsync(bureau, file);
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        imp.Str("format").ShouldBe("xml");
        imp.Long("inserted").ShouldBeGreaterThanOrEqualTo(1);
        var types = await App.ScalarAsync<string>("SELECT string_agg(DISTINCT right_type, ',') FROM records");
        types!.Split(',').ShouldContain(rightType);
        var anonymous = App.CreateAnonymousClient();
        var rec = await RecordsApi.GetRecordAsync(anonymous, await App.ScalarAsync<long>("SELECT id FROM records WHERE title = $1", title));
        rec.Str("rightType").ShouldBe(rightType);
        rec.Str("sourceFormat").ShouldBe("xml");
        rec.Str("sourceFile").ShouldBe(Path.GetFileName(file));
    }

    [Fact]
    public async Task CreateImport_TruncatedXml_FailsWithChineseMessageNamingTheLine()
    {
        var text = File.ReadAllText(TestData.File("xml/cnipa-new/cn_new1.xml"), Encoding.UTF8);
        var cut = text[..(text.Length / 2)];
        var bureau = await App.CreateClientAsAsync("bureau");
        var imp = await RecordsApi.ImportAsync(bureau, Encoding.UTF8.GetBytes(cut), "cn_new1-truncated.xml");
        imp.Str("status").ShouldBe("failed");
        var message = imp.Str("message")!;
        message.ShouldContain("XML格式错误");
        message.ShouldMatch(@"第 \d+ 行");
        ImportCsvTests.ShouldBeChinese(message);
        (await App.ScalarAsync<long>("SELECT count(*) FROM records")).ShouldBe(0);
    }

    [Fact]
    public async Task CreateImport_EmptyFile_Returns400Problem()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var res = await RecordsApi.PostImportAsync(bureau, [], "empty.csv");
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var error = problem.GetProperty("errors").GetProperty("file")[0].GetString();
        error!.ShouldContain("为空");
        (await App.ScalarAsync<long>("SELECT count(*) FROM imports")).ShouldBe(0);
    }

    [Fact]
    public async Task CreateImport_BadFormatOrEncoding_Returns400WithChineseFieldErrors()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var res = await RecordsApi.PostImportAsync(bureau, Cn2017.Utf8Csv(Cn2017.First(2)), "x.csv", format: "pdf", encoding: "latin1");
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        ImportCsvTests.ShouldBeChinese(problem.GetProperty("errors").GetProperty("format")[0].GetString());
        ImportCsvTests.ShouldBeChinese(problem.GetProperty("errors").GetProperty("encoding")[0].GetString());
    }

    [Fact]
    public async Task CreateImport_GbkCsv_DetectsEncodingAndKeepsChineseText()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var rows = Cn2017.First(200);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Cn2017.Csv(Cn2017.Header, rows));
        var bureau = await App.CreateClientAsAsync("bureau");
        var imp = await RecordsApi.ImportAsync(bureau, bytes, "gbk.csv");
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        imp.Str("encoding").ShouldBe("gbk");
        imp.Long("rowsRead").ShouldBe(200);
        var anonymous = App.CreateAnonymousClient();
        var rec = await RecordsApi.GetRecordAsync(anonymous, await RecordsApi.FindByTitleAsync(anonymous, "建筑垃圾智能机器人分拣系统及方法"));
        rec.Str("address").ShouldBe("江苏省徐州市泉山区软件园路6号徐州软件园11号楼1001室");
        rec.GetProperty("attribution").Str("countyCode").ShouldBe("320311");
        (await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE title LIKE '%\uFFFD%' OR address LIKE '%\uFFFD%'")).ShouldBe(0);
    }

    [Fact]
    public async Task CreateImport_XlsxWithCnipaColumns_Imports()
    {
        var rows = Cn2017.First(300);
        using var ms = new MemoryStream();
        TabularSource.WriteXlsx(ms, Cn2017.Header, rows);
        var bureau = await App.CreateClientAsAsync("bureau");
        var imp = await RecordsApi.ImportAsync(bureau, ms.ToArray(), "head.xlsx");
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        imp.Str("format").ShouldBe("cnipa-csv");
        imp.Long("rowsRead").ShouldBe(300);
        var anonymous = App.CreateAnonymousClient();
        var rec = await RecordsApi.GetRecordAsync(anonymous, await RecordsApi.FindByTitleAsync(anonymous, "建筑垃圾智能机器人分拣系统及方法"));
        rec.Str("applicationDate").ShouldBe("2015-09-22");
        rec.Str("ipcMain").ShouldBe("B07C 5/342");
    }
}
