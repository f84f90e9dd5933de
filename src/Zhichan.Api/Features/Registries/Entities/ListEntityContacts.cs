namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>
/// ListEntityContacts: the contacts in full, for the bureau's edit form (each read is written to the audit log) and for the
/// enterprise's own entity; every other view shows them masked.
/// </summary>
public static class ListEntityContacts
{
    public static async Task<Ok<List<EntityContactDto>>> HandleAsync(long id, NpgsqlDataSource db, ZhichanDb ef, CurrentUser me, CancellationToken ct)
    {
        if (!me.IsStaff && me.Role != Roles.Enterprise) throw new DomainException("联系人完整信息仅向知识产权局和企业本单位提供", 403, "禁止访问");
        await using var conn = await db.OpenConnectionAsync(ct);
        var (e, _) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        var list = await ef.Set<EntityContact>().AsNoTracking().Where(c => c.EntityId == e.Id).OrderBy(c => c.Id).ToListAsync(ct);
        if (me.IsStaff) await AuditLog.WriteAsync(conn, null, me, "reveal_contacts", "entities", e.Id.ToString(), null, new { contacts = list.Count }, ct);
        return TypedResults.Ok(list.Select(c => EntityQueries.ToDto(c, unmasked: true)).ToList());
    }
}
