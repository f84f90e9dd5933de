namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>
/// The pledgee bank claims compensation from the pool for a disposed pledge (待审核). Only a pledge whose bank and pledgor are pool
/// members can claim; the split is computed now and again when the bureau approves (the year's cap is consumed by approvals).
/// </summary>
public static class CreatePledgeClaim
{
    public static async Task<Created<ClaimSplit>> HandleAsync(ClaimRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me, CancellationToken ct)
    {
        var p = await ClaimablePledgeAsync(req, db, ds, me, ct);
        var v = new Validation().MaxLength("note", req.Note, 1000, "说明").PlainText("note", req.Note, "说明");
        v.ThrowIfInvalid();
        var (pool, split) = await ClaimRules.PrepareAsync(db, p, null, ct);
        var c = new PledgeClaim { PoolId = pool.Id, PledgeId = p.Id, SubmittedBy = me.Id, Note = PledgeAccess.Clean(req.Note) };
        Apply(c, split);
        db.Set<PledgeClaim>().Add(c);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/transactions/pledge-pools/{pool.Year}", split);
    }

    internal static void Apply(PledgeClaim c, ClaimSplit s)
    {
        c.OutstandingPrincipal = s.OutstandingPrincipal;
        c.Recovered = s.Recovered;
        c.Loss = s.Loss;
        c.FundShare = s.FundShare;
        c.BankShare = s.BankShare;
        c.InsurerShare = s.InsurerShare;
        c.ValuerShare = s.ValuerShare;
        c.FundExcess = s.FundExcess;
        c.SplitNote = s.Note;
    }

    /// <summary>The pledge of the claim: visible to the caller (else 404) and the caller its pledgee bank (else 403).</summary>
    internal static async Task<Pledge> ClaimablePledgeAsync(ClaimRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me, CancellationToken ct)
    {
        if (req.PledgeId is not { } id) throw new RequestValidationException("pledgeId", "请选择质押");
        await using (var conn = await ds.OpenConnectionAsync(ct))
        {
            var row = await PledgeQueries.VisibleRowAsync(conn, me, id, ct);
            if (me.Role != Roles.Bank || me.OrgUnitId != row.BankUnitId) throw new DomainException("风险补偿由质权银行申请", 403, "禁止访问");
        }
        return await db.Set<Pledge>().AsNoTracking().FirstAsync(p => p.Id == id, ct);
    }
}
