namespace Zhichan.Api.Features.Registries.Entities;

public sealed record EntityContactRequest(string? Name, string? Title, string? Phone, string? Email, string? Note);

/// <summary>AddEntityContact: a contact person of the entity (personal data: shown masked outside the bureau's edit form).</summary>
public static class AddEntityContact
{
    public static async Task<Created<EntityContactDto>> HandleAsync(long id, EntityContactRequest req, NpgsqlDataSource db, ZhichanDb ef, CurrentUser me,
        CancellationToken ct)
    {
        Validate(req);
        await using var conn = await db.OpenConnectionAsync(ct);
        var (e, _) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        var c = new EntityContact { EntityId = e.Id };
        Apply(c, req);
        ef.Set<EntityContact>().Add(c);
        EntityAudit.History(ef, e.Id, "contact_added", "添加联系人", me);
        await ef.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/registries/entities/{e.Id}/contacts", EntityQueries.ToDto(c, unmasked: true));
    }

    internal static void Validate(EntityContactRequest req)
    {
        var v = new Validation();
        v.Required("name", req.Name, "联系人").MaxLength("name", req.Name, 50, "联系人").PlainText("name", req.Name, "联系人")
            .MaxLength("title", req.Title, 50, "职务").MaxLength("phone", req.Phone, 30, "电话").MaxLength("note", req.Note, 500, "备注")
            .Email("email", req.Email, "电子邮箱").PlainText("title", req.Title, "职务").PlainText("note", req.Note, "备注");
        if (req.Phone is { Length: > 0 } p && !p.All(ch => char.IsAsciiDigit(ch) || ch is '-' or ' ' or '+' or '(' or ')' or '转'))
            v.Add("phone", "电话只能包含数字、空格和 - + ( ) 转");
        v.ThrowIfInvalid();
    }

    internal static void Apply(EntityContact c, EntityContactRequest req)
    {
        c.Name = req.Name!.Trim();
        c.Title = EntityRules.Blank(req.Title);
        c.Phone = EntityRules.Blank(req.Phone);
        c.Email = EntityRules.Blank(req.Email);
        c.Note = EntityRules.Blank(req.Note);
        c.UpdatedAt = DateTimeOffset.UtcNow;
    }
}
