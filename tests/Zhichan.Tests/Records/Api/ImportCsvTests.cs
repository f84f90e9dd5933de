using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>Imports of the real CNIPA 2017 CSV through CreateImport/GetImport, and what they leave behind.</summary>
public class ImportCsvTests(ZhichanFactory app) : IntegrationTest(app)
{
    /// <summary>
    /// All-applicants attribution: the first applicant from the address given with it, the others from their own names
    /// when a name begins with a province or a city — never from a county-level word that merely starts a name (东方电气).
    /// </summary>
    [Fact]
    public async Task CreateImport_SeveralApplicants_AttributesEveryApplicantWithRuleAndConfidence()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var row = Cn2017.First(1)[0].ToArray(); // 徐州绿之源环境科技有限公司, 江苏省徐州市泉山区…
        row[Cn2017.Col("applicant")] = "徐州绿之源环境科技有限公司;江苏恒瑞医药股份有限公司;东方电气集团东方电机有限公司;连云港康缘药业股份有限公司";
        (await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv([row]), "co-applicants.csv")).Str("status").ShouldBe("succeeded");

        var id = await RecordsApi.FindByTitleAsync(App.CreateAnonymousClient(), "建筑垃圾智能机器人分拣系统及方法");
        var rec = await RecordsApi.GetRecordAsync(App.CreateAnonymousClient(), id);
        var applicants = rec.GetProperty("attribution").GetProperty("applicants").EnumerateArray().ToList();
        applicants.Select(a => a.Str("name")).ShouldBe(["徐州绿之源环境科技有限公司", "江苏恒瑞医药股份有限公司", "东方电气集团东方电机有限公司", "连云港康缘药业股份有限公司"]);
        (applicants[0].Str("code"), applicants[0].Str("rule")).ShouldBe(("320311", "address:prefix"));
        applicants[0].GetProperty("confidence").GetDouble().ShouldBeGreaterThan(0.9);
        (applicants[1].Str("code"), applicants[1].Str("rule")).ShouldBe(("320000", "name:prefix"));
        applicants[1].Str("regionPath").ShouldBe("江苏省");
        (applicants[2].Str("code"), applicants[2].Str("rule")).ShouldBe((null, "none"));
        (applicants[3].Str("code"), applicants[3].Str("rule")).ShouldBe(("320700", "name:city-first"));
        applicants[3].GetProperty("confidence").GetDouble().ShouldBeLessThan(applicants[0].GetProperty("confidence").GetDouble());

        // the entities carry the region too (indicators count co-applicants by it)
        (await App.ScalarAsync<string>("SELECT region_code FROM entities WHERE name = '连云港康缘药业股份有限公司'")).ShouldBe("320700");
        (await App.ScalarAsync<string>("SELECT region_code FROM entities WHERE name = '徐州绿之源环境科技有限公司'")).ShouldBe("320311");
        (await App.ScalarAsync<string>("SELECT region_code FROM entities WHERE name = '东方电气集团东方电机有限公司'")).ShouldBeNull();
    }

    [Fact]
    public async Task CreateImport_Slice2017Gz_ImportsCountsAttributionAndIndustries()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var rows = Cn2017.First(3000);
        var imp = await RecordsApi.ImportAsync(bureau, Cn2017.Gzip(Cn2017.Utf8Csv(rows)), "cn-invention-2017-head.csv.gz");

        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        imp.Str("format").ShouldBe("cnipa-csv");
        imp.Long("rowsRead").ShouldBe(3000);
        (imp.Long("inserted") + imp.Long("updated") + imp.Long("unchanged") + imp.Long("rejected")).ShouldBeGreaterThanOrEqualTo(2900);
        imp.GetProperty("percent").GetInt32().ShouldBe(100);
        var stored = await App.ScalarAsync<long>("SELECT count(*) FROM records");
        stored.ShouldBe(imp.Long("inserted"));
        stored.ShouldBeGreaterThan(2900);

        // the first row of the file: 徐州绿之源环境科技有限公司, 建筑垃圾智能机器人分拣系统及方法, B07C5/342, 江苏省徐州市泉山区…
        var anonymous = App.CreateAnonymousClient();
        var id = await RecordsApi.FindByTitleAsync(anonymous, "建筑垃圾智能机器人分拣系统及方法");
        var rec = await RecordsApi.GetRecordAsync(anonymous, id);
        rec.Str("rightType").ShouldBe("patent_invention");
        rec.Str("applicationNumber")!.ShouldStartWith("201510305529."); // CN102015000305529 in canonical form with its check digit
        rec.Str("applicationDate").ShouldBe("2015-09-22");
        rec.Str("publicationDate").ShouldBe("2017-03-29");
        rec.Str("ipcMain").ShouldBe("B07C 5/342");
        rec.GetProperty("parties").EnumerateArray().ShouldContain(p => p.Str("name") == "徐州绿之源环境科技有限公司" && p.Str("role") == "applicant");
        var attribution = rec.GetProperty("attribution");
        attribution.Str("countyCode").ShouldBe("320311"); // 泉山区
        attribution.Str("cityCode").ShouldBe("320300");
        attribution.Str("provinceCode").ShouldBe("320000");
        attribution.Str("regionPath").ShouldBe("江苏省 徐州市 泉山区");
        attribution.Str("rule").ShouldNotBeNullOrWhiteSpace();
        attribution.Str("explanation")!.ShouldContain("泉山区");
        attribution.GetProperty("confidence").GetDouble().ShouldBeGreaterThan(0.5);
        var industries = rec.GetProperty("industries").EnumerateArray().ToList();
        industries.ShouldNotBeEmpty();
        industries.ShouldAllBe(i => i.Str("code")!.Length >= 2 && i.Str("name")!.Length > 0);
        industries.Sum(i => i.GetProperty("weight").GetDouble()).ShouldBe(1.0, 0.01);
        rec.GetProperty("events").EnumerateArray().Select(e => e.Str("code")).ShouldContain("published");
        rec.Str("status").ShouldBe("pending");
    }

    [Fact]
    public async Task CreateImport_SameFileTwice_SecondChangesNothingAndCorrectionReplacesTitle()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var rows = Cn2017.First(1500);
        var bytes = Cn2017.Gzip(Cn2017.Utf8Csv(rows));
        var first = await RecordsApi.ImportAsync(bureau, bytes, "slice.csv.gz");
        first.Str("status").ShouldBe("succeeded", first.ToString());
        var count = await App.ScalarAsync<long>("SELECT count(*) FROM records");
        var maxUpdated = await App.ScalarAsync<DateTime>("SELECT max(updated_at) FROM records");

        var second = await RecordsApi.ImportAsync(bureau, bytes, "slice.csv.gz");
        second.Str("status").ShouldBe("succeeded", second.ToString());
        second.Long("inserted").ShouldBe(0);
        second.Long("updated").ShouldBe(0);
        second.Long("unchanged").ShouldBe(count);
        (await App.ScalarAsync<long>("SELECT count(*) FROM records")).ShouldBe(count);
        (await App.ScalarAsync<DateTime>("SELECT max(updated_at) FROM records")).ShouldBe(maxUpdated);

        // a corrected row: same application number, changed title
        var corrected = (string[])rows[0].Clone();
        corrected[Cn2017.Col("title")] = "建筑垃圾智能机器人分拣系统及分拣方法";
        var third = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv([corrected]), "correction.csv");
        third.Str("status").ShouldBe("succeeded", third.ToString());
        third.Long("updated").ShouldBe(1);
        third.Long("inserted").ShouldBe(0);
        (await App.ScalarAsync<long>("SELECT count(*) FROM records")).ShouldBe(count);
        var anonymous = App.CreateAnonymousClient();
        var id = await RecordsApi.FindByTitleAsync(anonymous, "建筑垃圾智能机器人分拣系统及分拣方法");
        (await RecordsApi.GetRecordAsync(anonymous, id)).Str("applicationNumber")!.ShouldStartWith("201510305529.");
        var old = await RecordsApi.SearchAsync(anonymous, "q=" + RecordsApi.Q("\"建筑垃圾智能机器人分拣系统及方法\""));
        old.Long("total").ShouldBe(0);
    }

    [Fact]
    public async Task CreateImport_PublicationAndGrantOfOneApplication_MakeOneRecordInForce()
    {
        // the two rows of CN102016000963188 in the 2017 file: the A publication (row 15093) and the B grant (row 196625)
        var rows = Cn2017.At(15093, 196625);
        rows.ShouldAllBe(r => r[0] == "CN102016000963188");
        var bureau = await App.CreateClientAsAsync("bureau");
        var imp = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(rows), "a-and-b.csv");
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        imp.Long("rowsRead").ShouldBe(2);
        (await App.ScalarAsync<long>("SELECT count(*) FROM records")).ShouldBe(1);

        var anonymous = App.CreateAnonymousClient();
        // the grant shortened the title (…采煤工艺与装备 → …采煤工艺): the later publication's title replaces the earlier one
        rows[0][Cn2017.Col("title")].ShouldBe("薄及中厚急倾斜煤层综合机械化采煤工艺与装备");
        var search = await RecordsApi.SearchAsync(anonymous, "q=" + RecordsApi.Q("薄及中厚急倾斜煤层"));
        search.Long("total").ShouldBe(1);
        var rec = await RecordsApi.GetRecordAsync(anonymous, search.GetProperty("items")[0].Long("id"));
        rec.Str("title").ShouldBe("薄及中厚急倾斜煤层综合机械化采煤工艺");
        rec.Str("publicationNumber").ShouldBe("CN106555591A");
        rec.Str("publicationDate").ShouldNotBeNull();
        rec.Str("grantNumber").ShouldBe("CN106555591B");
        rec.Str("grantDate").ShouldNotBeNull();
        rec.Str("status").ShouldBe("in_force");
        rec.Str("statusName").ShouldBe("有效");
        var events = rec.GetProperty("events").EnumerateArray().Select(e => e.Str("code")).ToList();
        events.ShouldContain("published");
        events.ShouldContain("granted");
    }

    [Fact]
    public async Task CreateImport_CnDbExportSample_ImportsAllTenWithTypesStatusAndExtraFields()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var imp = await RecordsApi.ImportAsync(bureau, "patents/cn-db-export-sample.csv");
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        imp.Str("format").ShouldBe("cn-db-export");
        imp.Long("rowsRead").ShouldBe(10);
        imp.Long("inserted").ShouldBe(10);
        imp.Long("rejected").ShouldBe(0);

        var anonymous = App.CreateAnonymousClient();
        var utility = await RecordsApi.SearchAsync(anonymous, "types=patent_utility&pageSize=100");
        utility.Long("total").ShouldBe(7);
        var inventions = await RecordsApi.SearchAsync(anonymous, "types=patent_invention&pageSize=100");
        inventions.Long("total").ShouldBe(3);

        var id = await RecordsApi.FindByTitleAsync(anonymous, "一种无人机机载多功能盒");
        var rec = await RecordsApi.GetRecordAsync(anonymous, id);
        rec.Str("rightType").ShouldBe("patent_utility");
        rec.Str("rightTypeName").ShouldBe("实用新型");
        rec.Str("applicationNumber").ShouldBe("202223220665.2");
        rec.Str("grantNumber").ShouldBe("CN218751475U");
        rec.Str("status").ShouldBe("in_force");
        rec.Str("abstract")!.ShouldContain("无人机");
        rec.Str("claims")!.ShouldStartWith("1.一种无人机机载多功能盒");
        rec.GetProperty("parties").EnumerateArray().ShouldContain(p => p.Str("role") == "inventor" && p.Str("name") == "刘迪");
        var extra = rec.GetProperty("extra");
        extra.GetProperty("法律状态").GetString().ShouldBe("有权-审定授权");
        extra.GetProperty("国省代码").GetString().ShouldBe("河南(41)");
        rec.GetProperty("attribution").Str("provinceCode").ShouldBe("410000");
        rec.GetProperty("attribution").Str("cityCode").ShouldBe("410100");

        // 审中-实质审查 → pending with an examination event
        var pending = await RecordsApi.GetRecordAsync(anonymous, await RecordsApi.FindByTitleAsync(anonymous, "一种人员聚集发现算法"));
        pending.Str("rightType").ShouldBe("patent_invention");
        pending.Str("status").ShouldBe("pending");
        pending.GetProperty("events").EnumerateArray().Select(e => e.Str("code")).ShouldContain("examination");
        pending.GetProperty("extra").GetProperty("法律状态").GetString().ShouldBe("审中-实质审查");
    }

    [Fact]
    public async Task CreateImport_BadNumbersAndDates_RejectsThoseRowsWithReasonsAndImportsTheRest()
    {
        var rows = Cn2017.First(17935).Skip(17925).Select(r => (string[])r.Clone()).ToList(); // rows 17925… hold standard-form numbers
        var app = Cn2017.Col("application_no");
        var date = Cn2017.Col("application_date");
        rows[0][app] = "CN2015ABC";                                                         // not a number (file row 2)
        var good = rows[3][app];                                                           // CN201510091666.7
        good.ShouldBe("CN201510091666.7");
        rows[3][app] = "CN201510091666.3";                                                 // wrong check digit (file row 5)
        rows[5][date] = "20151345";                                                        // no such date (file row 7)
        var bureau = await App.CreateClientAsAsync("bureau");
        var imp = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(rows), "with-errors.csv");
        imp.Str("status").ShouldBe("completed_with_errors", imp.ToString()); // two rows rejected: the import says so;
        imp.Long("rowsRead").ShouldBe(10);
        imp.Long("rejected").ShouldBe(2);
        imp.Long("inserted").ShouldBe(8);
        (await App.ScalarAsync<long>("SELECT count(*) FROM records")).ShouldBe(8);

        var id = imp.Long("id");
        var list = await bureau.GetFromJsonAsync<JsonElement[]>($"/api/imports/{id}/rejections");
        list!.Length.ShouldBe(3, string.Join("\n", list));
        var notANumber = list.Single(r => r.Long("rowNumber") == 2);
        notANumber.Str("field").ShouldBe("applicationNumber");
        notANumber.Str("value").ShouldBe("CN2015ABC");
        notANumber.GetProperty("wholeRow").GetBoolean().ShouldBeTrue();
        ShouldBeChinese(notANumber.Str("reason"));
        var checkDigit = list.Single(r => r.Long("rowNumber") == 5);
        checkDigit.Str("field").ShouldBe("applicationNumber");
        checkDigit.Str("value").ShouldBe("CN201510091666.3");
        checkDigit.Str("reason")!.ShouldContain("校验");
        checkDigit.GetProperty("wholeRow").GetBoolean().ShouldBeTrue();
        var badDate = list.Single(r => r.Long("rowNumber") == 7);
        badDate.Str("field").ShouldBe("applicationDate");
        badDate.Str("value").ShouldBe("20151345");
        ShouldBeChinese(badDate.Str("reason"));
        badDate.GetProperty("wholeRow").GetBoolean().ShouldBeFalse(); // the record goes in without the bad date

        var csv = await bureau.GetAsync($"/api/imports/{id}/rejections?format=csv");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("行号,字段,值,原因,整行未导入");
        lines.Length.ShouldBe(4);
        lines.ShouldContain(l => l.StartsWith("5,applicationNumber,CN201510091666.3,") && l.EndsWith(",是"));
        lines.ShouldContain(l => l.StartsWith("7,applicationDate,20151345,") && l.EndsWith(",否"));
    }

    internal static void ShouldBeChinese(string? text)
    {
        text.ShouldNotBeNullOrWhiteSpace();
        text!.Any(c => c is >= '\u4E00' and <= '\u9FFF').ShouldBeTrue($"“{text}” should be a Chinese message");
    }
}
