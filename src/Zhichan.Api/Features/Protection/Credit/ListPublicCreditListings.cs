using Zhichan.Api.Platform.Security;
using Zhichan.Api.Platform.Notifications;
using static Zhichan.Api.Features.Protection.Credit.CreditListings;

namespace Zhichan.Api.Features.Protection.Credit;

/// <summary>The published credit list.</summary>
public static class ListPublicCreditListings
{
    public static async Task<Ok<PublicCreditDto[]>> HandleAsync(ZhichanDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<CreditListing>().AsNoTracking().Where(l => l.Status == "published").OrderByDescending(l => l.PublishedAt).ToListAsync(ct))
            .Select(l => new PublicCreditDto(l.Id, Masking.MaskName(l.SubjectName, l.SubjectKind == "person"),
                l.SubjectKind == "person" ? null : l.CreditCode, l.DecisionNumber, Masking.MaskText(l.Reason, l.SubjectKind == "person" ? [l.SubjectName] : []),
                l.ListedOn, l.ExpiresOn)).ToArray());

    // ---------- protection list ----------
}
