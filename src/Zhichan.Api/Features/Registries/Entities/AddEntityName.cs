namespace Zhichan.Api.Features.Registries.Entities;

/// <param name="Kind">former (曾用名) or alias (别名)</param>
public sealed record EntityNameRequest(string? Name, string? Kind, DateOnly? ValidFrom, DateOnly? ValidTo, string? Source);

/// <summary>
/// AddEntityName: registers a former name (with its dates) or an alias. Records under that name — stored or imported later —
/// resolve to the entity (rule 曾用名 / 别名); an entity the records made under that name is merged in.
/// </summary>
public static class AddEntityName
{
    public static async Task<Created<EntityNameDto>> HandleAsync(long id, EntityNameRequest req, NpgsqlDataSource db, ZhichanDb ef, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("name", req.Name, "名称").MaxLength("name", req.Name, 200, "名称").PlainText("name", req.Name, "名称")
            .Required("kind", req.Kind, "名称类型").MaxLength("source", req.Source, 300, "来源").PlainText("source", req.Source, "来源");
        if (req.Kind is not null) v.OneOf("kind", req.Kind, EntityNameKinds.Names.Keys, "名称类型");
        if (req.ValidFrom is { } f && req.ValidTo is { } t && t < f) v.Add("validTo", "截止日期不能早于起始日期");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        var (e, _) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var nameId = await EntityStructure.AddNameAsync(conn, tx, e.Id, req.Name!, req.Kind!, req.ValidFrom, req.ValidTo, EntityRules.Blank(req.Source), me, ct);
        await tx.CommitAsync(ct);
        var n = await ef.Set<EntityName>().AsNoTracking().FirstAsync(x => x.Id == nameId, ct);
        return TypedResults.Created($"/api/registries/entities/{e.Id}", new EntityNameDto(n.Id, n.Name, n.Kind, EntityNameKinds.Names[n.Kind], n.ValidFrom, n.ValidTo,
            n.Source, n.MovedFrom, n.CreatedAt));
    }
}
