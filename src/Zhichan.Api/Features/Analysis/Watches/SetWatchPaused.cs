using static Zhichan.Api.Features.Analysis.Watches.WatchQueries;

namespace Zhichan.Api.Features.Analysis.Watches;

/// <summary>
/// Pauses or resumes a watch of the caller's (audited). A resumed watch starts from now: what arrived while it was paused is
/// not reported afterwards (its marks move to the current data).
/// </summary>
public static class SetWatchPaused
{
    public sealed record SetWatchPausedRequest(bool? Paused);

    public static async Task<Ok<WatchDto>> HandleAsync(long id, SetWatchPausedRequest req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        if (req.Paused is not { } paused) throw new RequestValidationException("paused", "请说明暂停还是恢复");
        var w = await OwnOr404Async(db, me, id, ct);
        if (w.Paused != paused)
        {
            w.Paused = paused;
            w.UpdatedAt = DateTimeOffset.UtcNow;
            if (!paused)
            {
                await using var conn = await data.OpenConnectionAsync(ct);
                w.RecordMark = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COALESCE(max(id), 0) FROM records", cancellationToken: ct));
                w.EventMark = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COALESCE(max(id), 0) FROM legal_status_events", cancellationToken: ct));
            }
            await db.SaveChangesAsync(ct);
        }
        var hits = db.Set<WatchHit>().Where(h => h.WatchId == w.Id);
        return TypedResults.Ok(Dto(w, me, await NamesAsync(data, [w], ct), await hits.LongCountAsync(ct), await hits.MaxAsync(h => (DateTimeOffset?)h.At, ct)));
    }
}
