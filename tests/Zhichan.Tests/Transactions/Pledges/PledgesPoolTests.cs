using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Registries.Experts;

namespace Zhichan.Tests.Transactions.Pledges;

/// <summary>
/// 风险补偿资金池 (ADR 0034): shares summing to 100, the split of a loss by the shares with the fund's share capped per loan and by
/// what is left of the yearly cap (the excess back to the bank), members only, the bureau's review, payouts and the balance.
/// </summary>
public class PledgesPoolTests(ZhichanFactory app) : PledgesTestBase(app)
{
    private static void ShouldSplit(JsonElement s, decimal loss, decimal fund, decimal bank, decimal insurer, decimal valuer, decimal excess)
    {
        s.GetProperty("loss").GetDecimal().ShouldBe(loss);
        s.GetProperty("fundShare").GetDecimal().ShouldBe(fund);
        s.GetProperty("bankShare").GetDecimal().ShouldBe(bank);
        s.GetProperty("insurerShare").GetDecimal().ShouldBe(insurer);
        s.GetProperty("valuerShare").GetDecimal().ShouldBe(valuer);
        s.GetProperty("fundExcess").GetDecimal().ShouldBe(excess);
    }

    [Fact]
    public async Task ClaimSplit_BySharesPerLoanCapAndYearlyCap_ReviewPayoutsAndBalance()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var bank = await App.CreateClientAsAsync("bank");
        var year = Today.Year;
        var rules = new { fundSize = 10_000_000m, shareFund = 54m, shareBank = 26m, shareInsurer = 16m, shareValuer = 4m, capPerLoan = 300_000m, capPerYear = 500_000m, isExample = true };
        await bureau.PutAsJsonAsync($"/api/transactions/pledge-pools/{year}", rules).JsonAsync();
        (await (await bureau.PutAsJsonAsync($"/api/transactions/pledge-pools/{year}", new { fundSize = 1m, shareFund = 50m, shareBank = 30m, shareInsurer = 16m, shareValuer = 5m, capPerLoan = 1m, capPerYear = 1m }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("shareFund")[0].GetString().ShouldBe("四方分担比例之和应为 100（现为 101）");
        await (await bank.PutAsJsonAsync($"/api/transactions/pledge-pools/{year}", rules)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await bureau.PostAsJsonAsync($"/api/transactions/pledge-pools/{year}/contributions", new { contributor = "市级财政（示例）", amount = 1_000_000m, paidOn = Today.AddDays(-20) })
            .JsonAsync(HttpStatusCode.Created);
        await bureau.PostAsJsonAsync($"/api/transactions/pledge-pools/{year}/members", new { kind = "bank", bankUnitId = Bank, joinedOn = Today.AddDays(-60) })
            .JsonAsync(HttpStatusCode.Created);
        await bureau.PostAsJsonAsync($"/api/transactions/pledge-pools/{year}/members", new { kind = "enterprise", entityId = HengruiEntity, joinedOn = Today.AddDays(-60) })
            .JsonAsync(HttpStatusCode.Created);
        (await (await bureau.PostAsJsonAsync($"/api/transactions/pledge-pools/{year}/members", new { kind = "bank", bankUnitId = Bank, joinedOn = Today }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("bankUnitId")[0].GetString().ShouldBe("该银行已入池");

        // loss 800,000 − 300,000 = 500,000: 54 : 26 : 16 : 4, the fund's 270,000 under both caps
        var first = await PledgeInStateAsync(bureau, bank, HengruiEntity, "disposed", 1_000_000m, 800_000m, 300_000m);
        // loss 1,000,000: the fund's 540,000 is capped at 300,000 per loan, the 240,000 above it falls to the bank
        var second = await PledgeInStateAsync(bureau, bank, HengruiEntity, "disposed", 1_000_000m, 1_000_000m, 0m, Patents[1].App);
        ShouldSplit(await bank.PostAsJsonAsync("/api/transactions/pledge-claims/preview", new { pledgeId = first }).JsonAsync(), 500_000m, 270_000m, 130_000m, 80_000m, 20_000m, 0m);
        var preview = await bank.PostAsJsonAsync("/api/transactions/pledge-claims/preview", new { pledgeId = second }).JsonAsync();
        ShouldSplit(preview, 1_000_000m, 300_000m, 500_000m, 160_000m, 40_000m, 240_000m);
        preview.GetProperty("note").GetString()!.ShouldContain("单笔上限 30 万元");

        var claim1 = await bank.PostAsJsonAsync("/api/transactions/pledge-claims", new { pledgeId = first }).JsonAsync(HttpStatusCode.Created);
        (await (await bank.PostAsJsonAsync("/api/transactions/pledge-claims", new { pledgeId = first })).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("已有待审核或已批准");
        var claim1Id = await App.ScalarAsync<long>("SELECT id FROM pledge_claims WHERE pledge_id = $1", first);
        await (await bank.PostAsJsonAsync($"/api/transactions/pledge-claims/{claim1Id}/review", new { decision = "approve" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        ShouldSplit(await bureau.PostAsJsonAsync($"/api/transactions/pledge-claims/{claim1Id}/review", new { decision = "approve" }).JsonAsync(),
            500_000m, 270_000m, 130_000m, 80_000m, 20_000m, 0m);
        claim1.GetProperty("poolYear").GetInt32().ShouldBe(year);

        // once 270,000 of the yearly 500,000 is approved, the second claim's fund share is what is left: 230,000; the bank takes 570,000
        var yearly = await bank.PostAsJsonAsync("/api/transactions/pledge-claims/preview", new { pledgeId = second }).JsonAsync();
        ShouldSplit(yearly, 1_000_000m, 230_000m, 570_000m, 160_000m, 40_000m, 310_000m);
        yearly.GetProperty("note").GetString()!.ShouldContain("本年度剩余额度 23 万元");
        await bank.PostAsJsonAsync("/api/transactions/pledge-claims", new { pledgeId = second }).JsonAsync(HttpStatusCode.Created);
        var claim2Id = await App.ScalarAsync<long>("SELECT id FROM pledge_claims WHERE pledge_id = $1", second);
        (await (await bureau.PostAsJsonAsync($"/api/transactions/pledge-claims/{claim2Id}/review", new { decision = "reject" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("驳回须写明理由");
        await bureau.PostAsJsonAsync($"/api/transactions/pledge-claims/{claim2Id}/review", new { decision = "reject", reason = "处置材料不全" }).JsonAsync();

        // only pool members can claim; only a disposed pledge
        var outsider = await PledgeInStateAsync(bureau, bank, HaizhouEntity, "disposed", 500_000m, 500_000m, 0m, Patents[2].App);
        (await (await bank.PostAsJsonAsync("/api/transactions/pledge-claims/preview", new { pledgeId = outsider })).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("不是 " + year + " 年度资金池的入池企业");
        var notDisposed = await PledgeInStateAsync(bureau, bank, HengruiEntity, "defaulted", 500_000m, 500_000m, 0m, Patents[2].App);
        (await (await bank.PostAsJsonAsync("/api/transactions/pledge-claims", new { pledgeId = notDisposed })).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("违约并处置");
        await (await (await App.CreateClientAsAsync("hengrui")).PostAsJsonAsync("/api/transactions/pledge-claims", new { pledgeId = first }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        // payouts: at most the fund's unpaid share; the balance is contributions − payouts, with its history
        (await (await bureau.PostAsJsonAsync($"/api/transactions/pledge-claims/{claim1Id}/payouts", new { amount = 270_000.01m, paidOn = Today }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("amount")[0].GetString()!.ShouldContain("尚未拨付");
        await bureau.PostAsJsonAsync($"/api/transactions/pledge-claims/{claim1Id}/payouts", new { amount = 200_000m, paidOn = Today }).JsonAsync(HttpStatusCode.Created);
        await (await bureau.PostAsJsonAsync($"/api/transactions/pledge-claims/{claim2Id}/payouts", new { amount = 1m, paidOn = Today })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var pool = await bureau.GetAsync($"/api/transactions/pledge-pools/{year}").JsonAsync();
        pool.GetProperty("contributed").GetDecimal().ShouldBe(1_000_000m);
        pool.GetProperty("paidOut").GetDecimal().ShouldBe(200_000m);
        pool.GetProperty("balance").GetDecimal().ShouldBe(800_000m);
        pool.GetProperty("approvedFundShares").GetDecimal().ShouldBe(270_000m);
        pool.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("balance").GetDecimal()).ShouldBe([1_000_000m, 800_000m]);
        pool.GetProperty("members").GetArrayLength().ShouldBe(2);
        pool.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("stateLabel").GetString()).Order().ShouldBe(["已批准", "已驳回"]);

        // the bank sees its own claims; the pledge page lists the claim
        (await bank.GetAsync($"/api/transactions/pledge-pools/{year}").JsonAsync()).GetProperty("claims").GetArrayLength().ShouldBe(2);
        (await bank.GetAsync($"/api/transactions/pledges/{first}").JsonAsync()).GetProperty("claims")[0].GetProperty("paid").GetDecimal().ShouldBe(200_000m);
        // a year without a pool answers an empty view
        (await bureau.GetAsync($"/api/transactions/pledge-pools/{year - 5}").JsonAsync()).GetProperty("rules").ValueKind.ShouldBe(JsonValueKind.Null);
        await (await (await App.CreateClientAsAsync("expert")).GetAsync($"/api/transactions/pledge-pools/{year}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
