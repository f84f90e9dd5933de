using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Platform.Files;
using Zhichan.Tests.Infrastructure;
using static Zhichan.Tests.Registries.Experts.RegistryPeopleApi;

namespace Zhichan.Tests.Registries.Experts;

/// <summary>
/// 人才 (ADR 0027): the XLSX import with row errors (good rows stored), 知识产权人才数 / 企业知识产权总监人数 at each year's end by the
/// unit's region with the rows behind them (names masked), a person who left not counted at the year end, the masked export.
/// </summary>
public class TalentTests(ZhichanFactory app) : IntegrationTest(app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>The reset empties the indicator catalogue: load it again for the talent indicators.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.Services.GetServices<Zhichan.Api.Platform.IStartupTask>().OfType<Zhichan.Api.Features.Indicators.IndicatorCatalogueLoader>().Single()
            .RunAsync(CancellationToken.None);
    }

    private static decimal? ValueOf(JsonElement vs, string region) => vs.GetProperty("values").EnumerateArray()
        .Where(v => v.GetProperty("regionCode").GetString() == region && v.GetProperty("status").GetString() == "computed")
        .Select(v => (decimal?)v.GetProperty("value").GetDecimal()).FirstOrDefault();

    [Fact]
    public async Task Import_RowErrorsReported_GoodRowsCounted_ByYearEndAndRegion_LeaversDropOut_ExportMasked()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var year = Today.Year;
        var res = await bureau.PostAsync("/api/registries/talent/import", Xlsx(["姓名", "人才类别", "所在单位", "所在地区", "资格或称号", "证书编号", "取得日期", "离职日期"],
            ["张伟", "知识产权总监", "连云港某机械有限公司", "320706", "企业知识产权总监", "ZJ20240001", "2024-03-01", ""],
            ["李娜", "专利代理师", "示例知识产权代理事务所", "320706", "专利代理师资格", "", "2023-06-01", ""],
            ["王强", "知识产权工程师", "连云港某港口有限公司", "320707", "", "", "2023-05-01", $"{year}-01-01"],
            ["赵敏", "魔法师", "连云港某食品有限公司", "320706", "", "", "", ""],
            ["钱坤", "专利代理师", "连云港某食品有限公司", "999999", "", "", "", ""],
            ["孙丽", "高层次人才", "连云港某食品有限公司", "320706", "", "", "明年春天", ""],
            ["", "高层次人才", "连云港某食品有限公司", "320706", "", "", "", ""])).JsonAsync();
        res.GetProperty("created").GetInt32().ShouldBe(3);
        res.GetProperty("rejected").GetInt32().ShouldBe(4);
        var errors = res.GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt64(), Field: e.GetProperty("field").GetString())).ToList();
        errors.ShouldContain((5, "人才类别"));
        errors.ShouldContain((6, "所在地区"));
        errors.ShouldContain((7, "取得日期"));
        errors.ShouldContain((8, "姓名"));
        (await bureau.GetAsync("/api/registries/talent").JsonAsync()).GetProperty("total").GetInt64().ShouldBe(3);
        (await (await bureau.PostAsync("/api/registries/talent/import", Xlsx(["姓名", "单位"], ["张伟", "某单位"]))).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("表头缺少必填列");

        // last year's end: all three (王强 left on 1 January); this year's end: 王强 no longer counted
        var last = await bureau.GetAsync($"/api/indicators/ip_talent/values?region=320700&year={year - 1}").JsonAsync();
        ValueOf(last, "320700").ShouldBe(3m);
        var now = await bureau.GetAsync($"/api/indicators/ip_talent/values?region=320700&year={year}").JsonAsync();
        ValueOf(now, "320700").ShouldBe(2m);
        (ValueOf(await bureau.GetAsync($"/api/indicators/ip_talent/values?region=320707&year={year}").JsonAsync(), "320707") ?? 0m).ShouldBe(0m);
        ValueOf(await bureau.GetAsync($"/api/indicators/ip_talent/values?region=320707&year={year - 1}").JsonAsync(), "320707").ShouldBe(1m);
        ValueOf(await bureau.GetAsync($"/api/indicators/ip_directors/values?region=320706&year={year}").JsonAsync(), "320706").ShouldBe(1m);

        var link = now.GetProperty("values").EnumerateArray().First(v => v.GetProperty("regionCode").GetString() == "320700").GetProperty("drillDownLink").GetString()!;
        var rows = await bureau.GetAsync(link).JsonAsync();
        rows.GetProperty("total").GetInt64().ShouldBe(2);
        var names = rows.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        names.ShouldContain("张某（连云港某机械有限公司）");
        names.ShouldNotContain(n => n!.Contains("王") || n.Contains("张伟"));

        // a person recorded as left through the register drops out of this year's value at once
        var zhang = (await bureau.GetAsync("/api/registries/talent?q=张伟").JsonAsync()).GetProperty("items")[0];
        await bureau.PutAsJsonAsync($"/api/registries/talent/{zhang.GetProperty("id").GetInt64()}", new
        {
            name = "张伟", category = "ip_director", unitName = "连云港某机械有限公司", regionCode = "320706", qualification = "企业知识产权总监", certificateNumber = "ZJ20240001", qualifiedOn = "2024-03-01",
            leftOn = Today,
        }).JsonAsync();
        (ValueOf(await bureau.GetAsync($"/api/indicators/ip_directors/values?region=320706&year={year}").JsonAsync(), "320706") ?? 0m).ShouldBe(0m);
        ValueOf(await bureau.GetAsync($"/api/indicators/ip_directors/values?region=320706&year={year - 1}").JsonAsync(), "320706").ShouldBe(1m);

        // the export masks names and certificate numbers
        var xlsx = await bureau.GetAsync("/api/registries/talent/export");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (header, sheetRows) = XlsxSheet.Read(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        header.ShouldContain("姓名");
        var cells = sheetRows.SelectMany(r => r.Cells).ToList();
        cells.ShouldContain("张某");
        cells.ShouldNotContain("张伟");
        cells.ShouldContain("******0001");
        (await (await App.CreateClientAsAsync("hengrui")).PostAsync("/api/registries/talent/import", Xlsx(["姓名"], ["张伟"]))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
