using Zhichan.Api.Platform.Notifications;
using static Zhichan.Api.Features.Protection.Disclosures.DisclosureTexts;

namespace Zhichan.Api.Features.Protection.Disclosures;

/// <summary>Disclosures with their original text (internal).</summary>
public static class ListDisclosures
{
    public static async Task<Ok<DisclosureDto[]>> HandleAsync(ZhichanDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<Disclosure>().AsNoTracking().OrderByDescending(d => d.Id).ToListAsync(ct)).Select(ToDto).ToArray());
}
