using static Zhichan.Api.Features.Protection.Disclosures.DisclosureTexts;

namespace Zhichan.Api.Features.Protection.Disclosures;

/// <summary>The full masked text of a published disclosure or typical case.</summary>
public static class GetPublicDisclosure
{
    public static async Task<Ok<PublicDisclosureDto>> HandleAsync(long id, ZhichanDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<Disclosure>().AsNoTracking().Where(d => d.Id == id && d.PublishedAt != null)
            .Select(d => new PublicDisclosureDto(d.Id, d.Kind, d.DecisionNumber, d.Title, d.MaskedSummary, d.MaskedText, d.PublishedAt!.Value)).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("公开信息不存在或未发布", 404));

    // ---------- credit list ----------
}
