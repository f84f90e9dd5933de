using static Zhichan.Api.Features.Protection.Cases.CaseQueries;

namespace Zhichan.Api.Features.Protection.Cases;

/// <summary>One case: timeline, countdown, mediation, investigators, referrals, files the caller may see.</summary>
public static class GetProtectionCase
{
    public static async Task<Ok<CaseDetail>> HandleAsync(long id, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var c = await FindVisibleAsync(db, me, id, ct);
        return TypedResults.Ok(await DetailAsync(db, me, c, clock, ct));
    }
}
