using Zhichan.Api.Features.Programmes.Outcomes;

namespace Zhichan.Api.Features.Portal.Open;

/// <summary>The programmes' published 公示 lists, as the public page has them.</summary>
public static class ListOpenPublicity
{
    public static Task<Ok<List<PublicityNotice>>> HandleAsync(ZhichanDb db, TimeProvider clock, CancellationToken ct) => ListPublicityNotices.HandleAsync(db, clock, ct);
}
