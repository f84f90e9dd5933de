namespace Zhichan.Api.Features.Registries.Units;

/// <summary>A plant variety right with its attachments.</summary>
public static class GetPlantVariety
{
    public static async Task<Ok<PlantVarietyDetail>> HandleAsync(long id, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await PlantVarieties.DetailAsync(conn, id, me));
    }
}
