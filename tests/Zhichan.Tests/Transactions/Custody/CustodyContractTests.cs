using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Zhichan.Tests.Transactions.Custody;

/// <summary>Custody contracts over HTTP: the state machine per role, rights added and removed with events, the record timeline, row filters.</summary>
public class CustodyContractTests(CustodyFactory app) : CustodyTest(app)
{
    [Fact]
    public async Task Contract_StateMachine_AllowsEachSideItsTransitions_AndRefusesTheOthers()
    {
        var held = AppNo(2015, '1', 123456);
        var other = AppNo(2015, '1', 654321);
        var heldId = await RecordAsync(held, "patent_invention", new(2015, 3, 10), new(2017, 5, 2));
        await RecordAsync(other, "patent_invention", new(2015, 4, 1), new(2017, 9, 1), holder: "另一家公司");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var agency = await App.CreateClientAsAsync("agency");
        var bureau = await App.CreateClientAsAsync("bureau");

        // the live check: found, with a warning for the right whose record names another holder, and an error for an unknown number
        var check = await ReadAsync(await hengrui.PostAsJsonAsync("/api/transactions/custody/rights/check",
            new { rights = new[] { new { kind = "patent", number = "CN" + held }, new { kind = "patent", number = other }, new { kind = "patent", number = AppNo(2016, '1', 1) } } }),
            HttpStatusCode.OK);
        check[0].GetProperty("recordId").GetInt64().ShouldBe(heldId);
        check[0].GetProperty("warning").ValueKind.ShouldBe(JsonValueKind.Null);
        check[1].GetProperty("warning").GetString()!.ShouldContain("另一家公司");
        check[2].GetProperty("error").GetString()!.ShouldContain("不存在");

        // the enterprise proposes; bureau and expert cannot
        (await bureau.PostAsJsonAsync("/api/transactions/custody/contracts", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bad = await ReadAsync(await hengrui.PostAsJsonAsync("/api/transactions/custody/contracts", new { agencyId = AgencyId, rights = Array.Empty<object>() }),
            HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("startDate")[0].GetString()!.ShouldContain("起始");
        var id = await ProposeAsync(hengrui, Today.AddDays(-30), Today.AddYears(2), held, other);
        var draft = await ReadAsync(await agency.GetAsync($"/api/transactions/custody/contracts/{id}"), HttpStatusCode.OK);
        draft.GetProperty("contract").GetProperty("statusName").GetString().ShouldBe("草稿");
        draft.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ShouldBe(["confirm", "decline"]);
        draft.GetProperty("rights")[1].GetProperty("holderWarning").GetString()!.ShouldContain("另一家公司");

        // the proposer cannot confirm its own draft; the counterparty cannot withdraw it; the bureau reads only
        (await TransitionAsync(hengrui, id, "confirm", null, HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("须由对方");
        await TransitionAsync(agency, id, "withdraw", null, HttpStatusCode.Forbidden);
        (await bureau.PostAsJsonAsync($"/api/transactions/custody/contracts/{id}/transitions", new { action = "confirm" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await TransitionAsync(agency, id, "nonsense", null, HttpStatusCode.BadRequest);
        var live = await TransitionAsync(agency, id, "confirm", null, HttpStatusCode.OK);
        live.GetProperty("contract").GetProperty("status").GetString().ShouldBe("active");
        await TransitionAsync(agency, id, "confirm", null, HttpStatusCode.Conflict);
        await TransitionAsync(hengrui, id, "terminate", null, HttpStatusCode.BadRequest); // a reason is required

        // rights added and removed on the live contract: events on its timeline, and custody on the record's timeline
        var third = AppNo(2016, '2', 777);
        await RecordAsync(third, "patent_utility", new(2016, 1, 5), new(2016, 8, 1));
        var added = await ReadAsync(await agency.PostAsJsonAsync($"/api/transactions/custody/contracts/{id}/rights", new { rights = new[] { new { kind = "patent", number = third } } }),
            HttpStatusCode.OK);
        var rightId = added.GetProperty("rights").EnumerateArray().First(r => r.GetProperty("number").GetString() == other).GetProperty("id").GetInt64();
        (await ReadAsync(await agency.PostAsJsonAsync($"/api/transactions/custody/contracts/{id}/rights", new { rights = new[] { new { kind = "patent", number = third } } }),
            HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("rights[0].number")[0].GetString()!.ShouldContain("已在本合同");
        var removed = await ReadAsync(await hengrui.DeleteAsync($"/api/transactions/custody/contracts/{id}/rights/{rightId}?note=已转让"), HttpStatusCode.OK);
        removed.GetProperty("contract").GetProperty("rightCount").GetInt32().ShouldBe(2);
        removed.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("action").GetString())
            .ShouldBe(["create", "confirm", "right_added", "right_removed"]);
        var record = await ReadAsync(await hengrui.GetAsync($"/api/records/{heldId}"), HttpStatusCode.OK);
        var custody = record.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("source").GetString() == "custody").ToList();
        custody.Count.ShouldBe(1);
        custody[0].GetProperty("href").GetString().ShouldBe($"/transactions/custody/contracts/{id}");
        var anonymous = await ReadAsync(await App.CreateAnonymousClient().GetAsync($"/api/records/{heldId}"), HttpStatusCode.OK);
        anonymous.GetProperty("timeline").EnumerateArray().Any(e => e.GetProperty("source").GetString() == "custody").ShouldBeFalse();

        // either side terminates with a reason; nothing can change afterwards
        var ended = await TransitionAsync(hengrui, id, "terminate", "合作结束", HttpStatusCode.OK);
        ended.GetProperty("contract").GetProperty("statusName").GetString().ShouldBe("终止");
        ended.GetProperty("actions").GetArrayLength().ShouldBe(0);
        (await agency.PostAsJsonAsync($"/api/transactions/custody/contracts/{id}/rights", new { rights = new[] { new { kind = "patent", number = held } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'custody_events'")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Contract_AgencyProposes_EnterpriseConfirms_AndEachRoleSeesOnlyItsRows()
    {
        var n = AppNo(2014, '1', 4242);
        await RecordAsync(n, "patent_invention", new(2014, 6, 1), new(2016, 6, 1));
        var agency = await App.CreateClientAsAsync("agency");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var parties = await ReadAsync(await agency.GetAsync("/api/transactions/custody/parties"), HttpStatusCode.OK);
        parties.EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ShouldContain(EntityId);
        var res = await agency.PostAsJsonAsync("/api/transactions/custody/contracts", new
        {
            entityId = EntityId, startDate = Today, endDate = Today.AddYears(1), services = new[] { "annual_fee" }, rights = new[] { new { kind = "patent", number = n } },
        });
        var id = (await ReadAsync(res, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await TransitionAsync(agency, id, "confirm", null, HttpStatusCode.Forbidden);
        await TransitionAsync(hengrui, id, "confirm", null, HttpStatusCode.OK);

        // a contract of another enterprise (连云区) with another agency: invisible to hengrui and the demo agency, visible to 连云区 and the bureau
        var otherEntity = await App.ScalarAsync<long>("INSERT INTO entities (match_key, name, kind, region_code) VALUES ('other-key', '连云区某企业', 'enterprise', '320703') RETURNING id");
        var otherAgency = await App.ScalarAsync<long>("INSERT INTO agencies (name, kinds) VALUES ('另一代理机构', '{agency}') RETURNING id");
        var otherId = await App.ScalarAsync<long>("""
            INSERT INTO custody_contracts (entity_id, agency_id, region_code, proposed_by, status, start_date, end_date) VALUES ($1, $2, '320703', 'enterprise', 'active', $3, $4) RETURNING id
            """, otherEntity, otherAgency, Today, Today.AddYears(1));
        async Task<long[]> Ids(HttpClient c) => (await ReadAsync(await c.GetAsync("/api/transactions/custody/contracts"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetInt64()).ToArray();
        (await Ids(hengrui)).ShouldBe([id]);
        (await Ids(agency)).ShouldBe([id]);
        (await Ids(await App.CreateClientAsAsync("lianyun"))).ShouldBe([otherId]);
        (await Ids(await App.CreateClientAsAsync("bureau"))).ShouldBe([otherId, id]);
        (await hengrui.GetAsync($"/api/transactions/custody/contracts/{otherId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await agency.GetAsync($"/api/transactions/custody/contracts/{otherId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await App.CreateClientAsAsync("expert")).GetAsync("/api/transactions/custody/contracts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // watches are the unit's own: hengrui's watch joins its calendar, not the agency's
        var watched = AppNo(2013, '2', 99);
        await RecordAsync(watched, "patent_utility", new(2013, 1, 1), new(2013, 9, 1), holder: "某高校");
        await ReadAsync(await hengrui.PostAsJsonAsync("/api/transactions/custody/watches", new { rights = new[] { new { kind = "patent", number = watched } } }), HttpStatusCode.OK);
        (await ReadAsync(await hengrui.GetAsync("/api/transactions/custody/watches"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(1);
        (await ReadAsync(await agency.GetAsync("/api/transactions/custody/watches"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
        var cal = await ReadAsync(await hengrui.GetAsync("/api/transactions/custody/calendar"), HttpStatusCode.OK);
        cal.GetProperty("totals").GetProperty("rights").GetInt32().ShouldBe(2);
        (await ReadAsync(await agency.GetAsync("/api/transactions/custody/calendar"), HttpStatusCode.OK)).GetProperty("totals").GetProperty("rights").GetInt32().ShouldBe(1);
    }
}
