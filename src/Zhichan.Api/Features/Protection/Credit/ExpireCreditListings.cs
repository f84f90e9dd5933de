using Zhichan.Api.Platform.Notifications;
using static Zhichan.Api.Features.Protection.Credit.CreditListings;

namespace Zhichan.Api.Features.Protection.Credit;

/// <summary>Runs the removal of expired listings now.</summary>
public static class ExpireCreditListings
{
    public static async Task<Ok<CreditExpiryResult>> HandleAsync(ZhichanDb db, ProtectionClock clock, CancellationToken ct)
    {
        var today = Deadlines.Today(clock);
        return TypedResults.Ok(new CreditExpiryResult(await ExpireAsync(db, today, ct), today));
    }
}
