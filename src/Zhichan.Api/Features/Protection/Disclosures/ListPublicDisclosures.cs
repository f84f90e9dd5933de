using static Zhichan.Api.Features.Protection.Disclosures.DisclosureTexts;

namespace Zhichan.Api.Features.Protection.Disclosures;

/// <summary>Published penalty decisions and typical cases (masked).</summary>
public static class ListPublicDisclosures
{
    public static async Task<Ok<PublicDisclosureDto[]>> HandleAsync(string? kind, ZhichanDb db, CancellationToken ct)
    {
        if (kind is not null) new Validation().OneOf("kind", kind, ["penalty_decision", "typical_case"], "公开类型").ThrowIfInvalid();
        var q = db.Set<Disclosure>().AsNoTracking().Where(d => d.PublishedAt != null);
        if (kind is not null) q = q.Where(d => d.Kind == kind);
        return TypedResults.Ok(await q.OrderByDescending(d => d.PublishedAt)
            .Select(d => new PublicDisclosureDto(d.Id, d.Kind, d.DecisionNumber, d.Title, d.MaskedSummary, d.MaskedText, d.PublishedAt!.Value)).ToArrayAsync(ct));
    }
}
