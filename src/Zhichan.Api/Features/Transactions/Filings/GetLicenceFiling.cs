namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>A filing with its parties, rights, timeline, matched gazette events, decision limit and the caller's actions.</summary>
public static class GetLicenceFiling
{
    public static async Task<Ok<FilingDetail>> HandleAsync(long id, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var f = await FilingQueries.LoadAsync(db, me, id, ct);
        return TypedResults.Ok(await FilingQueries.DetailAsync(db, f, me, clock, ct));
    }
}
