using Zhichan.Api.Features.Protection.Disclosures;

namespace Zhichan.Api.Features.Portal.Open;

/// <summary>Protection's published disclosures (行政裁决、处罚等信息公开), masked, as the public list has them.</summary>
public static class ListOpenDisclosures
{
    public static Task<Ok<PublicDisclosureDto[]>> HandleAsync(string? kind, ZhichanDb db, CancellationToken ct) => ListPublicDisclosures.HandleAsync(kind, db, ct);
}
