namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>The bureau approves a claim (its split recomputed against the year's approved claims) or rejects it with a reason.</summary>
public static class ReviewPledgeClaim
{
    public static async Task<Ok<ClaimSplit>> HandleAsync(long id, ClaimReviewRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var c = await db.Set<PledgeClaim>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"补偿申请 {id} 不存在", 404);
        var v = new Validation();
        v.Required("decision", req.Decision, "审核结论").OneOf("decision", req.Decision, ["approve", "reject"], "审核结论");
        if (req.Decision == "reject" && string.IsNullOrWhiteSpace(req.Reason)) v.Add("reason", "驳回须写明理由");
        v.MaxLength("reason", req.Reason, 1000, "理由").PlainText("reason", req.Reason, "理由");
        v.ThrowIfInvalid();
        if (c.State != ClaimStates.Submitted) throw new DomainException($"补偿申请已{ClaimStates.Labels[c.State]}，不能再次审核");
        var pledge = await db.Set<Pledge>().AsNoTracking().FirstAsync(p => p.Id == c.PledgeId, ct);
        var pool = await db.Set<PledgePool>().AsNoTracking().FirstAsync(p => p.Id == c.PoolId, ct);
        ClaimSplit split;
        if (req.Decision == "approve")
        {
            split = (await ClaimRules.PrepareAsync(db, pledge, c.Id, ct)).Split;
            CreatePledgeClaim.Apply(c, split);
            c.State = ClaimStates.Approved;
        }
        else
        {
            split = new ClaimSplit(pool.Year, c.PledgeId, c.OutstandingPrincipal, c.Recovered, c.Loss, c.FundShare, c.BankShare, c.InsurerShare, c.ValuerShare,
                c.FundExcess, 0, c.SplitNote ?? "");
            c.State = ClaimStates.Rejected;
        }
        c.Reason = PledgeAccess.Clean(req.Reason);
        c.ReviewedBy = me.Id;
        c.ReviewedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(split);
    }
}
