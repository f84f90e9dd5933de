using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Zhichan.Tests.Transactions.Market;

/// <summary>Matching both ways, explained part by part; recomputation when a side changes; the 对接 stages.</summary>
public class MarketMatchingTests(MarketFactory app) : MarketTest(app)
{
    private static Dictionary<string, JsonElement> Parts(JsonElement match) =>
        match.GetProperty("parts").EnumerateArray().ToDictionary(p => p.GetProperty("key").GetString()!);

    [Fact]
    public async Task MarketMatch_IsExplainedPartByPart_FromBothSides()
    {
        await InsertPatentAsync();
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var agency = await App.CreateClientAsAsync("agency");
        var bureau = await App.CreateClientAsAsync("bureau");
        var offer = await PublishAsync(agency, bureau, Offer());
        var unrelated = await PublishAsync(agency, bureau, Offer(title: "一种混凝土搅拌车的清洗装置", description: "用于清洗搅拌罐内壁的装置，节水高效。", rights: [], ipc: ["B28C"]));
        var need = await PublishAsync(hengrui, bureau, Need());

        var m = await MatchesAsync(hengrui, need);
        m.GetProperty("matches").GetArrayLength().ShouldBe(1);
        var match = m.GetProperty("matches")[0];
        match.GetProperty("listing").GetProperty("id").GetInt64().ShouldBe(offer);
        var parts = Parts(match);
        parts["text"].GetProperty("matches").GetBoolean().ShouldBeTrue();
        parts["text"].GetProperty("text").GetString()!.ShouldContain("奈妥、妥匹、匹坦");
        parts["ipc"].GetProperty("text").GetString().ShouldBe("IPC 相同大组 A61K 9");
        parts["industry"].GetProperty("text").GetString().ShouldBe("行业相同：化学药品制剂制造（2720）");
        parts["region"].GetProperty("text").GetString().ShouldBe("地区相近（同一设区市）");
        parts["maturity"].GetProperty("text").GetString().ShouldBe("技术成熟度 TRL 7 达到要求（不低于 TRL 5）");
        parts["price"].GetProperty("text").GetString().ShouldBe("价格 150 万元 超出预算 100 万元");
        parts["price"].GetProperty("matches").GetBoolean().ShouldBeFalse();
        parts["mode"].GetProperty("text").GetString().ShouldBe("交易方式相符：许可");
        // the score is the weighted mean of the parts that could be compared
        double sum = 0, weights = 0;
        foreach (var p in parts.Values.Where(p => p.GetProperty("value").ValueKind == JsonValueKind.Number))
        {
            sum += p.GetProperty("value").GetDouble() * p.GetProperty("weight").GetDouble();
            weights += p.GetProperty("weight").GetDouble();
        }
        match.GetProperty("score").GetDouble().ShouldBe(sum / weights, 0.001);

        // the same pair from the offer's side; the unrelated offer has none
        var fromOffer = await MatchesAsync(agency, offer);
        fromOffer.GetProperty("matches")[0].GetProperty("listing").GetProperty("id").GetInt64().ShouldBe(need);
        fromOffer.GetProperty("matches")[0].GetProperty("score").GetDouble().ShouldBe(match.GetProperty("score").GetDouble(), 0.0001);
        var none = await MatchesAsync(agency, unrelated);
        none.GetProperty("matches").GetArrayLength().ShouldBe(0);
        none.GetProperty("why").GetString()!.ShouldContain("暂无匹配的需求");

        // both owners were told of the new match
        var told = await App.ScalarAsync<long>("SELECT count(DISTINCT org_unit_id) FROM notifications WHERE type = 'market_match'");
        told.ShouldBe(2);
    }

