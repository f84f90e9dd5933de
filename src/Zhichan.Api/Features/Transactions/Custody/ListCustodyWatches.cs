namespace Zhichan.Api.Features.Transactions.Custody;

public sealed record WatchView(long Id, string Kind, string KindName, string Number, long? RecordId, string? Title, string? OrgUnitName, DateTimeOffset CreatedAt);

/// <summary>The watch list (关注清单) of the caller's unit; the bureau sees every unit's.</summary>
public static class ListCustodyWatches
{
    public static async Task<Ok<IReadOnlyList<WatchView>>> HandleAsync(ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var q = db.Set<CustodyWatch>().AsNoTracking();
        if (!me.IsStaff) { var org = me.OrgUnitId ?? -1; q = q.Where(w => w.OrgUnitId == org); }
        var rows = await q.OrderByDescending(w => w.Id).Take(2000).ToListAsync(ct);
        var unitIds = rows.Select(w => w.OrgUnitId).Distinct().ToArray();
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return TypedResults.Ok<IReadOnlyList<WatchView>>(rows.Select(w => new WatchView(w.Id, w.Kind, Rights.RightKinds.Names[w.Kind], w.Number, w.RecordId, w.Title,
            units.GetValueOrDefault(w.OrgUnitId), w.CreatedAt)).ToList());
    }
}
