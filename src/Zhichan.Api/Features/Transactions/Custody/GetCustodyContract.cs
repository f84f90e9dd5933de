namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>A contract with its rights (current and removed), its timeline and the actions open to the caller.</summary>
public static class GetCustodyContract
{
    public static async Task<Ok<ContractDetail>> HandleAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var party = await CustodyAccess.PartyAsync(db, me, ct);
        var c = await CustodyAccess.FindAsync(db, me, party, id, ct);
        return TypedResults.Ok(await CustodyViews.DetailAsync(db, c, party, ct));
    }
}
