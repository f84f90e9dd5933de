using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Indicators;
using Zhichan.Tests.Infrastructure;
using static Zhichan.Tests.Registries.Experts.RegistryPeopleApi;

namespace Zhichan.Tests.Registries.Experts;

/// <summary>
/// 培训 and 人才 (ADR 0027): registration within the capacity, QR check-in with a signed token, certificates as Word documents,
/// 知识产权培训人次 by the event's region with the rows behind it; the attendance sheet import with row errors; talent counts.
/// </summary>
public class TrainingTests(ZhichanFactory app) : IntegrationTest(app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>The reset empties the indicator catalogue: load it again for 知识产权培训人次.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.Services.GetServices<Zhichan.Api.Platform.IStartupTask>().OfType<Zhichan.Api.Features.Indicators.IndicatorCatalogueLoader>().Single()
            .RunAsync(CancellationToken.None);
    }

    private static async Task<long> EventAsync(HttpClient bureau, int? capacity = 2, DateOnly? starts = null) =>
        (await bureau.PostAsJsonAsync("/api/registries/training/events", new
        {
            title = "专利导航与布局实务培训", organiser = "连云港市市场监督管理局（知识产权局）", startsOn = starts ?? Today, endsOn = (starts ?? Today).AddDays(1),
            place = "市民服务中心 3 楼", hours = 6.5m, capacity, audience = "企业知识产权管理人员", regionCode = "320706",
        }).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();

    [Fact]
    public async Task Training_RegisterQrCheckInCertificate_CountsAsAttendanceOfTheEventsRegion()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var agency = await App.CreateClientAsAsync("agency");
        var id = await EventAsync(bureau);

        var ev = await hengrui.PostAsync($"/api/registries/training/events/{id}/registrations/mine", null).JsonAsync();
        ev.GetProperty("myRegistration").ValueKind.ShouldBe(JsonValueKind.Object);
        (await (await hengrui.PostAsync($"/api/registries/training/events/{id}/registrations/mine", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("已报名");
        (await (await bureau.PostAsJsonAsync($"/api/registries/training/events/{id}/registrations", new { people = new[] { new { name = "张三" }, new { name = "李四" } } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("名额不足");
        var listed = await bureau.PostAsJsonAsync($"/api/registries/training/events/{id}/registrations", new
        {
            people = new[] { new { name = "张三", unitName = "连云港某机械有限公司", phone = "13700001111" } },
        }).JsonAsync();
        listed[0].GetProperty("phone").GetString().ShouldBe("137****1111");
        (await (await agency.PostAsync($"/api/registries/training/events/{id}/registrations/mine", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("名额已满");
        (await (await App.CreateClientAsAsync("lianyun")).PostAsync($"/api/registries/training/events/{id}/registrations/mine", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // the QR code carries a signed token; the participant's own session checks them in, once
        var code = await bureau.PostAsJsonAsync($"/api/registries/training/events/{id}/check-in-code", new { baseUrl = "https://zhichan.example.cn", validMinutes = 60 }).JsonAsync();
        code.GetProperty("qrPngDataUrl").GetString()!.ShouldStartWith("data:image/png;base64,");
        var url = new Uri(code.GetProperty("url").GetString()!);
        url.AbsolutePath.ShouldBe("/registries/training/check-in");
        var token = Uri.UnescapeDataString(url.Query["?t=".Length..]);
        var checkedIn = await hengrui.PostAsJsonAsync("/api/registries/training/check-in", new { token }).JsonAsync();
        checkedIn.GetProperty("alreadyCheckedIn").GetBoolean().ShouldBeFalse();
        checkedIn.GetProperty("walkIn").GetBoolean().ShouldBeFalse();
        (await hengrui.PostAsJsonAsync("/api/registries/training/check-in", new { token }).JsonAsync()).GetProperty("alreadyCheckedIn").GetBoolean().ShouldBeTrue();
        (await (await hengrui.PostAsJsonAsync("/api/registries/training/check-in", new { token = token[..^4] + "AAAA" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("token")[0].GetString()!.ShouldContain("无效或已过期");
        (await agency.PostAsJsonAsync("/api/registries/training/check-in", new { token })).StatusCode.ShouldBe(HttpStatusCode.Conflict); // not registered, full

        // the bureau checks in the listed participant; certificates for both attendees, none for who did not come
        var regs = await bureau.GetAsync($"/api/registries/training/events/{id}/registrations").JsonAsync();
        var zhang = regs.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "张三").GetProperty("id").GetInt64();
        (await bureau.PostAsJsonAsync($"/api/registries/training/events/{id}/attendance", new { registrationIds = new[] { zhang }, attended = true }).JsonAsync())[0]
            .GetProperty("checkInMethodLabel").GetString().ShouldBe("名单签到");
        var issued = await bureau.PostAsync($"/api/registries/training/events/{id}/certificates", null).JsonAsync();
        issued.GetProperty("issued").GetInt32().ShouldBe(2);

        var mine = await hengrui.GetAsync("/api/registries/training/mine").JsonAsync();
        mine.GetProperty("hours").GetDecimal().ShouldBe(6.5m);
        var certificateLink = mine.GetProperty("items")[0].GetProperty("certificateLink").GetString()!;
        var docx = await hengrui.GetByteArrayAsync(certificateLink);
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var text = word.MainDocumentPart!.Document.Body!.InnerText;
            text.ShouldContain("专利导航与布局实务培训");
            text.ShouldContain("6.5 学时");
            text.ShouldContain(mine.GetProperty("items")[0].GetProperty("certificateNumber").GetString()!);
        }
        (await agency.GetAsync(certificateLink)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // 知识产权培训人次: two check-ins this year, in the county, the city and the province of the event, refreshed on write
        var values = await bureau.GetAsync($"/api/indicators/training_attendance/values?region=320706,320700,320000,320707&year={Today.Year}").JsonAsync();
        decimal? ValueOf(JsonElement vs, string region) => vs.GetProperty("values").EnumerateArray()
            .Where(v => v.GetProperty("regionCode").GetString() == region && v.GetProperty("status").GetString() == "computed")
            .Select(v => (decimal?)v.GetProperty("value").GetDecimal()).FirstOrDefault();
        foreach (var region in new[] { "320706", "320700", "320000" }) ValueOf(values, region).ShouldBe(2m, region);
        (ValueOf(values, "320707") ?? 0m).ShouldBe(0m);
        var link = values.GetProperty("values").EnumerateArray().First(v => v.GetProperty("regionCode").GetString() == "320700").GetProperty("drillDownLink").GetString()!;
        var rows = await bureau.GetAsync(link).JsonAsync();
        rows.GetProperty("total").GetInt64().ShouldBe(2);
        rows.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ShouldContain("张某（连云港某机械有限公司）");
        rows.GetProperty("items")[0].GetProperty("link").GetString().ShouldBe($"/registries/training/{id}");
        using (var scope = App.Services.CreateScope())
        {
            var indicator = scope.ServiceProvider.GetServices<IModuleIndicator>().Single(i => i.Code == "training_attendance");
            await using var conn = new Npgsql.NpgsqlConnection(App.ConnectionString);
            await conn.OpenAsync();
            (await indicator.ComputeAsync(conn, CancellationToken.None)).ShouldContain(v => v.RegionCode == "320706" && v.Year == Today.Year && v.Value == 2);
        }

        // a cancelled event no longer counts
        await bureau.PutAsJsonAsync($"/api/registries/training/events/{id}", new
        {
            title = "专利导航与布局实务培训", organiser = "连云港市市场监督管理局（知识产权局）", startsOn = Today, endsOn = Today.AddDays(1), hours = 6.5m, capacity = 2,
            regionCode = "320706", cancelled = true,
        }).JsonAsync();
        (ValueOf(await bureau.GetAsync($"/api/indicators/training_attendance/values?region=320706&year={Today.Year}").JsonAsync(), "320706") ?? 0m).ShouldBe(0m);
    }

    [Fact]
    public async Task ImportAttendance_MatchesRegistrations_NewPeopleRegistered_RowErrorsReported()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = await EventAsync(bureau, capacity: null, starts: Today.AddDays(-1));
        await bureau.PostAsJsonAsync($"/api/registries/training/events/{id}/registrations", new
        {
            people = new[] { new { name = "王五", unitName = "连云港某食品有限公司", phone = "13600002222" } },
        }).JsonAsync();
        var res = await bureau.PostAsync($"/api/registries/training/events/{id}/attendance/import", Xlsx(["姓名", "单位", "手机", "签到时间"],
            ["王五", "连云港某食品有限公司", "13600002222", ""],
            ["赵六", "连云港某港口有限公司", "13600003333", $"{Today:yyyy-MM-dd} 09:30"],
            ["钱七", "", "136", ""],
            ["孙八", "", "", "2020-01-01"],
            ["", "某单位", "", ""])).JsonAsync();
        res.GetProperty("updated").GetInt32().ShouldBe(1);
        res.GetProperty("created").GetInt32().ShouldBe(1);
        res.GetProperty("rejected").GetInt32().ShouldBe(3);
        var errors = res.GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt64(), Field: e.GetProperty("field").GetString())).ToList();
        errors.ShouldContain((4, "手机"));
        errors.ShouldContain((5, "签到时间"));
        errors.ShouldContain((6, "姓名"));
        var regs = (await bureau.GetAsync($"/api/registries/training/events/{id}/registrations").JsonAsync()).EnumerateArray().ToList();
        regs.Count.ShouldBe(2);
        regs.ShouldAllBe(r => r.GetProperty("checkInMethod").GetString() == "import");
        regs.Single(r => r.GetProperty("name").GetString() == "赵六").GetProperty("sourceLabel").GetString().ShouldBe("签到表导入");
    }

    [Fact]
    public async Task TalentCounts_ByRegionAndUnit_CountOnlyThoseNotLeft()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        async Task AddAsync(string name, string category, string unit, string region, string? leftOn = null) =>
            await bureau.PostAsJsonAsync("/api/registries/talent", new { name, category, unitName = unit, regionCode = region, qualifiedOn = "2024-03-01", leftOn })
                .JsonAsync(HttpStatusCode.Created);
        await AddAsync("陈一", "ip_director", "连云港某制药有限公司", "320706");
        await AddAsync("陈二", "ip_engineer", "连云港某制药有限公司", "320706");
        await AddAsync("陈三", "patent_attorney", "连云港某代理事务所", "320707");
        await AddAsync("陈四", "ip_engineer", "连云港某制药有限公司", "320706", leftOn: "2025-01-01");
        var bad = await bureau.PostAsJsonAsync("/api/registries/talent", new { name = "某", category = "wizard", unitName = "x", regionCode = "999999" });
        var errors = (await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.TryGetProperty("category", out _).ShouldBeTrue();
        errors.TryGetProperty("regionCode", out _).ShouldBeTrue();

        var counts = await bureau.GetAsync("/api/registries/talent/counts").JsonAsync();
        counts.GetProperty("total").GetInt32().ShouldBe(3);
        var haizhou = counts.GetProperty("byRegion").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "320706");
        haizhou.GetProperty("label").GetString().ShouldBe("连云港市海州区");
        haizhou.GetProperty("byCategory").GetProperty("ip_engineer").GetInt32().ShouldBe(1);
        haizhou.GetProperty("total").GetInt32().ShouldBe(2);
        counts.GetProperty("byUnit")[0].GetProperty("label").GetString().ShouldBe("连云港某制药有限公司");
        (await bureau.GetAsync("/api/registries/talent/counts?asOf=2024-12-31").JsonAsync()).GetProperty("total").GetInt32().ShouldBe(4);
        (await bureau.GetAsync("/api/registries/talent?current=false").JsonAsync()).GetProperty("total").GetInt64().ShouldBe(1);
        (await (await App.CreateClientAsAsync("hengrui")).GetAsync("/api/registries/talent/counts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
