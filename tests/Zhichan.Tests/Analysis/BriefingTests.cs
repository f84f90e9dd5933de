using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Analysis.Briefings;
using Zhichan.Api.Platform;
using Zhichan.Api.Platform.Database;
using Zhichan.Tests.Infrastructure;
using static Zhichan.Tests.Analysis.AnalysisTestData;
using static Zhichan.Tests.Analysis.WatchesApi;

namespace Zhichan.Tests.Analysis;

/// <summary>
/// 定期推送 (issue 24 §4, ADR 0054) through HTTP, on real 2017 rows of 江苏恒瑞医药股份有限公司 and the SMTP sink: a briefing of a
/// watch's alert and the industry's new filings is rendered, kept in the history, e-mailed once (not again as a notification
/// e-mail), and private to its user; scheduled briefings cover the last complete period once; empty ones are kept but not sent.
/// </summary>
public class BriefingTests(WatchMailFactory app) : IntegrationTest<WatchMailFactory>(app)
{
    private static readonly object Weekly = new
    {
        name = "恒瑞周报", frequency = "weekly", includeWatches = true, includeFilings = true, filingsQ = "AP=(恒瑞医药)", regionCode = "320700",
        includeNotices = true, includeCalls = true, byEmail = true,
    };

    [Fact]
    public async Task Briefing_OfAlertsAndNewFilings_IsRenderedMailedOnceAndPrivate()
    {
        App.Sink.Clear();
        await App.ExecuteAsync("UPDATE users SET email = 'ip@hengrui.example.com', notify_by_email = true WHERE username = 'hengrui'");
        var bureau = await App.CreateClientAsAsync("bureau");
        var admin = await App.CreateClientAsAsync("admin");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        await CreateAsync(hengrui, new { kind = "search", name = "恒瑞医药新申请", q = "恒瑞医药" });
        var sub = await SubscribeAsync(hengrui, Weekly);
        var id = sub.GetProperty("id").GetInt64();
        sub.GetProperty("filingsDescription").GetString().ShouldBe("检索式 AP=(恒瑞医药)，地区 连云港市");

        await ImportAsync(bureau, HengruiLater, "hengrui-later.csv");
        await EvaluateAsync(bureau);
        var search = await bureau.GetFromJsonAsync<JsonElement>("/api/records?q=" + Uri.EscapeDataString("AP=(恒瑞医药)") + "&region=320700");
        var searchTotal = search.GetProperty("total").GetInt32();
        searchTotal.ShouldBe(5);

        // the preview shows the week so far and stores nothing
        var preview = await hengrui.GetFromJsonAsync<JsonElement>($"/api/analysis/subscriptions/{id}/preview");
        Section(preview, "watches").GetProperty("total").GetInt32().ShouldBe(1);
        Section(preview, "filings").GetProperty("total").GetInt32().ShouldBe(searchTotal);
        (await hengrui.GetFromJsonAsync<JsonElement>("/api/analysis/briefings")).GetProperty("total").GetInt32().ShouldBe(0);

        var res = await hengrui.PostAsync($"/api/analysis/subscriptions/{id}/send", null);
        res.StatusCode.ShouldBe(HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        var sent = await res.Content.ReadFromJsonAsync<JsonElement>();
        var briefingId = sent.GetProperty("briefing").GetProperty("id").GetInt64();
        var filings = Section(sent, "filings");
        var firstTitle = filings.GetProperty("items")[0].GetProperty("title").GetString()!;
        filings.GetProperty("items")[0].GetProperty("link").GetString()!.ShouldStartWith("/records/");
        Section(sent, "watches").GetProperty("items")[0].GetProperty("title").GetString().ShouldBe("恒瑞医药新申请：导入后新增 5 条符合检索式的记录");
        sent.GetProperty("content").GetProperty("itemCount").GetInt32().ShouldBeGreaterThanOrEqualTo(6);
        sent.GetProperty("html").GetString()!.ShouldContain($"https://ip.example.gov.cn/analysis/briefings/{briefingId}");

        (await admin.PostAsync("/api/admin/mail/send", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var mail = App.Sink.Received.Where(m => m.Subject?.StartsWith("知识产权简报") == true).ShouldHaveSingleItem();
        mail.To.Mailboxes.Single().Address.ShouldBe("ip@hengrui.example.com");
        mail.HtmlBody!.ShouldContain("我的监控预警（1）");
        mail.HtmlBody!.ShouldContain($"行业新增专利（{searchTotal}）");
        mail.HtmlBody!.ShouldContain(WebUtility.HtmlEncode(firstTitle));
        mail.TextBody!.ShouldContain("【项目申报通知】");
        // the in-app notice of the briefing is not mailed a second time
        App.Sink.Received.ShouldNotContain(m => m.Subject != null && m.Subject.StartsWith("新的简报"));
        var inbox = await hengrui.GetFromJsonAsync<JsonElement>("/api/notifications");
        inbox.GetProperty("items").EnumerateArray().ShouldContain(n => n.GetProperty("type").GetString() == "analysis.briefing"
            && n.GetProperty("link").GetString() == $"/analysis/briefings/{briefingId}");

        var history = await hengrui.GetFromJsonAsync<JsonElement>("/api/analysis/briefings");
        var row = history.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        (row.GetProperty("trigger").GetString(), row.GetProperty("mailStatus").GetString(), row.GetProperty("mailStatusName").GetString())
            .ShouldBe(("manual", "sent", "已发送"));
        (await hengrui.GetFromJsonAsync<JsonElement>($"/api/analysis/briefings/{briefingId}")).GetProperty("html").GetString()!.ShouldContain("恒瑞周报");
        (await hengrui.GetFromJsonAsync<JsonElement>("/api/analysis/subscriptions")).GetProperty("items")[0].GetProperty("briefingCount").GetInt32().ShouldBe(1);

        // another user's: 404; a role without briefings: 403
        var lianyun = await App.CreateClientAsAsync("lianyun");
        (await lianyun.GetAsync($"/api/analysis/briefings/{briefingId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lianyun.GetAsync($"/api/analysis/subscriptions/{id}/preview")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lianyun.PutAsJsonAsync($"/api/analysis/subscriptions/{id}", Weekly)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lianyun.PostAsync($"/api/analysis/subscriptions/{id}/send", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lianyun.DeleteAsync($"/api/analysis/subscriptions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await App.CreateClientAsAsync("bank")).GetAsync("/api/analysis/briefings")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // unsubscribing keeps the history
        (await hengrui.DeleteAsync($"/api/analysis/subscriptions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await hengrui.GetFromJsonAsync<JsonElement>("/api/analysis/briefings")).GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task ScheduledBriefings_CoverTheLastCompletePeriodOnce_EmptyOnesAreKeptButNotSent_BadSettingsAreRefused()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var lianyun = await App.CreateClientAsAsync("lianyun");
        await CreateAsync(hengrui, new { kind = "search", name = "恒瑞医药新申请", q = "恒瑞医药" });
        await SubscribeAsync(hengrui, Weekly);
        await SubscribeAsync(lianyun, new { name = "县区月报", frequency = "monthly", includeWatches = true, includeNotices = false, includeCalls = false });
        await ImportAsync(bureau, HengruiLater, "hengrui-later.csv");
        await EvaluateAsync(bureau);

        var today = ChinaTime.Today(TimeProvider.System);
        var nextMonday = BriefingPeriods.StartOf("weekly", today).AddDays(7);
        var nextMonth = BriefingPeriods.StartOf("monthly", today).AddMonths(1);
        var sender = App.Services.GetRequiredService<BriefingSender>();
        async Task<int> RunAsync(DateOnly day)
        {
            using var scope = App.Services.CreateScope();
            return (await sender.RunScheduledAsync(scope.ServiceProvider.GetRequiredService<ZhichanDb>(), day, CancellationToken.None)).Produced;
        }

        (await RunAsync(nextMonday)).ShouldBeGreaterThanOrEqualTo(1);
        (await RunAsync(nextMonday)).ShouldBe(0);
        var weekly = (await hengrui.GetFromJsonAsync<JsonElement>("/api/analysis/briefings")).GetProperty("items").EnumerateArray()
            .Where(b => b.GetProperty("trigger").GetString() == "scheduled").ShouldHaveSingleItem();
        weekly.GetProperty("periodStart").GetString().ShouldBe(BriefingPeriods.StartOf("weekly", today).ToString("yyyy-MM-dd"));
        weekly.GetProperty("periodLastDay").GetString().ShouldBe(nextMonday.AddDays(-1).ToString("yyyy-MM-dd"));
        weekly.GetProperty("itemCount").GetInt32().ShouldBeGreaterThanOrEqualTo(6);

        await RunAsync(nextMonth);
        (await RunAsync(nextMonth)).ShouldBe(0);
        var monthly = (await lianyun.GetFromJsonAsync<JsonElement>("/api/analysis/briefings")).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        (monthly.GetProperty("periodStart").GetString(), monthly.GetProperty("itemCount").GetInt32())
            .ShouldBe((BriefingPeriods.StartOf("monthly", today).ToString("yyyy-MM-dd"), 0));
        var inbox = await lianyun.GetFromJsonAsync<JsonElement>("/api/notifications");
        inbox.GetProperty("items").EnumerateArray().ShouldNotContain(n => n.GetProperty("type").GetString() == "analysis.briefing");

        // settings the server refuses, in Chinese, under the form's own field names
        var bad = await SubscribeAsync(hengrui, new { name = "坏检索式", frequency = "weekly", includeFilings = true, filingsQ = "TI=(电池" }, HttpStatusCode.BadRequest);
        bad.GetProperty("errors").TryGetProperty("filingsQ", out _).ShouldBeTrue();
        var open = await SubscribeAsync(hengrui, new { name = "全部", frequency = "weekly", includeFilings = true }, HttpStatusCode.BadRequest);
        open.GetProperty("errors").GetProperty("filingsQ")[0].GetString()!.ShouldContain("至少填写检索式、行业或地区之一");
        var none = await SubscribeAsync(hengrui, new { name = "空", frequency = "daily", includeWatches = false, includeNotices = false, includeCalls = false }, HttpStatusCode.BadRequest);
        none.GetProperty("errors").TryGetProperty("includeWatches", out _).ShouldBeTrue();
        none.GetProperty("errors").TryGetProperty("frequency", out _).ShouldBeTrue();
        var region = await SubscribeAsync(hengrui, new { name = "地区", frequency = "weekly", includeFilings = true, regionCode = "3207" }, HttpStatusCode.BadRequest);
        region.GetProperty("errors").TryGetProperty("regionCode", out _).ShouldBeTrue();
    }

    [Fact]
    public void Periods_RunMondayToSundayAndByCalendarMonth()
    {
        var wednesday = new DateOnly(2026, 12, 2);
        BriefingPeriods.LastComplete("weekly", wednesday).ShouldBe((new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30)));
        BriefingPeriods.LastComplete("weekly", new DateOnly(2026, 11, 30)).ShouldBe((new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30)));
        BriefingPeriods.LastComplete("monthly", wednesday).ShouldBe((new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)));
        BriefingPeriods.LastComplete("monthly", new DateOnly(2027, 1, 1)).ShouldBe((new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1)));
        BriefingPeriods.SoFar("weekly", new DateOnly(2026, 12, 6)).ShouldBe((new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 7)));
    }

    private static JsonElement Section(JsonElement detail, string key) =>
        detail.GetProperty("content").GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);

    private static async Task<JsonElement> SubscribeAsync(HttpClient client, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var res = await client.PostAsJsonAsync("/api/analysis/subscriptions", body);
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }
}
