namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>Records a payment from the pool on an approved claim (bureau): at most the fund's share not yet paid and the pool's balance.</summary>
public static class AddClaimPayout
{
    public static async Task<Created<ContributionDto>> HandleAsync(long id, PayoutRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var c = await db.Set<PledgeClaim>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"补偿申请 {id} 不存在", 404);
        if (c.State != ClaimStates.Approved) throw new DomainException($"补偿申请{ClaimStates.Labels[c.State]}：批准后才能拨付");
        var v = new Validation();
        PledgeAccess.Amount(v, "amount", req.Amount, "拨付金额");
        if (req.PaidOn is null) v.Add("paidOn", "请填写拨付日期");
        else if (req.PaidOn > ChinaTime.Today(clock)) v.Add("paidOn", "拨付日期不能晚于今天");
        v.MaxLength("note", req.Note, 1000, "备注");
        v.ThrowIfInvalid();
        var paid = await db.Set<PledgeClaimPayout>().Where(o => o.ClaimId == id).SumAsync(o => o.Amount, ct);
        if (req.Amount > c.FundShare - paid)
            throw new RequestValidationException("amount", $"拨付金额超过资金池应承担部分尚未拨付的 {PledgeAccess.Yuan(c.FundShare - paid)}");
        var contributed = await db.Set<PledgePoolContribution>().Where(x => x.PoolId == c.PoolId).SumAsync(x => x.Amount, ct);
        var paidOut = await db.Set<PledgeClaimPayout>().Where(o => db.Set<PledgeClaim>().Any(k => k.Id == o.ClaimId && k.PoolId == c.PoolId)).SumAsync(o => o.Amount, ct);
        if (req.Amount > contributed - paidOut)
            throw new RequestValidationException("amount", $"资金池余额 {PledgeAccess.Yuan(contributed - paidOut)} 不足（风险补偿以资金池余额为限）");
        var o = new PledgeClaimPayout { ClaimId = id, Amount = req.Amount!.Value, PaidOn = req.PaidOn!.Value, Note = PledgeAccess.Clean(req.Note), CreatedBy = me.Id };
        db.Set<PledgeClaimPayout>().Add(o);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/transactions/pledge-claims/{id}", new ContributionDto(o.Id, "补偿拨付", o.Amount, o.PaidOn, o.Note));
    }
}
