namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>DeleteEntityContact: removes a contact.</summary>
public static class DeleteEntityContact
{
    public static async Task<NoContent> HandleAsync(long id, long contactId, NpgsqlDataSource db, ZhichanDb ef, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var (e, _) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        var c = await ef.Set<EntityContact>().FirstOrDefaultAsync(x => x.Id == contactId && x.EntityId == e.Id, ct) ?? throw new DomainException($"联系人 {contactId} 不存在", 404);
        ef.Remove(c);
        EntityAudit.History(ef, e.Id, "contact_deleted", "删除联系人", me);
        await ef.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
