using static Zhichan.Api.Features.Analysis.Briefings.BriefingQueries;

namespace Zhichan.Api.Features.Analysis.Briefings;

/// <summary>Changes one of the caller's subscriptions (settings, pause/resume; audited). Another user's answers 404.</summary>
public static class UpdateSubscription
{
    public static async Task<Results<Ok<SubscriptionDto>, NotFound>> HandleAsync(long id, SubscriptionRequest req, ZhichanDb db, NpgsqlDataSource data,
        BriefingComposer composer, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var s = await Own(db, me).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return TypedResults.NotFound();
        await ApplyAsync(req, s, data, ct);
        await db.SaveChangesAsync(ct);
        var count = await db.Set<Briefing>().CountAsync(b => b.SubscriptionId == id, ct);
        return TypedResults.Ok(await DtoAsync(s, count, ChinaTime.Today(clock), composer, data, ct));
    }
}
