using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Zhichan.Api.Features.Records.Sources;
using Zhichan.Api.Platform;
using Zhichan.Api.Platform.Jobs;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>
/// ZIP packages, several XML documents in one file, and the formats refused by name (ADR 0018), through CreateImport and
/// GetImport.
/// </summary>
public class ImportPackageTests(ZhichanFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task CreateImport_ZipOfXmlAndCsv_ImportsEveryFileAsOneJob_WithPerFileStateAndErrors()
    {
        var rows = Cn2017.First(30).Select(r => r.ToArray()).ToList();
        var bad = rows[5].ToArray();
        bad[Cn2017.Col("application_date")] = "2015-13-45";
        rows.Add(bad);
        var truncated = File.ReadAllText(TestData.File("xml/cnipa-new/cn_new2.xml"), Encoding.UTF8);
        var zip = Zip(
            ("records/cn_new1.xml", File.ReadAllBytes(TestData.File("xml/cnipa-new/cn_new1.xml"))),
            // an entry name is shown, never used as a path: nothing is unpacked to disk
            ("../../outside/head-2017.csv", Cn2017.Utf8Csv(rows)),
            ("broken.xml", Encoding.UTF8.GetBytes(truncated[..(truncated.Length / 2)])),
            ("readme.pdf", "%PDF-1.4 not a source"u8.ToArray()),
            ("bomb.csv", new byte[20 * 1024 * 1024]),
            ("uspto-2001.xml", Encoding.ASCII.GetBytes(UsptoSgml)),
            ("legal/legal-status.csv", Encoding.UTF8.GetBytes(
                "\uFEFF授权公告号,申请号,法律状态公告日,法律状态,法律状态信息\r\n,201510305529.9,2018.02.09,专利权的转移,专利权的转移\r\n")));
        var bureau = await App.CreateClientAsAsync("bureau");

        var imp = await RecordsApi.ImportAsync(bureau, zip, "bulk-product.zip");

        imp.Str("status").ShouldBe("completed_with_errors", imp.ToString()); // two files of the package failed;
        imp.Str("format").ShouldBe("zip");
        var entries = imp.GetProperty("entries").EnumerateArray().ToList();
        entries.Select(e => (e.Str("name"), e.Str("status"))).ShouldBe([
            ("records/cn_new1.xml", "succeeded"), ("../../outside/head-2017.csv", "succeeded"), ("broken.xml", "failed"), ("readme.pdf", "skipped"),
            ("bomb.csv", "skipped"), ("uspto-2001.xml", "failed"), ("legal/legal-status.csv", "succeeded")]);
        entries.Select(e => e.Str("format")).ShouldBe(["xml", "cnipa-csv", null, null, null, null, "cnipa-legal-status"]);
        entries[1].Long("rowsRead").ShouldBe(31);
        entries[1].Long("rejected").ShouldBe(0); // the bad date drops the value, not the row
        entries[2].Str("message")!.ShouldContain("XML格式错误");
        entries[3].Str("message")!.ShouldContain("不是 XML 或 CSV");
        entries[4].Str("message")!.ShouldContain("压缩比");
        entries[5].Str("message")!.ShouldContain("USPTO SGML");
        entries[6].Long("inserted").ShouldBe(1); // the legal-status event, attached to the record of the CSV above
        imp.Long("rowsRead").ShouldBe(entries.Sum(e => e.Long("rowsRead")));
        imp.Long("inserted").ShouldBe(entries.Sum(e => e.Long("inserted")));
        imp.Str("message")!.ShouldContain("2 个文件未能导入");
        imp.GetProperty("legalStatus").Long("attached").ShouldBe(1);

        // the rejected value names its file
        var rejection = (await bureau.GetFromJsonAsync<JsonElement>($"/api/imports/{imp.Long("id")}/rejections")).EnumerateArray().Single();
        (rejection.Str("entry"), rejection.Str("field"), rejection.Long("rowNumber")).ShouldBe(("../../outside/head-2017.csv", "applicationDate", 32L));
        var csv = await bureau.GetStringAsync($"/api/imports/{imp.Long("id")}/rejections?format=csv");
        csv.TrimStart('\uFEFF').ShouldStartWith("文件,行号,字段,值,原因");
        // the list shows the files too
        var listed = (await bureau.GetFromJsonAsync<JsonElement>("/api/imports")).EnumerateArray().Single(i => i.Long("id") == imp.Long("id"));
        listed.GetProperty("entries").GetArrayLength().ShouldBe(7);
        (await App.ScalarAsync<long>("SELECT count(*) FROM records")).ShouldBe(imp.Long("inserted") - 1);
    }

    [Fact]
    public async Task CreateImport_ZipWithoutImportableFiles_FailsAndSaysWhatAZipMayHold()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var imp = await RecordsApi.ImportAsync(bureau, Zip(("a.pdf", "x"u8.ToArray()), ("b.docx", "y"u8.ToArray())), "nothing.zip");
        imp.Str("status").ShouldBe("failed");
        imp.Str("message")!.ShouldContain("XML 与 CSV");
        ImportCsvTests.ShouldBeChinese(imp.Str("message"));
    }

    [Fact]
    public void ImportPackage_Limits_RefuseTooManyFilesAndTooMuchUnpackedData_BeforeUnpackingAnything()
    {
        var many = Zip([.. Enumerable.Range(0, 12).Select(i => ($"f{i}.csv", "a,b\r\n1,2\r\n"u8.ToArray()))]);
        var tooMany = Should.Throw<JobFailedException>(() => ImportPackage.Open(new MemoryStream(many), "many.zip", "zip", new ImportOptions { ZipMaxEntries = 10 }));
        tooMany.Message.ShouldContain("超过上限 10");
        var large = Zip(("big.xml", Encoding.ASCII.GetBytes("<a>" + new string('x', 3 * 1024 * 1024) + "</a>")));
        var tooLarge = Should.Throw<JobFailedException>(() => ImportPackage.Open(new MemoryStream(large), "large.zip", "zip", new ImportOptions { ZipMaxMegabytes = 2, ZipMaxRatio = 100_000 }));
        tooLarge.Message.ShouldContain("超过上限 2 MB");
    }

    [Fact]
    public async Task CreateImport_SeveralXmlDocumentsInOneFile_ImportsEach()
    {
        // USPTO weekly files: one <?xml …?> declaration per document, one document after the other
        var parts = new[] { "xml/wipo-st36/st36a_DOC00001.xml", "xml/wipo-st36/st36b_DOC00001.xml", "xml/cnipa-old/cn_old3.xml" }
            .Select(f => File.ReadAllText(TestData.File(f), Encoding.UTF8).TrimStart('\uFEFF'));
        var bureau = await App.CreateClientAsAsync("bureau");

        var imp = await RecordsApi.ImportAsync(bureau, Encoding.UTF8.GetBytes(string.Join("\n", parts)), "ipg-weekly.xml");

        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        (imp.Long("rowsRead"), imp.Long("inserted")).ShouldBe((3L, 3L));
        (await App.ScalarAsync<string>("SELECT string_agg(office, ',' ORDER BY source_ref) FROM records")).ShouldBe("EP,EP,CN");
    }

    public static TheoryData<string, string, string> Unsupported => new()
    {
        { "jpo-gazette.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<jp:patent-publication xmlns:jp=\"http://www.jpo.go.jp\"><jp:bibliographic-data/></jp:patent-publication>", "日本特许厅（JPO）公报" },
        { "pg010102.sgm", UsptoSgml, "USPTO SGML" },
        { "pftaps19760106_wk01.txt", "HHHHHT APS     1\nPATN\nWKU  039305848\nSRC  5\nAPN  4856819\nAPD  19740401\nTTL  Self-contained dual voltage power supply\n", "USPTO Green Book" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public async Task CreateImport_UnsupportedFormat_IsRefusedByName_ListingTheSupportedOnes(string fileName, string content, string named)
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var res = await RecordsApi.PostImportAsync(bureau, Encoding.UTF8.GetBytes(content), fileName);
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty("file")[0].GetString()!;
        message.ShouldStartWith("不支持的格式：");
        message.ShouldContain(named);
        foreach (var supported in new[] { "CNIPA 法律状态", "CNIPA XML", "WIPO ST.36", "WIPO ST.96", "EPO DOCDB", "ZIP" }) message.ShouldContain(supported);
        (await App.ScalarAsync<long>("SELECT count(*) FROM imports")).ShouldBe(0);
        // gzip-compressed, it is recognised all the same
        var gz = await RecordsApi.PostImportAsync(bureau, Cn2017.Gzip(Encoding.UTF8.GetBytes(content)), fileName + ".gz");
        (await gz.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain(named);
    }

    /// <summary>The start of a USPTO grant of 2001 in SGML (PATDOC): not XML.</summary>
    private const string UsptoSgml = """
        <!DOCTYPE PATDOC PUBLIC "-//USPTO//DTD ST.32 US PATENT GRANT V2.4 2000-09-20//EN" [
        <!ENTITY US06167577-20010102-C00001.TIF SYSTEM "US06167577-20010102-C00001.TIF" NDATA TIF>
        ]>
        <PATDOC DTD="2.4" STATUS="BUILD 20010102">
        <SDOBI><B100><B110><DNUM><PDAT>06167577</PDAT></DNUM></B110><B130><PDAT>B1</PDAT></B130><B140><DATE><PDAT>20010102</PDAT></DATE></B140></B100>
        """;

    /// <summary>A ZIP of the given files (deflated), in that order.</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] files)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in files)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                using var s = entry.Open();
                s.Write(content);
            }
        return ms.ToArray();
    }
}
