using static Zhichan.Api.Features.Analysis.Watches.WatchQueries;

namespace Zhichan.Api.Features.Analysis.Watches;

/// <summary>Deletes a watch of the caller's with its alert history (audited); another user's answers 404.</summary>
public static class DeleteWatch
{
    public static async Task<NoContent> HandleAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var w = await OwnOr404Async(db, me, id, ct);
        db.RemoveRange(await db.Set<WatchHit>().Where(h => h.WatchId == w.Id).ToListAsync(ct));
        db.Remove(w);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
