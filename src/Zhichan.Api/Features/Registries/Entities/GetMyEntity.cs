namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>GetMyEntity: an enterprise's own entity (the one linked to its org unit), for its home page.</summary>
public static class GetMyEntity
{
    public static async Task<Ok<EntityDetail>> HandleAsync(NpgsqlDataSource db, ZhichanDb ef, CurrentUser me, CancellationToken ct)
    {
        if (me.Role != Roles.Enterprise) throw new DomainException("“我的主体”仅向企业账号提供；知识产权局请在创新主体库查看", 403, "禁止访问");
        var e = await EntityQueries.OwnAsync(ef, me, ct)
                ?? throw new DomainException("本单位尚未关联创新主体：知识产权局在主体库中把本单位账号关联到对应主体后，这里显示本单位的专利、标签和更正申请", 404, "尚未关联主体");
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await EntityQueries.DetailAsync(conn, ef, e, null, contactsUnmasked: true, ct));
    }
}