    [Fact]
    public async Task MarketMatches_AreRecomputed_WhenASideIsWithdrawnEditedOrRepublished()
    {
        await InsertPatentAsync();
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var agency = await App.CreateClientAsAsync("agency");
        var bureau = await App.CreateClientAsAsync("bureau");
        var need = await PublishAsync(hengrui, bureau, Need());
        (await MatchesAsync(hengrui, need)).GetProperty("matches").GetArrayLength().ShouldBe(0);
        var offer = await PublishAsync(agency, bureau, Offer());
        (await MatchesAsync(hengrui, need)).GetProperty("matches").GetArrayLength().ShouldBe(1);

        await ReadAsync(await agency.PostAsJsonAsync($"{Api}/listings/{offer}/withdraw", new { }), HttpStatusCode.OK);
        (await MatchesAsync(hengrui, need)).GetProperty("matches").GetArrayLength().ShouldBe(0);
        (await App.ScalarAsync<long>("SELECT count(*) FROM market_matches")).ShouldBe(0);

        // edited and approved again: the price now fits the budget, and the explanation says so
        await ReadAsync(await agency.PutAsJsonAsync($"{Api}/listings/{offer}", Offer(price: 900_000m)), HttpStatusCode.OK);
        await ReadAsync(await agency.PostAsync($"{Api}/listings/{offer}/submit", null), HttpStatusCode.OK);
        await ReadAsync(await bureau.PostAsJsonAsync($"{Api}/listings/{offer}/review", new { decision = "approve" }), HttpStatusCode.OK);
        var again = (await MatchesAsync(hengrui, need)).GetProperty("matches")[0];
        Parts(again)["price"].GetProperty("text").GetString().ShouldBe("价格 90 万元 在预算 100 万元 内");

        // editing the published need sends it back to review: it leaves the market, and its pairs with it
        await ReadAsync(await hengrui.PutAsJsonAsync($"{Api}/listings/{need}", Need(budget: 2_000_000m)), HttpStatusCode.OK);
        var pending = await MatchesAsync(hengrui, need);
        pending.GetProperty("status").GetString().ShouldBe("pending");
        (await MatchesAsync(agency, offer)).GetProperty("matches").GetArrayLength().ShouldBe(0);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'market_matches' AND action = 'recompute'")).ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task MarketDeal_MovesThroughItsStages_BothSidesAndTheBureauSeeIt()
    {
        await InsertPatentAsync();
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var agency = await App.CreateClientAsAsync("agency");
        var bureau = await App.CreateClientAsAsync("bureau");
        var offer = await PublishAsync(agency, bureau, Offer());
        var need = await PublishAsync(hengrui, bureau, Need());

        (await agency.PostAsJsonAsync($"{Api}/deals", new { listingId = offer })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var started = await ReadAsync(await hengrui.PostAsJsonAsync($"{Api}/deals", new { listingId = offer, ownListingId = need, note = "希望约谈许可条件" }), HttpStatusCode.Created);
        var deal = started.GetProperty("deal");
        var id = deal.GetProperty("id").GetInt64();
        deal.GetProperty("stageName").GetString().ShouldBe("已联系");
        deal.GetProperty("matchScore").GetDouble().ShouldBeGreaterThan(0.25);
        deal.GetProperty("offer").GetProperty("contact").GetProperty("phone").GetString().ShouldBe("13800001111");
        (await hengrui.PostAsJsonAsync($"{Api}/deals", new { listingId = offer, ownListingId = need })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // the other party now reads the need's contact in full
        (await ReadAsync(await agency.GetAsync($"{Api}/listings/{need}"), HttpStatusCode.OK)).GetProperty("listing").GetProperty("contact").GetProperty("phone").GetString().ShouldBe("13912345678");

        var jump = await ReadAsync(await agency.PostAsJsonAsync($"{Api}/deals/{id}/stage", new { stage = "filed", filingNumber = "X" }), HttpStatusCode.Conflict);
        jump.GetProperty("detail").GetString().ShouldBe("对接当前状态为“已联系”，不能记为已备案（仅“已签约”状态可以）");
        await ReadAsync(await agency.PostAsJsonAsync($"{Api}/deals/{id}/stage", new { stage = "met", note = "已在开发区约谈" }), HttpStatusCode.OK);
        await ReadAsync(await hengrui.PostAsJsonAsync($"{Api}/deals/{id}/stage", new { stage = "signed" }), HttpStatusCode.OK);
        var noNumber = await ReadAsync(await hengrui.PostAsJsonAsync($"{Api}/deals/{id}/stage", new { stage = "filed" }), HttpStatusCode.BadRequest);
        noNumber.GetProperty("errors").GetProperty("filingNumber")[0].GetString().ShouldBe("请填写许可或转让合同的备案号");
        // a filing id that is not the register's filing of that number is refused; a number filed elsewhere is kept unlinked
        var mismatch = await ReadAsync(await hengrui.PostAsJsonAsync($"{Api}/deals/{id}/stage", new { stage = "filed", filingNumber = "2026320000012345", filingId = 77 }), HttpStatusCode.BadRequest);
        mismatch.GetProperty("errors").GetProperty("filingId")[0].GetString().ShouldBe("备案号“2026320000012345”与所选备案记录不一致");
        var filed = await ReadAsync(await hengrui.PostAsJsonAsync($"{Api}/deals/{id}/stage", new { stage = "filed", filingNumber = "2026320000012345" }), HttpStatusCode.OK);
        filed.GetProperty("deal").GetProperty("filingNumber").GetString().ShouldBe("2026320000012345");
        filed.GetProperty("deal").GetProperty("filingId").ValueKind.ShouldBe(JsonValueKind.Null);
        filed.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("toName").GetString()).ShouldBe(["已联系", "已约谈", "已签约", "已备案"]);
        (await hengrui.PostAsJsonAsync($"{Api}/deals/{id}/stage", new { stage = "terminated", note = "x" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await ReadAsync(await bureau.GetAsync($"{Api}/deals"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(1);
        (await ReadAsync(await agency.GetAsync($"{Api}/deals"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(1);
        (await ReadAsync(await (await App.CreateClientAsAsync("lianyun")).GetAsync($"{Api}/deals"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(0);
        (await (await App.CreateClientAsAsync("expert")).GetAsync($"{Api}/deals/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await App.CreateClientAsAsync("police")).GetAsync($"{Api}/deals/counts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var counts = await ReadAsync(await bureau.GetAsync($"{Api}/deals/counts"), HttpStatusCode.OK);
        var months = counts.GetProperty("months").EnumerateArray().ToList();
        months.Sum(m => m.GetProperty("started").GetInt32()).ShouldBe(1);
        months.Sum(m => m.GetProperty("filed").GetInt32()).ShouldBe(1);
        counts.GetProperty("publishedOffers").GetInt32().ShouldBe(1);

        // a second 对接 ended with its reason
        var other = await ReadAsync(await agency.PostAsJsonAsync($"{Api}/deals", new { listingId = need }), HttpStatusCode.Created);
        var otherId = other.GetProperty("deal").GetProperty("id").GetInt64();
        (await hengrui.PostAsJsonAsync($"{Api}/deals/{otherId}/stage", new { stage = "terminated" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var ended = await ReadAsync(await hengrui.PostAsJsonAsync($"{Api}/deals/{otherId}/stage", new { stage = "terminated", note = "价格未谈拢" }), HttpStatusCode.OK);
        ended.GetProperty("deal").GetProperty("endReason").GetString().ShouldBe("价格未谈拢");
        ended.GetProperty("deal").GetProperty("nextStages").GetArrayLength().ShouldBe(0);
    }
}
