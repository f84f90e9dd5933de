namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>Takes a right off the unit's watch list.</summary>
public static class RemoveCustodyWatch
{
    public static async Task<NoContent> HandleAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var org = me.OrgUnitId ?? -1;
        var w = await db.Set<CustodyWatch>().FirstOrDefaultAsync(x => x.Id == id && x.OrgUnitId == org, ct) ?? throw new DomainException("关注记录不存在", 404);
        db.Remove(w);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
