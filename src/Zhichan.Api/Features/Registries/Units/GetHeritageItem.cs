namespace Zhichan.Api.Features.Registries.Units;

/// <summary>A 非遗 item with its inheritors (personal data masked for non-staff) and attachments.</summary>
public static class GetHeritageItem
{
    public static async Task<Ok<HeritageItemDetail>> HandleAsync(long id, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await HeritageItems.DetailAsync(conn, id, me));
    }
}
