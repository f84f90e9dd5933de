using static Zhichan.Api.Features.Analysis.Watches.WatchQueries;

namespace Zhichan.Api.Features.Analysis.Watches;

/// <summary>The caller's watches (and, for staff, the bureau-wide ones), newest first, each with its alert count and latest alert.</summary>
public static class ListWatches
{
    public static async Task<Ok<Page<WatchDto>>> HandleAsync(string? kind, int? page, int? pageSize, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var q = Visible(db, me).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (!WatchKinds.Names.ContainsKey(kind)) throw new RequestValidationException("kind", $"监控类型“{kind}”无效，应为：{string.Join("、", WatchKinds.Names.Keys)}");
            q = q.Where(w => w.Kind == kind);
        }
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(w => w.CreatedAt).ThenByDescending(w => w.Id).Skip(offset).Take(size).ToListAsync(ct);
        var ids = rows.Select(w => w.Id).ToList();
        var stats = await db.Set<WatchHit>().AsNoTracking().Where(h => ids.Contains(h.WatchId)).GroupBy(h => h.WatchId)
            .Select(g => new { g.Key, Count = g.LongCount(), Last = g.Max(h => h.At) }).ToDictionaryAsync(x => x.Key, ct);
        var names = await NamesAsync(data, rows, ct);
        var items = rows.Select(w => Dto(w, me, names, stats.GetValueOrDefault(w.Id)?.Count ?? 0, stats.GetValueOrDefault(w.Id)?.Last)).ToList();
        return TypedResults.Ok(new Page<WatchDto>(items, total));
    }
}
