using System.Text.Json;
using Zhichan.Api.Features.Records;
using static Zhichan.Api.Features.Analysis.Navigation.NavigationQueries;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>A published version of a report's summary in a list.</summary>
/// <param name="PublicAt">When the bureau made the version public on the portal; null while it is not public.</param>
public sealed record NavigationVersionDto(long Id, int Number, string PublishedBy, DateTimeOffset PublishedAt, long Total, DateTimeOffset? DataDate,
    DateTimeOffset? PublicAt = null);

/// <summary>
/// Publishes the draft as the next version (audited): the narratives, the chapters and a snapshot of every analysis computed now
/// (the scope, counts and the data date), so the version shows the same text and numbers whatever is imported or edited later.
/// The draft continues from it.
/// </summary>
public static class PublishNavigationVersion
{
    public static async Task<Created<NavigationVersionDto>> HandleAsync(long id, ZhichanDb db, NpgsqlDataSource data, RecordsReference reference, CurrentUser me,
        CancellationToken ct)
    {
        var p = await FindAsync(db, me, id, ct);
        if (!CanEdit(p, me)) throw new DomainException("只有知识产权局或项目所属单位可以发布导航报告", 403);
        var snapshot = await NavigationAnalyses.ComputeAsync(p, data, reference, ct);
        var number = (await db.Set<NavigationVersion>().Where(v => v.ProjectId == id).MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        var v = new NavigationVersion
        {
            ProjectId = id, Number = number, PublishedBy = await DisplayNameAsync(db, me, ct), Narratives = p.Narratives,
            Snapshot = JsonSerializer.Serialize(new NavigationFrozen(p.Name, p.Kind, NavigationChapters.ByKind[p.Kind], snapshot), NavigationReports.Json),
        };
        db.Add(v);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/analysis/navigation/{id}/report?version={number}",
            new NavigationVersionDto(v.Id, v.Number, v.PublishedBy, v.PublishedAt, snapshot.Total, snapshot.DataDate));
    }
}
