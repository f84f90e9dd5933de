namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>The split a claim on a disposed pledge would get now (the bank sees it before submitting): shares, caps, what falls back to the bank.</summary>
public static class PreviewPledgeClaim
{
    public static async Task<Ok<ClaimSplit>> HandleAsync(ClaimRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me, CancellationToken ct)
    {
        var p = await CreatePledgeClaim.ClaimablePledgeAsync(req, db, ds, me, ct);
        return TypedResults.Ok((await ClaimRules.PrepareAsync(db, p, null, ct)).Split);
    }
}
