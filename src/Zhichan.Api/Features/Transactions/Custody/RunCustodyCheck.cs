namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>Runs the daily custody check now (the bureau, e.g. after a data import); safe to repeat — nothing is sent twice.</summary>
public static class RunCustodyCheck
{
    public static async Task<Ok<CustodyCheckResult>> HandleAsync(ZhichanDb db, NpgsqlDataSource data, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await CustodyCheck.RunAsync(db, data, ChinaTime.Today(clock), ct));
}
