using Zhichan.Api.Platform.Notifications;
using static Zhichan.Api.Features.Protection.Credit.CreditListings;

namespace Zhichan.Api.Features.Protection.Credit;

/// <summary>The credit list in every state (internal).</summary>
public static class ListCreditListings
{
    public static async Task<Ok<CreditListingDto[]>> HandleAsync(string? status, ZhichanDb db, CancellationToken ct)
    {
        var q = db.Set<CreditListing>().AsNoTracking();
        if (status is not null) q = q.Where(l => l.Status == status);
        return TypedResults.Ok((await q.OrderByDescending(l => l.Id).ToListAsync(ct)).Select(ToDto).ToArray());
    }
}
