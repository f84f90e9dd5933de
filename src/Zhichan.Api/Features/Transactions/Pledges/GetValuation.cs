namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>One valuation the caller may see.</summary>
public static class GetValuation
{
    public static async Task<Ok<ValuationRow>> HandleAsync(long id, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok((await ValuationQueries.VisibleAsync(conn, me, id, ct)).ToRow());
    }
}
