using static Zhichan.Api.Features.Analysis.Watches.WatchQueries;

namespace Zhichan.Api.Features.Analysis.Watches;

/// <summary>One watch the caller sees (their own, or for staff a bureau-wide one).</summary>
public static class GetWatch
{
    public static async Task<Ok<WatchDto>> HandleAsync(long id, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var w = await VisibleOr404Async(db, me, id, ct);
        var hits = db.Set<WatchHit>().Where(h => h.WatchId == w.Id);
        return TypedResults.Ok(Dto(w, me, await NamesAsync(data, [w], ct), await hits.LongCountAsync(ct), await hits.MaxAsync(h => (DateTimeOffset?)h.At, ct)));
    }
}
