using static Zhichan.Api.Features.Analysis.Briefings.BriefingQueries;

namespace Zhichan.Api.Features.Analysis.Briefings;

/// <summary>A new briefing subscription of the caller's (audited); its first scheduled briefing covers the first period that ends after it.</summary>
public static class CreateSubscription
{
    /// <summary>The most subscriptions one user keeps.</summary>
    public const int MaxPerUser = 20;

    public static async Task<Created<SubscriptionDto>> HandleAsync(SubscriptionRequest req, ZhichanDb db, NpgsqlDataSource data, BriefingComposer composer,
        CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var s = new BriefingSubscription { UserId = me.Id!.Value };
        await ApplyAsync(req, s, data, ct);
        if (await Own(db, me).CountAsync(ct) >= MaxPerUser) throw new DomainException($"每个账号最多 {MaxPerUser} 个订阅，请先删除不再需要的订阅");
        db.Add(s);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/analysis/subscriptions/{s.Id}", await DtoAsync(s, 0, ChinaTime.Today(clock), composer, data, ct));
    }
}
