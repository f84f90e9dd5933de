using static Zhichan.Api.Features.Protection.Credit.CreditListings;

namespace Zhichan.Api.Features.Protection.Credit;

/// <summary>Publishes a listing.</summary>
public static class PublishCreditListing
{
    public static async Task<Ok<CreditListingDto>> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var l = await FindListingAsync(db, id, ct);
        if (l.Status != "listed") throw new DomainException($"当前状态为“{CreditStatusLabels[l.Status]}”，不能公示");
        l.Status = "published"; l.PublishedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(l));
    }
}
