using static Zhichan.Api.Features.Analysis.Watches.WatchQueries;

namespace Zhichan.Api.Features.Analysis.Watches;

/// <summary>A watch's alert history, newest first.</summary>
public static class ListWatchHits
{
    public static async Task<Ok<Page<WatchHitDto>>> HandleAsync(long id, int? page, int? pageSize, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 100);
        var w = await VisibleOr404Async(db, me, id, ct);
        var q = db.Set<WatchHit>().AsNoTracking().Where(h => h.WatchId == w.Id);
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Skip(offset).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<WatchHitDto>(rows.Select(h => HitDto(h, w.Name)).ToList(), total));
    }
}
