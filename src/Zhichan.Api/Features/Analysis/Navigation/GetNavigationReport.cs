using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>
/// The report of a project: without a version the draft — every analysis computed now on the scope, with the draft narratives;
/// with a version number exactly what that published version showed (its narratives and data snapshot).
/// </summary>
public static class GetNavigationReport
{
    public static async Task<Ok<NavigationReport>> HandleAsync(long id, int? version, ZhichanDb db, NpgsqlDataSource data, RecordsReference reference,
        CurrentUser me, CancellationToken ct) =>
        TypedResults.Ok(await NavigationReports.LoadAsync(id, version, db, data, reference, me, ct));
}
