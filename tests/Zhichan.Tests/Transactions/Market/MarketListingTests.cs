using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Zhichan.Tests.Transactions.Market;

/// <summary>The review state machine per role, anonymous browsing, row filters, contact masking and expiry.</summary>
public class MarketListingTests(MarketFactory app) : MarketTest(app)
{
    [Fact]
    public async Task MarketReview_AllowsEachTransitionOnlyToItsRole_AndKeepsTheTimeline()
    {
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var agency = await App.CreateClientAsAsync("agency");
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = await CreateAsync(hengrui, Need());

        // a draft is the owner's: another unit does not see it, the bureau cannot review it yet, the owner cannot review at all
        (await agency.PostAsync($"{Api}/listings/{id}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var early = await ReadAsync(await bureau.PostAsJsonAsync($"{Api}/listings/{id}/review", new { decision = "approve" }), HttpStatusCode.Conflict);
        early.GetProperty("detail").GetString()!.ShouldContain("待提交");
        (await hengrui.PostAsJsonAsync($"{Api}/listings/{id}/review", new { decision = "approve" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var submitted = await ReadAsync(await hengrui.PostAsync($"{Api}/listings/{id}/submit", null), HttpStatusCode.OK);
        submitted.GetProperty("listing").GetProperty("statusName").GetString().ShouldBe("待审核");
        (await ReadAsync(await bureau.GetAsync($"{Api}/listings?status=pending"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(1);
        (await hengrui.PostAsync($"{Api}/listings/{id}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var noNote = await ReadAsync(await bureau.PostAsJsonAsync($"{Api}/listings/{id}/review", new { decision = "rectify" }), HttpStatusCode.BadRequest);
        noNote.GetProperty("errors").GetProperty("note")[0].GetString().ShouldBe("请说明需要整改的内容");
        var rectify = await ReadAsync(await bureau.PostAsJsonAsync($"{Api}/listings/{id}/review", new { decision = "rectify", note = "请补充预算依据" }), HttpStatusCode.OK);
        rectify.GetProperty("listing").GetProperty("status").GetString().ShouldBe("rectify");
        rectify.GetProperty("listing").GetProperty("reviewNote").GetString().ShouldBe("请补充预算依据");

        await ReadAsync(await hengrui.PutAsJsonAsync($"{Api}/listings/{id}", Need(budget: 800_000m)), HttpStatusCode.OK);
        await ReadAsync(await hengrui.PostAsync($"{Api}/listings/{id}/submit", null), HttpStatusCode.OK);
        var rejected = await ReadAsync(await bureau.PostAsJsonAsync($"{Api}/listings/{id}/review", new { decision = "reject", note = "与本平台服务范围不符" }), HttpStatusCode.OK);
        rejected.GetProperty("listing").GetProperty("statusName").GetString().ShouldBe("拒绝");
        (await hengrui.PostAsync($"{Api}/listings/{id}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await hengrui.PutAsJsonAsync($"{Api}/listings/{id}", Need())).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var second = await PublishAsync(hengrui, bureau, Need(title: "寻求缓释片包衣技术"));
        (await ReadAsync(await agency.PostAsJsonAsync($"{Api}/listings/{second}/withdraw", new { }), HttpStatusCode.Forbidden)).GetProperty("detail").GetString().ShouldBe("只能撤回本单位发布的信息");
        (await bureau.PostAsJsonAsync($"{Api}/listings/{second}/withdraw", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var withdrawn = await ReadAsync(await hengrui.PostAsJsonAsync($"{Api}/listings/{second}/withdraw", new { }), HttpStatusCode.OK);
        withdrawn.GetProperty("listing").GetProperty("statusName").GetString().ShouldBe("已撤回");
        var timeline = withdrawn.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("toName").GetString()).ToList();
        timeline.ShouldBe(["待提交", "待审核", "已发布", "已撤回"]);
        withdrawn.GetProperty("events")[2].GetProperty("actorName").GetString().ShouldBe("市局业务员");

        var inbox = await App.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE type = 'market_review' AND org_unit_id = (SELECT id FROM org_units WHERE name = '江苏恒瑞医药股份有限公司')");
        inbox.ShouldBe(3); // the first sent back and refused, the second approved
    }

    [Fact]
    public async Task MarketBrowse_AnonymousSeesOnlyPublished_DistrictsTheirRegion_ContactsMaskedUntilADealStarts()
    {
        await InsertPatentAsync();
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var agency = await App.CreateClientAsAsync("agency");
        var bureau = await App.CreateClientAsAsync("bureau");
        var anonymous = App.CreateAnonymousClient();
        var offer = await PublishAsync(agency, bureau, Offer());
        var draft = await CreateAsync(agency, Offer(title: "一种片剂的制备方法"));

        var list = await ReadAsync(await anonymous.GetAsync($"{Api}/listings"), HttpStatusCode.OK);
        list.GetProperty("total").GetInt32().ShouldBe(1);
        var row = list.GetProperty("items")[0];
        row.GetProperty("id").GetInt64().ShouldBe(offer);
        row.GetProperty("contact").GetProperty("phone").GetString().ShouldBe("138****1111");
        row.GetProperty("contact").GetProperty("masked").GetBoolean().ShouldBeTrue();
        row.GetProperty("priceText").GetString().ShouldBe("150 万元");
        // the IPC and industry of the linked record were taken over
        row.GetProperty("ipc").EnumerateArray().Select(x => x.GetString()).ShouldContain("A61K 9");
        row.GetProperty("industries")[0].GetProperty("name").GetString().ShouldBe("化学药品制剂制造");
        (await anonymous.GetAsync($"{Api}/listings?status=draft")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadAsync(await anonymous.GetAsync($"{Api}/listings?status=draft"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(0);
        (await anonymous.GetAsync($"{Api}/listings/{draft}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"{Api}/listings/{offer}/matches")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync($"{Api}/listings?minMaturity=8")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadAsync(await anonymous.GetAsync($"{Api}/listings?minMaturity=8"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(0);
        (await ReadAsync(await anonymous.GetAsync($"{Api}/listings?ipc=A61K&mode=licence&region=320700"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(1);

        // the agency's unit lies in 海州区 (320706): 海州区 sees its draft, 连云区 does not
        var haizhou = await App.CreateClientAsAsync("haizhou");
        var lianyun = await App.CreateClientAsAsync("lianyun");
        (await ReadAsync(await haizhou.GetAsync($"{Api}/listings?status=draft"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(1);
        (await ReadAsync(await lianyun.GetAsync($"{Api}/listings?status=draft"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(0);
        (await lianyun.GetAsync($"{Api}/listings/{draft}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ReadAsync(await haizhou.GetAsync($"{Api}/listings/{draft}"), HttpStatusCode.OK)).GetProperty("listing").GetProperty("contact").GetProperty("masked").GetBoolean().ShouldBeTrue();
        (await ReadAsync(await agency.GetAsync($"{Api}/listings?mine=true"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(2);

        var before = await ReadAsync(await hengrui.GetAsync($"{Api}/listings/{offer}"), HttpStatusCode.OK);
        before.GetProperty("listing").GetProperty("contact").GetProperty("name").GetString().ShouldBe("李某");
        before.GetProperty("can").GetProperty("startDeal").GetBoolean().ShouldBeTrue();
        await ReadAsync(await hengrui.PostAsJsonAsync($"{Api}/deals", new { listingId = offer, note = "希望了解许可条件" }), HttpStatusCode.Created);
        var after = await ReadAsync(await hengrui.GetAsync($"{Api}/listings/{offer}"), HttpStatusCode.OK);
        after.GetProperty("listing").GetProperty("contact").GetProperty("phone").GetString().ShouldBe("13800001111");
        after.GetProperty("myDealIds").GetArrayLength().ShouldBe(1);
        (await ReadAsync(await anonymous.GetAsync($"{Api}/listings/{offer}"), HttpStatusCode.OK)).GetProperty("listing").GetProperty("contact").GetProperty("masked").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task MarketListing_RefusesUnknownRights_BadIpc_AndExpiresPastItsDeadline()
    {
        var agency = await App.CreateClientAsAsync("agency");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var bureau = await App.CreateClientAsAsync("bureau");
        var bad = await ReadAsync(await agency.PostAsJsonAsync($"{Api}/listings", Offer(rights: [new { kind = "patent", number = "CN201611175526.9" }], ipc: ["X99"])), HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("rights[0].number")[0].GetString()!.ShouldContain("不存在");
        bad.GetProperty("errors").GetProperty("ipc")[0].GetString()!.ShouldContain("X99");
        var need = await ReadAsync(await hengrui.PostAsJsonAsync($"{Api}/listings", new { side = "need", title = "需求", description = "说明", contactName = "张明" }), HttpStatusCode.BadRequest);
        need.GetProperty("errors").GetProperty("validUntil")[0].GetString().ShouldBe("请填写需求截止日期");
        need.GetProperty("errors").GetProperty("contactPhone")[0].GetString().ShouldBe("请填写联系电话或电子邮箱");

        var id = await PublishAsync(hengrui, bureau, Need());
        await App.ExecuteAsync("UPDATE market_listings SET valid_until = current_date - 1 WHERE id = $1", id);
        var list = await ReadAsync(await App.CreateAnonymousClient().GetAsync($"{Api}/listings"), HttpStatusCode.OK);
        list.GetProperty("total").GetInt32().ShouldBe(0);
        var mine = await ReadAsync(await hengrui.GetAsync($"{Api}/listings/{id}"), HttpStatusCode.OK);
        mine.GetProperty("listing").GetProperty("statusName").GetString().ShouldBe("已过期");
        mine.GetProperty("events").EnumerateArray().Last().GetProperty("actorName").GetString().ShouldBe("系统");
    }
}
