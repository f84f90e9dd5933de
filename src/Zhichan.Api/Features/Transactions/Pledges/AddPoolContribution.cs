namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>Records money paid into the pool of a year (bureau): who contributed, how much, when.</summary>
public static class AddPoolContribution
{
    public static async Task<Created<ContributionDto>> HandleAsync(int year, ContributionRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock,
        CancellationToken ct)
    {
        var pool = await db.Set<PledgePool>().FirstOrDefaultAsync(p => p.Year == year, ct) ?? throw new DomainException($"{year} 年度资金池尚未设立", 404);
        var v = new Validation();
        v.Required("contributor", req.Contributor, "出资方").MaxLength("contributor", req.Contributor, 100, "出资方").PlainText("contributor", req.Contributor, "出资方");
        PledgeAccess.Amount(v, "amount", req.Amount, "出资金额");
        if (req.PaidOn is null) v.Add("paidOn", "请填写到账日期");
        else if (req.PaidOn > ChinaTime.Today(clock)) v.Add("paidOn", "到账日期不能晚于今天");
        v.MaxLength("note", req.Note, 1000, "备注");
        v.ThrowIfInvalid();
        var c = new PledgePoolContribution
        {
            PoolId = pool.Id, Contributor = req.Contributor!.Trim(), Amount = req.Amount!.Value, PaidOn = req.PaidOn!.Value, Note = PledgeAccess.Clean(req.Note),
            CreatedBy = me.Id,
        };
        db.Set<PledgePoolContribution>().Add(c);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/transactions/pledge-pools/{year}", new ContributionDto(c.Id, c.Contributor, c.Amount, c.PaidOn, c.Note));
    }
}
