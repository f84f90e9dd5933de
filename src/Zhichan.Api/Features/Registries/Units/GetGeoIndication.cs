namespace Zhichan.Api.Features.Registries.Units;

/// <summary>A GI with its authorised users and attachments.</summary>
public static class GetGeoIndication
{
    public static async Task<Ok<GeoIndicationDetail>> HandleAsync(long id, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await GeoIndications.DetailAsync(conn, id, me));
    }
}
