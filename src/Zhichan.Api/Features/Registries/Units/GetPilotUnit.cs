namespace Zhichan.Api.Features.Registries.Units;

/// <summary>A pilot unit with its evaluations and attachments.</summary>
public static class GetPilotUnit
{
    public static async Task<Ok<PilotUnitDetail>> HandleAsync(long id, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await PilotUnits.DetailAsync(conn, id, me));
    }
}
