using static Zhichan.Api.Features.Analysis.Briefings.BriefingQueries;

namespace Zhichan.Api.Features.Analysis.Briefings;

/// <summary>Unsubscribes (audited): no further briefings; the briefings already sent stay in the caller's history.</summary>
public static class DeleteSubscription
{
    public static async Task<Results<NoContent, NotFound>> HandleAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var s = await Own(db, me).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return TypedResults.NotFound();
        db.Remove(s);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
