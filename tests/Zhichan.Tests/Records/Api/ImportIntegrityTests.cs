using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>
/// Issue 19 §4 through CreateImport and GetImport: a bad file — truncated gzip, a stray byte, a wrong encoding, binary
/// content, garbled text, no application numbers — is refused with a Chinese message naming what is wrong, and the
/// records already stored stay exactly as they were; an import with rejected rows says so in its status.
/// </summary>
public class ImportIntegrityTests(ZhichanFactory app) : IntegrationTest(app)
{
    private static readonly int Title = Cn2017.Col("title"), Number = Cn2017.Col("application_no"), Publication = Cn2017.Col("publication_no");

    /// <summary>The first <paramref name="count"/> rows of the 2017 file with distinct application numbers (one record each).</summary>
    private static List<string[]> Rows(int count) => Cn2017.First(400).DistinctBy(r => r[Number]).Take(count).ToList();

    /// <summary>Imports the first rows of the 2017 file and returns the stored titles by application number, to compare later.</summary>
    private async Task<(HttpClient Bureau, Dictionary<string, string> Titles)> StoreAsync(int rows = 30)
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        (await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(Rows(rows)), "good.csv")).Str("status").ShouldBe("succeeded");
        return (bureau, await TitlesAsync());
    }

    private async Task<Dictionary<string, string>> TitlesAsync()
    {
        var json = await App.ScalarAsync<string>("SELECT COALESCE(json_object_agg(application_number, title ORDER BY application_number), '{}')::text FROM records");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(json!)!;
    }

    private static void ShouldFailInChinese(JsonElement imp, params string[] parts)
    {
        imp.Str("status").ShouldBe("failed", imp.ToString());
        var message = imp.Str("message")!;
        ImportCsvTests.ShouldBeChinese(message);
        foreach (var p in parts) message.ShouldContain(p);
        // the parser's English never reaches the user
        message.ShouldNotContain("Exception");
        message.ShouldNotMatch(@"[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}");
    }

    [Fact]
    public async Task TruncatedGzip_FailsAsIncomplete_AndLeavesStoredRecords()
    {
        var (bureau, before) = await StoreAsync();
        // the same rows with their titles changed, gzipped, then cut: what unpacks is a valid-looking prefix
        var changed = Cn2017.First(2_000).Select(r => r.Select((v, i) => i == Title ? v + "（截断前）" : v).ToArray()).ToList();
        var gz = Cn2017.Gzip(Cn2017.Utf8Csv(changed));
        var imp = await RecordsApi.ImportAsync(bureau, gz[..(gz.Length * 2 / 3)], "cut.csv.gz");
        ShouldFailInChinese(imp, "gzip", "截断");
        (await TitlesAsync()).ShouldBe(before);
        // the whole file goes in
        (await RecordsApi.ImportAsync(bureau, gz, "whole.csv.gz")).Str("status").ShouldBe("succeeded");
    }

    [Fact]
    public async Task StrayByteInUtf8_IsRejectedWithLineAndOffset_NotDecodedAsGbk()
    {
        var (bureau, before) = await StoreAsync();
        var text = Cn2017.Utf8Csv(Rows(30).Select(r => r.Select((v, i) => i == Title ? v + "改" : v).ToArray()));
        // one byte 0xFF (never valid in UTF-8, nor as GB18030) in the title of the 6th data row (line 7)
        var lines = Encoding.UTF8.GetString(text).Split("\r\n");
        var at = Encoding.UTF8.GetByteCount(string.Join("\r\n", lines.Take(6)) + "\r\n") + Encoding.UTF8.GetByteCount(lines[6][..lines[6].IndexOf('改')]);
        var bytes = text[..at].Concat(new byte[] { 0xFF }).Concat(text[at..]).ToArray();
        var imp = await RecordsApi.ImportAsync(bureau, bytes, "stray-byte.csv");
        ShouldFailInChinese(imp, "第 7 行", $"字节偏移 {at:N0}", "0xFF", "UTF-8", "GBK");
        (await TitlesAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ExplicitWrongEncoding_IsRefusedBothWays()
    {
        var (bureau, before) = await StoreAsync();
        var rows = Rows(30).Select(r => r.Select((v, i) => i == Title ? v + "新" : v).ToArray()).ToList();
        var utf8 = Cn2017.Utf8Csv(rows);
        ShouldFailInChinese(await RecordsApi.ImportAsync(bureau, utf8, "utf8-as-gbk.csv", encoding: "gbk"), "UTF-8", "乱码");
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding("GB18030")!.GetBytes(Cn2017.Csv(Cn2017.Header, rows));
        ShouldFailInChinese(await RecordsApi.ImportAsync(bureau, gbk, "gbk-as-utf8.csv", encoding: "utf-8"), "不是有效的 UTF-8", "第 2 行", "字节偏移");
        (await TitlesAsync()).ShouldBe(before);
        // told nothing, the GBK file is read as GBK
        var auto = await RecordsApi.ImportAsync(bureau, gbk, "gbk.csv");
        auto.Str("status").ShouldBe("succeeded", auto.ToString());
        auto.Str("encoding").ShouldBe("gbk");
        (await TitlesAsync()).Values.ShouldAllBe(t => t.EndsWith("新"));
    }

    [Fact]
    public async Task BinaryContent_IsRefusedAsNotText()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n%").Concat(new byte[] { 0xE2, 0xE3, 0, 0, 1, 0x8F, 0 }).Concat(new byte[4000]).ToArray();
        ShouldFailInChinese(await RecordsApi.ImportAsync(bureau, pdf, "专利清单.csv"), "不是文本文件", "PDF", "CNIPA");
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Cn2017.Csv(Cn2017.Header, Cn2017.First(3)))).ToArray();
        ShouldFailInChinese(await RecordsApi.ImportAsync(bureau, utf16, "excel-unicode.csv"), "UTF-16", "UTF-8");
        (await App.ScalarAsync<long>("SELECT count(*) FROM records")).ShouldBe(0);
    }

    [Fact]
    public async Task GarbledUpdate_IsRejectedRowByRow_NewRowsGoIn_StatusSaysSo()
    {
        var (bureau, before) = await StoreAsync(20);
        // the text of the stored rows as a tool that read UTF-8 as GBK wrote it back (valid UTF-8 of garbled text),
        // plus five rows not stored yet, clean
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding("GB18030")!;
        var garbled = Rows(20).Select(r => r.Select((v, i) => i == Title ? gbk.GetString(Encoding.UTF8.GetBytes(v)) : v).ToArray());
        var file = Cn2017.Utf8Csv(garbled.Concat(Rows(25).Skip(20)));
        var imp = await RecordsApi.ImportAsync(bureau, file, "garbled.csv");
        imp.Str("status").ShouldBe("completed_with_errors", imp.ToString());
        imp.Long("inserted").ShouldBe(5);
        imp.Long("updated").ShouldBe(0, imp.ToString());
        imp.Long("rejected").ShouldBe(20);
        imp.Str("message")!.ShouldContain("20 行被拒绝");
        var after = await TitlesAsync();
        foreach (var (number, title) in before) after[number].ShouldBe(title);
        var rejections = await bureau.GetFromJsonAsync<JsonElement[]>($"/api/imports/{imp.Long("id")}/rejections");
        rejections!.Length.ShouldBe(20);
        rejections[0].Str("field").ShouldBe("title");
        rejections[0].Str("reason")!.ShouldStartWith("疑似乱码");
        rejections[0].GetProperty("wholeRow").GetBoolean().ShouldBeTrue();

        // replacement characters (a lossy decoding) are refused too; all rows refused → failed
        var lossy = Rows(20).Select(r => r.Select((v, i) => i == Title ? v[..2] + "\uFFFD\uFFFD" : v).ToArray());
        ShouldFailInChinese(await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(lossy), "lossy.csv"), "全部 20 行都被拒绝", "疑似乱码");
        foreach (var (number, title) in before) (await TitlesAsync())[number].ShouldBe(title);
    }

    [Fact]
    public async Task ReimportingTheCorrectFile_RestoresRecordsAnUpdateChanged()
    {
        var (bureau, before) = await StoreAsync(10);
        var good = Cn2017.Utf8Csv(Rows(10));
        // a file whose titles differ (a wrong correction, clean text): applied as an update
        var wrong = Cn2017.Utf8Csv(Rows(10).Select(r => r.Select((v, i) => i == Title ? "错误的名称" + r[Number] : v).ToArray()));
        (await RecordsApi.ImportAsync(bureau, wrong, "wrong.csv")).Long("updated").ShouldBe(before.Count);
        (await TitlesAsync()).Values.ShouldAllBe(t => t.StartsWith("错误的名称"));
        // the good file's rows were merged in before: their hashes must not make them look unchanged
        var again = await RecordsApi.ImportAsync(bureau, good, "good-again.csv");
        again.Str("status").ShouldBe("succeeded", again.ToString());
        again.Long("updated").ShouldBe(before.Count);
        (await TitlesAsync()).ShouldBe(before);
        // and once restored, the same file again changes nothing
        (await RecordsApi.ImportAsync(bureau, good, "good-third.csv")).Long("unchanged").ShouldBe(before.Count);
    }

    [Fact]
    public async Task FileWithoutApplicationNumbers_IsRefusedSayingWhatIsMissing()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        // a scraped list: title, applicants, inventors, dates — no number column
        var rows = Cn2017.First(50);
        var scraped = Encoding.UTF8.GetBytes(Cn2017.Csv(["标题", "申请人", "发明人", "申请日", "公开日"],
            rows.Select(r => new[] { r[Title], r[Cn2017.Col("applicant")], r[Cn2017.Col("inventor")], r[Cn2017.Col("application_date")], r[Cn2017.Col("publication_date")] })));
        ShouldFailInChinese(await RecordsApi.ImportAsync(bureau, scraped, "scraped.csv"), "文件中没有申请号", "标题，申请人，发明人", "列映射");
        // the CNIPA layout with its number columns left empty
        var empty = Cn2017.Utf8Csv(rows.Select(r => r.Select((v, i) => i == Number || i == Publication ? "" : v).ToArray()));
        ShouldFailInChinese(await RecordsApi.ImportAsync(bureau, empty, "numbers-removed.csv"), "文件中没有申请号", "前 50 行", "application_no");
        (await App.ScalarAsync<long>("SELECT count(*) FROM records")).ShouldBe(0);
        (await App.ScalarAsync<long>("SELECT count(*) FROM import_rejections")).ShouldBe(0);
    }

    [Fact]
    public async Task EveryRowRejected_IsFailedWithTheCommonestReason()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var bad = Cn2017.Utf8Csv(Cn2017.First(12).Select(r => r.Select((v, i) => i == Number ? "申请号" + v : i == Publication ? "" : v).ToArray()));
        var imp = await RecordsApi.ImportAsync(bureau, bad, "all-bad.csv");
        ShouldFailInChinese(imp, "全部 12 行都被拒绝", "12 行");
        imp.Long("rejected").ShouldBe(12);
        (await App.ScalarAsync<long>("SELECT count(*) FROM records")).ShouldBe(0);
    }

    [Fact]
    public async Task BrokenXml_IsExplainedWithoutTheParsersEnglish()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var xml = File.ReadAllText(TestData.File("xml/cnipa-new/cn_new1.xml"), Encoding.UTF8);
        var imp = await RecordsApi.ImportAsync(bureau, Encoding.UTF8.GetBytes(xml[..(xml.Length / 2)]), "cut.xml");
        ShouldFailInChinese(imp, "XML格式错误", "截断");
        imp.Str("message")!.ShouldNotContain("Unexpected");
    }

    [Fact]
    public async Task Preview_RefusesABadFileWithTheSameMessage()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var gz = Cn2017.Gzip(Cn2017.Utf8Csv(Cn2017.First(2_000)));
        var form = new MultipartFormDataContent { { new ByteArrayContent(gz[..(gz.Length / 2)]), "file", "cut.csv.gz" } };
        var res = await bureau.PostAsync("/api/imports/preview", form);
        res.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        var problem = await res.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("截断");
    }
}
