using Zhichan.Api.Features.Registries.Agencies;

namespace Zhichan.Api.Features.Portal.Open;

/// <summary>The directory of service agencies with their grades (business contacts only), as the public directory has it.</summary>
public static class ListOpenAgencies
{
    public static Task<Ok<Page<PublicAgencyDto>>> HandleAsync(string? q, string? kind, string? grade, int? page, int? pageSize, ZhichanDb db, CancellationToken ct) =>
        ListPublicAgencies.HandleAsync(q, kind, grade, page, pageSize, db, ct);
}
