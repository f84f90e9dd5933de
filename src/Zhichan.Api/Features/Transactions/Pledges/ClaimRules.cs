namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>
/// The split of a defaulted pledge's loss in the risk-compensation pool (ADR 0034). Loss = outstanding principal − recovered by the
/// disposal. Each party's share is loss × its percentage (to the fen); the fund's share is then capped by the pool's cap per loan and by
/// what is left of its cap per year (the fund shares of the year's approved claims counted), and whatever the caps remove falls back
/// to the bank, which also takes the rounding remainder — so the four shares always add up to the loss.
/// </summary>
public static class ClaimRules
{
    public static ClaimSplit Split(PledgePool pool, long pledgeId, decimal outstanding, decimal recovered, decimal approvedFundShares)
    {
        var loss = Math.Max(0, outstanding - recovered);
        var fund = Cent(loss * pool.ShareFund / 100m);
        var insurer = Cent(loss * pool.ShareInsurer / 100m);
        var valuer = Cent(loss * pool.ShareValuer / 100m);
        var yearlyLeft = Math.Max(0, pool.CapPerYear - approvedFundShares);
        var capped = Math.Min(fund, Math.Min(pool.CapPerLoan, yearlyLeft));
        var notes = new List<string> { $"按 {pool.ShareFund:0.##} : {pool.ShareBank:0.##} : {pool.ShareInsurer:0.##} : {pool.ShareValuer:0.##} 分担损失 {PledgeAccess.Yuan(loss)}" };
        if (capped < fund)
            notes.Add(capped == pool.CapPerLoan && pool.CapPerLoan <= yearlyLeft
                ? $"资金池分担额超过单笔上限 {PledgeAccess.Yuan(pool.CapPerLoan)}，超出的 {PledgeAccess.Yuan(fund - capped)} 由银行承担"
                : $"资金池本年度剩余额度 {PledgeAccess.Yuan(yearlyLeft)}，超出的 {PledgeAccess.Yuan(fund - capped)} 由银行承担");
        var excess = fund - capped;
        var bank = loss - capped - insurer - valuer;
        return new ClaimSplit(pool.Year, pledgeId, outstanding, recovered, loss, capped, bank, insurer, valuer, excess, yearlyLeft, string.Join("；", notes));
    }

    private static decimal Cent(decimal x) => decimal.Round(x, 2, MidpointRounding.AwayFromZero);

    /// <summary>The fund shares of the pool's approved claims (the year's cap is consumed by approval), the given claim apart.</summary>
    public static Task<decimal> ApprovedFundSharesAsync(ZhichanDb db, long poolId, long? exceptClaim, CancellationToken ct) =>
        db.Set<PledgeClaim>().Where(c => c.PoolId == poolId && c.State == ClaimStates.Approved && c.Id != (exceptClaim ?? 0)).SumAsync(c => c.FundShare, ct);

    /// <summary>
    /// The pool a pledge claims from and its computed split, or a Chinese reason why it cannot claim: the pledge must be disposed
    /// (the loss is known once the disposal recovered what it could), its bank and its pledgor members of the pool of the year of
    /// default on that day, and no claim of it open or approved.
    /// </summary>
    public static async Task<(PledgePool Pool, ClaimSplit Split)> PrepareAsync(ZhichanDb db, Pledge p, long? exceptClaim, CancellationToken ct)
    {
        if (p.State != PledgeStates.Disposed || p.DefaultedOn is not { } defaulted || p.OutstandingPrincipal is not { } outstanding)
            throw new DomainException($"质押当前状态为“{PledgeStates.Labels[p.State]}”：违约并处置（回收金额确定）后才能申请风险补偿");
        var pool = await db.Set<PledgePool>().AsNoTracking().FirstOrDefaultAsync(x => x.Year == defaulted.Year, ct)
                   ?? throw new DomainException($"{defaulted.Year} 年度尚未设立风险补偿资金池");
        var members = await db.Set<PledgePoolMember>().AsNoTracking().Where(m => m.PoolId == pool.Id && m.JoinedOn <= defaulted
                                                                                 && (m.LeftOn == null || m.LeftOn >= defaulted)).ToListAsync(ct);
        if (!members.Any(m => m.BankUnitId == p.BankUnitId)) throw new DomainException($"质权银行在违约日（{defaulted:yyyy-MM-dd}）不是 {pool.Year} 年度资金池的入池银行，不能申请补偿");
        if (!members.Any(m => m.EntityId == p.EntityId)) throw new DomainException($"出质企业在违约日（{defaulted:yyyy-MM-dd}）不是 {pool.Year} 年度资金池的入池企业，不能申请补偿");
        if (await db.Set<PledgeClaim>().AnyAsync(c => c.PledgeId == p.Id && c.State != ClaimStates.Rejected && c.Id != (exceptClaim ?? 0), ct))
            throw new DomainException("该质押已有待审核或已批准的补偿申请");
        var used = await ApprovedFundSharesAsync(db, pool.Id, exceptClaim, ct);
        return (pool, Split(pool, p.Id, outstanding, p.RecoveredAmount ?? 0, used));
    }
}
