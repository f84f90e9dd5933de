using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Registries.Experts;

namespace Zhichan.Tests.Transactions.Pledges;

/// <summary>
/// 质押融资 (ADR 0033): the enterprise applies for its own, the pledgee bank alone registers, changes, releases, declares default and
/// disposes; every refused step answers with a Chinese reason; each step is an event of the timeline and of the right's record page;
/// the row filters (bank its unit, enterprise its own, district its region).
/// </summary>
public class PledgesStateMachineTests(ZhichanFactory app) : PledgesTestBase(app)
{
    [Fact]
    public async Task EveryTransition_AllowedForThePledgeeBank_RefusedOtherwise_AndTimelined()
    {
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var bank = await App.CreateClientAsAsync("bank");
        var bureau = await App.CreateClientAsAsync("bureau");

        // the application is checked: a number not in the data centre, a pledgee that is not a bank, a term that ends before it starts
        var bad = await (await hengrui.PostAsJsonAsync("/api/transactions/pledges", new
        {
            bankUnitId = await App.ScalarAsync<long>("SELECT id FROM org_units WHERE kind = 'district' LIMIT 1"), amount = 0, termFrom = Today, termTo = Today.AddDays(-1),
            rights = new[] { new { kind = "patent", number = "201799999999.9" } },
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        errors.GetProperty("bankUnitId")[0].GetString()!.ShouldContain("不是金融机构");
        errors.GetProperty("amount")[0].GetString()!.ShouldContain("大于 0");
        errors.GetProperty("termTo")[0].GetString()!.ShouldContain("早于起始日");
        errors.TryGetProperty("rights[0].number", out _).ShouldBeTrue(bad.ToString());

        // hengrui applies for its own entity, whatever entity it names; the number may be written in any form (CN…A publication number)
        var created = await hengrui.PostAsJsonAsync("/api/transactions/pledges", new
        {
            entityId = HaizhouEntity, bankUnitId = Bank, amount = 5_000_000m, termFrom = Today.AddDays(-10), termTo = Today.AddYears(1),
            rights = new[] { new { kind = "patent", number = Patents[0].Pub }, new { kind = "patent", number = "ZL" + Patents[1].App } },
        }).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("pledge").GetProperty("id").GetInt64();
        created.GetProperty("pledge").GetProperty("entityName").GetString().ShouldBe(Hengrui);
        created.GetProperty("pledge").GetProperty("stateLabel").GetString().ShouldBe("申请");
        created.GetProperty("rights").EnumerateArray().Select(r => r.GetProperty("number").GetString()).ShouldBe([Patents[0].App, Patents[1].App]);
        created.GetProperty("actions").GetArrayLength().ShouldBe(0); // the enterprise has no step to take

        // only the pledgee bank registers: the enterprise and the bureau are refused with the reason
        foreach (var other in new[] { hengrui, bureau })
            (await (await other.PostAsJsonAsync($"/api/transactions/pledges/{id}/transitions", new { action = "register", registrationNumber = "X1" }))
                .ShouldBeProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("质权银行");
        var detail = await bank.GetAsync($"/api/transactions/pledges/{id}").JsonAsync();
        detail.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ShouldBe(["register"]);

        // refused steps: dispose before default, release before registration; register without its number
        (await (await bank.PostAsJsonAsync($"/api/transactions/pledges/{id}/transitions", new { action = "release" })).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("质押当前状态为“申请”，不能注销（已还款）（仅“登记生效”或“变更”状态可以）");
        (await (await bank.PostAsJsonAsync($"/api/transactions/pledges/{id}/transitions", new { action = "register" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("registrationNumber")[0].GetString().ShouldBe("请填写质押登记号");
        (await (await bank.PostAsJsonAsync($"/api/transactions/pledges/{id}/transitions", new { action = "fly" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("action")[0].GetString()!.ShouldContain("无效");

        var effective = await StepAsync(bank, id, new { action = "register", registrationNumber = "Y2026320700001", date = Today, note = "已办理质押登记" });
        effective.GetProperty("pledge").GetProperty("state").GetString().ShouldBe("effective");
        effective.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ShouldBe(["change", "release", "default"]);
        (await (await bank.PostAsJsonAsync($"/api/transactions/pledges/{id}/transitions", new { action = "dispose", recoveredAmount = 0 }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("不能处置质物");
        var changed = await StepAsync(bank, id, new { action = "change", amount = 4_000_000m });
        changed.GetProperty("pledge").GetProperty("stateLabel").GetString().ShouldBe("变更");
        changed.GetProperty("pledge").GetProperty("amount").GetDecimal().ShouldBe(4_000_000m);
        (await (await bank.PostAsJsonAsync($"/api/transactions/pledges/{id}/transitions", new { action = "default", outstandingPrincipal = 5_000_000m }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("outstandingPrincipal")[0].GetString()!.ShouldContain("不能超过担保金额");
        await StepAsync(bank, id, new { action = "default", outstandingPrincipal = 3_000_000m });
        var disposed = await StepAsync(bank, id, new { action = "dispose", recoveredAmount = 1_000_000m });
        disposed.GetProperty("pledge").GetProperty("stateLabel").GetString().ShouldBe("处置");
        disposed.GetProperty("actions").GetArrayLength().ShouldBe(0);
        (await (await bank.PostAsJsonAsync($"/api/transactions/pledges/{id}/transitions", new { action = "release" })).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("质押当前状态为“处置”，不能注销（已还款）（仅“登记生效”或“变更”状态可以）");

        // the timeline: apply, register, change, default, dispose, each with from and to
        var events = disposed.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("action").GetString()).ShouldBe(["apply", "register", "change", "default", "dispose"]);
        events[2].GetProperty("note").GetString()!.ShouldContain("500 万元 → 400 万元");
        events[3].GetProperty("fromLabel").GetString().ShouldBe("变更");
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'pledge_events'")).ShouldBe(5);

        // a second pledge: registered, then released on repayment; default is then refused
        var second = await PledgeInStateAsync(bureau, bank, HengruiEntity, "effective", 1_000_000m, number: Patents[2].App);
        await StepAsync(bank, second, new { action = "release" });
        (await (await bank.PostAsJsonAsync($"/api/transactions/pledges/{second}/transitions", new { action = "default", outstandingPrincipal = 1m }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("“注销”");
        // a registration number is unique
        var third = await PledgeInStateAsync(bureau, bank, HengruiEntity, "applied", 1_000_000m);
        (await (await bank.PostAsJsonAsync($"/api/transactions/pledges/{third}/transitions", new { action = "register", registrationNumber = "Y2026320700001" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("registrationNumber")[0].GetString()!.ShouldContain("已被另一笔质押使用");

        // the right's record page shows the pledge's steps, linked to the pledge (hengrui sees it; an anonymous visitor does not)
        var record = await hengrui.GetAsync($"/api/records/{RecordIds[Patents[0].App]}").JsonAsync();
        var pledgeEvents = record.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("source").GetString() == "pledge").ToList();
        pledgeEvents.Select(e => e.GetProperty("code").GetString()).ShouldContain("pledge_register");
        pledgeEvents.ShouldAllBe(e => e.GetProperty("href").GetString() == $"/transactions/pledges/{id}" || e.GetProperty("href").GetString() == $"/transactions/pledges/{third}");
        var anonymous = await App.CreateAnonymousClient().GetAsync($"/api/records/{RecordIds[Patents[0].App]}").JsonAsync();
        anonymous.GetProperty("timeline").EnumerateArray().ShouldNotContain(e => e.GetProperty("source").GetString() == "pledge");
    }

    [Fact]
    public async Task RowFilters_BankSeesItsUnit_EnterpriseItsOwn_DistrictItsRegion()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var bank = await App.CreateClientAsAsync("bank");
        var mine = await PledgeInStateAsync(bureau, bank, HengruiEntity, "effective", 2_000_000m);
        var haizhou = await PledgeInStateAsync(bureau, bank, HaizhouEntity, "applied", 1_000_000m);
        var otherBank = await ApplyAsync(bureau, new
        {
            entityId = HengruiEntity, bankUnitId = OtherBank, amount = 3_000_000m, termFrom = Today, termTo = Today.AddYears(1),
            rights = new[] { new { kind = "patent", number = Patents[1].App } },
        });

        async Task<List<long>> IdsAsync(string user, string query = "")
        {
            var list = await (await App.CreateClientAsAsync(user)).GetAsync("/api/transactions/pledges" + query).JsonAsync();
            return list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Order().ToList();
        }
        (await IdsAsync("bureau")).ShouldBe([mine, haizhou, otherBank]);
        (await IdsAsync("bank")).ShouldBe([mine, haizhou]);
        (await IdsAsync("hengrui")).ShouldBe([mine, otherBank]);
        (await IdsAsync("haizhou")).ShouldBe([haizhou]);
        (await IdsAsync("lianyun")).ShouldBeEmpty();
        (await IdsAsync("bureau", $"?bank={OtherBank}")).ShouldBe([otherBank]);
        (await IdsAsync("bureau", "?region=320706")).ShouldBe([haizhou]);
        (await IdsAsync("bureau", "?state=effective")).ShouldBe([mine]);
        (await IdsAsync("bureau", $"?year={Today.Year}")).ShouldBe([mine, haizhou, otherBank]);
        (await IdsAsync("bureau", $"?year={Today.Year - 3}")).ShouldBeEmpty();
        var counts = (await bureau.GetAsync("/api/transactions/pledges").JsonAsync()).GetProperty("countsByState");
        counts.GetProperty("applied").GetInt64().ShouldBe(2);
        counts.GetProperty("effective").GetInt64().ShouldBe(1);

        // invisible rows answer 404, roles without pledges 403
        await (await bank.GetAsync($"/api/transactions/pledges/{otherBank}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await (await App.CreateClientAsAsync("hengrui")).GetAsync($"/api/transactions/pledges/{haizhou}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await (await App.CreateClientAsAsync("lianyun")).GetAsync($"/api/transactions/pledges/{mine}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await (await App.CreateClientAsAsync("police")).GetAsync("/api/transactions/pledges")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await (await App.CreateClientAsAsync("agency")).GetAsync("/api/transactions/pledges")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        // a bank cannot step another bank's pledge (it does not even see it)
        await (await bank.PostAsJsonAsync($"/api/transactions/pledges/{otherBank}/transitions", new { action = "register", registrationNumber = "Z" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        // a district cannot apply
        await (await (await App.CreateClientAsAsync("haizhou")).PostAsJsonAsync("/api/transactions/pledges", PledgeBody(Bank, 1m, Patents[0].App)))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
