using static Zhichan.Api.Features.Analysis.Briefings.BriefingQueries;

namespace Zhichan.Api.Features.Analysis.Briefings;

/// <summary>The caller's briefing subscriptions (oldest first), with the number of briefings each produced and when the next is due.</summary>
public static class ListSubscriptions
{
    public static async Task<Ok<SubscriptionList>> HandleAsync(ZhichanDb db, NpgsqlDataSource data, BriefingComposer composer, ZhichanOptions options,
        CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var subs = await Own(db, me).AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        var ids = subs.Select(s => s.Id).ToList();
        var counts = await db.Set<Briefing>().AsNoTracking().Where(b => b.SubscriptionId != null && ids.Contains(b.SubscriptionId.Value))
            .GroupBy(b => b.SubscriptionId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var today = ChinaTime.Today(clock);
        var items = new List<SubscriptionDto>();
        foreach (var s in subs) items.Add(await DtoAsync(s, counts.GetValueOrDefault(s.Id), today, composer, data, ct));
        var email = await db.Set<User>().AsNoTracking().Where(u => u.Id == me.Id).Select(u => u.Email).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new SubscriptionList(items, options.Mail.Enabled, !string.IsNullOrWhiteSpace(email)));
    }
}
