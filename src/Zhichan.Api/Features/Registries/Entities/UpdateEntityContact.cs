namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>UpdateEntityContact: corrects a contact.</summary>
public static class UpdateEntityContact
{
    public static async Task<Ok<EntityContactDto>> HandleAsync(long id, long contactId, EntityContactRequest req, NpgsqlDataSource db, ZhichanDb ef, CurrentUser me,
        CancellationToken ct)
    {
        AddEntityContact.Validate(req);
        await using var conn = await db.OpenConnectionAsync(ct);
        var (e, _) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        var c = await ef.Set<EntityContact>().FirstOrDefaultAsync(x => x.Id == contactId && x.EntityId == e.Id, ct) ?? throw new DomainException($"联系人 {contactId} 不存在", 404);
        AddEntityContact.Apply(c, req);
        EntityAudit.History(ef, e.Id, "contact_updated", "修改联系人", me);
        await ef.SaveChangesAsync(ct);
        return TypedResults.Ok(EntityQueries.ToDto(c, unmasked: true));
    }
}
