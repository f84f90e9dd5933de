using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Platform;
using Zhichan.Tests.Infrastructure;
using static Zhichan.Tests.Programmes.Outcomes.ProgrammeTestData;

namespace Zhichan.Tests.Programmes.Outcomes;

/// <summary>
/// OUTCOMES through HTTP (issue 23 §4): proposals within quotas and budget, the 公示 on the portal, objections in and out of the
/// window, decisions gated by the window and unanswered objections, validity and the entity label, payments within the grant,
/// totals, and the indicators moving.
/// </summary>
public class OutcomesApiTests(ZhichanFactory app) : IntegrationTest(app)
{
    private const string Base = "/api/programmes/outcomes";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync(); // empties every table, the catalogue too: load it again
        foreach (var t in App.Services.GetServices<IStartupTask>().OfType<IndicatorCatalogueLoader>()) await t.RunAsync(CancellationToken.None);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage res, HttpStatusCode expected)
    {
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expected, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    private static Task<HttpResponseMessage> Propose(HttpClient c, long id, string? level, decimal? amount = null) =>
        c.PutAsJsonAsync($"{Base}/applications/{id}/proposal", new { level, amount });

    private async Task<(HttpClient Bureau, long Call, long A, long B, long C)> SubsidyCallAsync(decimal budget = 150000m)
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var type = await TypeAsync(App, "test_subsidy", "专利导航项目资助", "subsidy", Subsidy);
        var call = await CallAsync(App, type, "2026年度专利导航项目资助", budget);
        var (entity, org) = await HengruiAsync(App);
        var a = await ApplicationInStateAsync(App, call, Hengrui, "320771", 91.5m, 1, entityId: entity, orgUnitId: org);
        var b = await ApplicationInStateAsync(App, call, "江苏豪森药业集团有限公司", "320703", 88m, 2);
        var c = await ApplicationInStateAsync(App, call, "江苏康缘药业股份有限公司", "320707", 80.25m, 3);
        return (bureau, call, a, b, c);
    }

    [Fact]
    public async Task Proposal_QuotaExceeded_AndBudgetExceeded_AreRefusedWithTheReason()
    {
        var (bureau, call, a, b, c) = await SubsidyCallAsync(budget: 120000m);
        var view = await Json(await Propose(bureau, a, "first"), HttpStatusCode.OK);
        view.GetProperty("budgetUsed").GetDecimal().ShouldBe(100000m); // the level's amount by default
        view.GetProperty("levels")[0].GetProperty("used").GetInt32().ShouldBe(1);

        var quota = await Json(await Propose(bureau, b, "first"), HttpStatusCode.Conflict);
        quota.GetProperty("detail").GetString().ShouldBe("“一档资助”名额为 1 个，已拟定 1 个，不能再增加");

        var budget = await Json(await Propose(bureau, b, "second", 30000m), HttpStatusCode.Conflict);
        budget.GetProperty("detail").GetString().ShouldBe("超出批次预算：预算 12 万元，已拟定 10 万元，本项 3 万元");
        await Json(await Propose(bureau, b, "second", 20000m), HttpStatusCode.OK);

        var above = await Json(await Propose(bureau, c, "second", 60000m), HttpStatusCode.BadRequest);
        above.GetProperty("errors").GetProperty("amount")[0].GetString().ShouldBe("“二档资助”的金额至多为 5 万元");
        (await Json(await Propose(bureau, c, "nosuch"), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("level", out _).ShouldBeTrue();

        // the call's quotas override the definition's: 一档 raised to 2, and the budget to 25 万元
        await App.ExecuteAsync("UPDATE programme_calls SET quotas = '{\"first\": 2}', budget = 250000 WHERE id = $1", call);
        var after = await Json(await Propose(bureau, b, "first"), HttpStatusCode.OK);
        after.GetProperty("levels")[0].GetProperty("quota").GetInt32().ShouldBe(2);
        after.GetProperty("budgetUsed").GetDecimal().ShouldBe(200000m);

        (await Json(await (await App.CreateClientAsAsync("hengrui")).PutAsJsonAsync($"{Base}/applications/{a}/proposal", new { level = "first" }), HttpStatusCode.Forbidden))
            .ValueKind.ShouldBe(JsonValueKind.Object);
    }

    [Fact]
    public async Task Publish_ShowsTheRankedListToAnonymousCallers_WithoutPersonalData_AndObjectionsAreCheckedForWindowAndContact()
    {
        var (bureau, call, a, b, c) = await SubsidyCallAsync();
        await Json(await Propose(bureau, a, "first"), HttpStatusCode.OK);
        await Json(await Propose(bureau, b, "second"), HttpStatusCode.OK);
        // a person's programme publishes the person's name masked
        var talentType = await TypeAsync(App, "test_talent", "知识产权领军人才", "recognition", Recognition, applicant: "person");
        var talentCall = await CallAsync(App, talentType, "2026年度知识产权领军人才认定");
        var person = await ApplicationInStateAsync(App, talentCall, "王建国", "320703", 90m, 1);
        await Json(await Propose(bureau, person, "demo"), HttpStatusCode.OK);

        var anon = App.CreateAnonymousClient();
        (await anon.GetFromJsonAsync<JsonElement>("/api/public/programmes/notices")).GetArrayLength().ShouldBe(0);
        var published = await Json(await bureau.PostAsync($"{Base}/calls/{call}/publicity", null), HttpStatusCode.OK);
        published.GetProperty("stage").GetString().ShouldBe("publicity");
        var today = DateOnly.Parse(published.GetProperty("publicityFrom").GetString()!);
        var to = DateOnly.Parse(published.GetProperty("publicityTo").GetString()!);
        (to.DayNumber - today.DayNumber).ShouldBeGreaterThanOrEqualTo(4); // five working days from the publication day
        var rows = published.GetProperty("applications").EnumerateArray().ToList();
        rows.Single(r => r.GetProperty("id").GetInt64() == c).GetProperty("status").GetString().ShouldBe("reviewed"); // no level: not published
        rows.Single(r => r.GetProperty("id").GetInt64() == a).GetProperty("statusLabel").GetString().ShouldBe("公示中");
        (await Json(await bureau.PostAsync($"{Base}/calls/{call}/publicity", null), HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("不能再次公示");
        (await Json(await Propose(bureau, c, "second"), HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("本批次已公示");
        await Json(await bureau.PostAsync($"{Base}/calls/{talentCall}/publicity", null), HttpStatusCode.OK);

        var res = await anon.GetAsync("/api/public/programmes/notices");
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(HttpStatusCode.OK);
        var notices = JsonDocument.Parse(text).RootElement;
        notices.GetArrayLength().ShouldBe(2);
        var notice = notices.EnumerateArray().Single(n => n.GetProperty("callId").GetInt64() == call);
        notice.GetProperty("programmeName").GetString().ShouldBe("专利导航项目资助");
        notice.GetProperty("open").GetBoolean().ShouldBeTrue();
        var items = notice.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("applicantName").GetString()).ShouldBe([Hengrui, "江苏豪森药业集团有限公司"]);
        items.Select(i => i.GetProperty("levelLabel").GetString()).ShouldBe(["一档资助", "二档资助"]);
        items[0].GetProperty("amount").GetDecimal().ShouldBe(100000m);
        text.ShouldNotContain("王建国");
        text.ShouldContain("王某某");
        text.ShouldNotContain("320771"); // no codes or contacts of the applicants

        // objections: inside the window accepted; invalid contact and no contact refused; an application not on the list refused
        var ok = await Json(await anon.PostAsJsonAsync($"/api/public/programmes/notices/{call}/objections",
            new { applicationId = b, name = "李明", phone = "13912345678", content = "该企业申报的专利导航项目与往年重复。" }), HttpStatusCode.Created);
        ok.GetProperty("message").GetString()!.ShouldContain("异议已收到");
        var bad = await Json(await anon.PostAsJsonAsync($"/api/public/programmes/notices/{call}/objections",
            new { name = "李明", phone = "12345", email = "not-an-address", content = "异议" }), HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("phone")[0].GetString()!.ShouldContain("格式不正确");
        bad.GetProperty("errors").GetProperty("email")[0].GetString()!.ShouldContain("格式不正确");
        var none = await Json(await anon.PostAsJsonAsync($"/api/public/programmes/notices/{call}/objections", new { name = "李明", content = "异议" }), HttpStatusCode.BadRequest);
        none.GetProperty("errors").GetProperty("phone")[0].GetString()!.ShouldContain("至少一项");
        (await Json(await anon.PostAsJsonAsync($"/api/public/programmes/notices/{call}/objections",
            new { applicationId = c, name = "李明", email = "liming@example.com", content = "异议" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("applicationId", out _).ShouldBeTrue();

        // the bureau sees the contact in full; nobody else reads objections
        var list = await Json(await bureau.GetAsync($"{Base}/calls/{call}/objections"), HttpStatusCode.OK);
        list.GetArrayLength().ShouldBe(1);
        list[0].GetProperty("phone").GetString().ShouldBe("13912345678");
        list[0].GetProperty("applicantName").GetString().ShouldBe("江苏豪森药业集团有限公司");
        (await (await App.CreateClientAsAsync("lianyun")).GetAsync($"{Base}/calls/{call}/objections")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // outside the window: refused with the window named
        await EndWindowAsync(App, call);
        var late = await Json(await anon.PostAsJsonAsync($"/api/public/programmes/notices/{call}/objections",
            new { name = "李明", phone = "0518-85800000", content = "异议" }), HttpStatusCode.Conflict);
        late.GetProperty("detail").GetString()!.ShouldContain("现已不在公示期内，不能提出异议");
        (await anon.PostAsJsonAsync("/api/public/programmes/notices/999999/objections", new { name = "李明", phone = "13912345678", content = "异议" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Decision_WaitsForTheWindowAndAnswers_ApprovalRecordsValidityLabelNotification_AndTheIndicatorMoves()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var type = await TypeAsync(App, "test_demo", "连云港市知识产权示范企业认定", "recognition", Recognition);
        var call = await CallAsync(App, type, "2026年度连云港市知识产权示范企业认定");
        var (entity, org) = await HengruiAsync(App);
        var a = await ApplicationInStateAsync(App, call, Hengrui, "320771", 92m, 1, entityId: entity, orgUnitId: org);
        var b = await ApplicationInStateAsync(App, call, "中复连众复合材料集团有限公司", "320703", 85m, 2);
        await Json(await Propose(bureau, a, "demo"), HttpStatusCode.OK);
        await Json(await Propose(bureau, b, "demo"), HttpStatusCode.OK);
        await Json(await bureau.PostAsync($"{Base}/calls/{call}/publicity", null), HttpStatusCode.OK);

        // before the window ends: refused, saying so
        var early = await Json(await bureau.PostAsJsonAsync($"{Base}/applications/{a}/decision", new { approve = true }), HttpStatusCode.Conflict);
        early.GetProperty("detail").GetString()!.ShouldContain("公示期满后才能作出决定");
        var anon = App.CreateAnonymousClient();
        await Json(await anon.PostAsJsonAsync($"/api/public/programmes/notices/{call}/objections",
            new { applicationId = b, name = "连云港某公司", email = "ip@example.com", content = "该企业的有效发明专利数量不足。" }), HttpStatusCode.Created);
        await Json(await anon.PostAsJsonAsync($"/api/public/programmes/notices/{call}/objections",
            new { name = "张三", phone = "13800001111", content = "名单整体排序有误。" }), HttpStatusCode.Created);
        await EndWindowAsync(App, call);

        // after the window but with unanswered objections: refused naming how many
        var open = await Json(await bureau.PostAsJsonAsync($"{Base}/applications/{a}/decision", new { approve = true }), HttpStatusCode.Conflict);
        open.GetProperty("detail").GetString().ShouldBe("本批次还有 2 件异议未答复，答复后才能作出决定");
        var objections = await Json(await bureau.GetAsync($"{Base}/calls/{call}/objections"), HttpStatusCode.OK);
        foreach (var o in objections.EnumerateArray())
        {
            var upheld = o.GetProperty("applicationId").ValueKind == JsonValueKind.Number;
            var answered = await Json(await bureau.PostAsJsonAsync($"{Base}/objections/{o.GetProperty("id").GetInt64()}/answer",
                new { upheld, answer = upheld ? "经核查，该企业有效发明专利不足 3 件，异议成立。" : "排序按专家评审得分，异议不成立。" }), HttpStatusCode.OK);
            answered.GetProperty("statusLabel").GetString().ShouldBe(upheld ? "异议成立" : "异议不成立");
        }
        (await bureau.PostAsJsonAsync($"{Base}/objections/{objections[0].GetProperty("id").GetInt64()}/answer", new { upheld = true, answer = "再答" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var approved = await Json(await bureau.PostAsJsonAsync($"{Base}/applications/{a}/decision", new { approve = true, note = "经公示无异议" }), HttpStatusCode.OK);
        var row = approved.GetProperty("applications").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == a);
        row.GetProperty("status").GetString().ShouldBe("approved");
        var from = DateOnly.Parse(row.GetProperty("validFrom").GetString()!);
        DateOnly.Parse(row.GetProperty("validTo").GetString()!).ShouldBe(from.AddYears(3));
        (await Json(await bureau.PostAsJsonAsync($"{Base}/applications/{b}/decision", new { approve = false }), HttpStatusCode.BadRequest)).ValueKind.ShouldBe(JsonValueKind.Object);
        await Json(await bureau.PostAsJsonAsync($"{Base}/applications/{b}/decision", new { approve = false, note = "异议成立：有效发明专利不足 3 件" }), HttpStatusCode.OK);

        // the label on the entity, with its origin and reference; the unit is notified in-app
        (await App.ScalarAsync<string>("SELECT kind || '|' || level || '|' || origin || '|' || programme_ref || '|' || valid_to FROM entity_labels WHERE entity_id = $1", entity))
            .ShouldBe($"ip_demo|city|programmes|SB{call:D4}-{a:D6}|{from.AddYears(3):yyyy-MM-dd}");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var notes = await hengrui.GetFromJsonAsync<JsonElement>("/api/notifications");
        notes.GetProperty("items").EnumerateArray().ShouldContain(n => n.GetProperty("body").GetString()!.Contains("已认定/立项（知识产权示范企业"));

        // 示范/优势企业数 counts the new label at once, with the entity behind it
        var values = await bureau.GetFromJsonAsync<JsonElement>($"/api/indicators/demo_enterprises/values?region=320771&year={from.Year}");
        var v = values.GetProperty("values").EnumerateArray().Single(x => x.GetProperty("regionCode").GetString() == "320771");
        v.GetProperty("status").GetString().ShouldBe("computed");
        v.GetProperty("value").GetDecimal().ShouldBe(1m);
    }

    [Fact]
    public async Task Payments_NeverExceedTheGrant_TotalsAndFundingIndicatorMove_AwardsCount()
    {
        var (bureau, call, a, b, _) = await SubsidyCallAsync();
        await Json(await Propose(bureau, a, "first"), HttpStatusCode.OK);
        await Json(await bureau.PostAsync($"{Base}/calls/{call}/publicity", null), HttpStatusCode.OK);
        (await Json(await bureau.PostAsJsonAsync($"{Base}/applications/{a}/payments", new { amount = 10000m }), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("只有已认定/立项的申报可以拨付");
        await EndWindowAsync(App, call);
        await Json(await bureau.PostAsJsonAsync($"{Base}/applications/{a}/decision", new { approve = true }), HttpStatusCode.OK);

        var first = await Json(await bureau.PostAsJsonAsync($"{Base}/applications/{a}/payments", new { amount = 60000m, status = "paid", reference = "LYG-ZJ-2026-001" }), HttpStatusCode.OK);
        var planned = await Json(await bureau.PostAsJsonAsync($"{Base}/applications/{a}/payments", new { amount = 40000m }), HttpStatusCode.OK);
        planned.GetProperty("statusLabel").GetString().ShouldBe("计划拨付");
        var over = await Json(await bureau.PostAsJsonAsync($"{Base}/applications/{a}/payments", new { amount = 0.01m }), HttpStatusCode.Conflict);
        over.GetProperty("detail").GetString().ShouldBe("拨付合计不能超过核定金额 10 万元：已计划及拨付 10 万元，本次 0.01 元");
        // returning a paid payment frees its share; a planned one cannot be returned
        (await bureau.PutAsJsonAsync($"{Base}/payments/{planned.GetProperty("id").GetInt64()}", new { status = "returned", note = "x" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await Json(await bureau.PutAsJsonAsync($"{Base}/payments/{planned.GetProperty("id").GetInt64()}", new { status = "paid" }), HttpStatusCode.OK);

        var totals = await Json(await bureau.GetAsync($"{Base}/totals"), HttpStatusCode.OK);
        var callRow = totals.GetProperty("calls")[0];
        callRow.GetProperty("applications").GetInt32().ShouldBe(3);
        callRow.GetProperty("approved").GetInt32().ShouldBe(1);
        callRow.GetProperty("granted").GetDecimal().ShouldBe(100000m);
        callRow.GetProperty("paid").GetDecimal().ShouldBe(100000m);
        callRow.GetProperty("budgetUsedPercent").GetDecimal().ShouldBe(66.7m);
        var xlsx = await bureau.GetAsync($"{Base}/totals/export");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        var year = ChinaTime.Today(TimeProvider.System).Year;
        decimal Value(JsonElement values, string region) => values.GetProperty("values").EnumerateArray().Single(x => x.GetProperty("regionCode").GetString() == region).GetProperty("value").GetDecimal();
        var funding = await bureau.GetFromJsonAsync<JsonElement>($"/api/indicators/programme_funding_amount/values?region=320771,320700&year={year}");
        Value(funding, "320771").ShouldBe(10m); // 万元
        await Json(await bureau.PutAsJsonAsync($"{Base}/payments/{first.GetProperty("id").GetInt64()}", new { status = "returned", note = "项目终止，资金退回" }), HttpStatusCode.OK);
        funding = await bureau.GetFromJsonAsync<JsonElement>($"/api/indicators/programme_funding_amount/values?region=320771,320700&year={year}");
        Value(funding, "320771").ShouldBe(4m);
        var drill = await bureau.GetFromJsonAsync<JsonElement>(funding.GetProperty("values").EnumerateArray().Single(x => x.GetProperty("regionCode").GetString() == "320700").GetProperty("drillDownLink").GetString()!);
        drill.GetProperty("total").GetInt64().ShouldBe(1);
        drill.GetProperty("items")[0].GetProperty("name").GetString().ShouldBe(Hengrui);

        // 专利奖数: an approved award of a programme naming the indicator
        var awardType = await TypeAsync(App, "test_award", "连云港市专利奖", "award", Award);
        var awardCall = await CallAsync(App, awardType, "2026年度连云港市专利奖评选");
        var winner = await ApplicationInStateAsync(App, awardCall, "江苏豪森药业集团有限公司", "320703", 95m, 1);
        await Json(await Propose(bureau, winner, "gold"), HttpStatusCode.OK);
        await Json(await bureau.PostAsync($"{Base}/calls/{awardCall}/publicity", null), HttpStatusCode.OK);
        await EndWindowAsync(App, awardCall);
        await Json(await bureau.PostAsJsonAsync($"{Base}/applications/{winner}/decision", new { approve = true }), HttpStatusCode.OK);
        var awards = await bureau.GetFromJsonAsync<JsonElement>($"/api/indicators/patent_awards/values?region=320703&year={year}");
        Value(awards, "320703").ShouldBe(1m);
    }
}
