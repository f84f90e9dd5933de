namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>GetEntity: the entity page — master data, names, labels, contacts (masked), links summary, counts, history.</summary>
public static class GetEntity
{
    /// <summary>An id that was merged answers with the entity it was merged into (<c>redirectedFrom</c> says so).</summary>
    public static async Task<Ok<EntityDetail>> HandleAsync(long id, NpgsqlDataSource db, ZhichanDb ef, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var (e, from) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        // an enterprise reads its own contacts in full; everyone else sees them masked (ListEntityContacts shows them to staff)
        return TypedResults.Ok(await EntityQueries.DetailAsync(conn, ef, e, from, contactsUnmasked: me.Role == Roles.Enterprise, ct));
    }
}
