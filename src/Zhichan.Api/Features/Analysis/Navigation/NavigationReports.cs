using System.Text.Json;
using Zhichan.Api.Features.Records;
using static Zhichan.Api.Features.Analysis.Navigation.NavigationQueries;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>A chapter as shown: its narrative and its analyses.</summary>
public sealed record NavigationChapterView(string Key, string Title, string Guidance, string Narrative, NavigationAnalysis[] Analyses);

/// <summary>
/// A report: the current draft (analyses computed now, the draft narratives) or a published version (exactly what it showed
/// when it was published). <paramref name="Version"/> is null for the draft.
/// </summary>
public sealed record NavigationReport(NavigationProjectDto Project, int? Version, DateTimeOffset? PublishedAt, string? PublishedBy, string Title,
    string KindName, int Part, NavigationSnapshot Data, NavigationChapterView[] Chapters);

/// <summary>What a version freezes besides its narratives: the title, kind, chapters and the data snapshot.</summary>
public sealed record NavigationFrozen(string Name, string Kind, NavigationChapter[] Chapters, NavigationSnapshot Data);

public static class NavigationReports
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The draft (version null or 0) or a published version of a project the caller sees (404 otherwise).</summary>
    public static async Task<NavigationReport> LoadAsync(long id, int? version, ZhichanDb db, NpgsqlDataSource data, RecordsReference reference, CurrentUser me,
        CancellationToken ct)
    {
        var p = await FindAsync(db, me, id, ct);
        var count = await db.Set<NavigationVersion>().CountAsync(v => v.ProjectId == id, ct);
        var dto = Dto(p, me, reference, count);
        if (version is > 0)
        {
            var v = await db.Set<NavigationVersion>().AsNoTracking().FirstOrDefaultAsync(x => x.ProjectId == id && x.Number == version, ct)
                    ?? throw new DomainException($"导航项目 {id} 没有第 {version} 版", 404);
            var frozen = JsonSerializer.Deserialize<NavigationFrozen>(v.Snapshot, Json)!;
            return Build(dto, v.Number, v.PublishedAt, v.PublishedBy, frozen.Name, frozen.Kind, frozen.Chapters, Narratives(v.Narratives), frozen.Data);
        }
        var snapshot = await NavigationAnalyses.ComputeAsync(p, data, reference, ct);
        return Build(dto, null, null, null, p.Name, p.Kind, NavigationChapters.ByKind[p.Kind], Narratives(p.Narratives), snapshot);
    }

    /// <summary>
    /// A version the bureau made public on the portal, for anyone (ADR 0060): 404 unless it is public and its project belongs to
    /// no innovation entity.
    /// </summary>
    public static async Task<NavigationReport> LoadPublicAsync(long versionId, ZhichanDb db, RecordsReference reference, CancellationToken ct)
    {
        var v = await db.Set<NavigationVersion>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == versionId && x.PublicAt != null, ct)
                ?? throw new DomainException("该报告不存在或未向社会公开", 404);
        var p = await db.Set<NavigationProject>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == v.ProjectId && x.OrgUnitId == null, ct)
                ?? throw new DomainException("该报告不存在或未向社会公开", 404);
        var count = await db.Set<NavigationVersion>().CountAsync(x => x.ProjectId == p.Id, ct);
        var frozen = JsonSerializer.Deserialize<NavigationFrozen>(v.Snapshot, Json)!;
        return Build(Dto(p, new CurrentUser(), reference, count), v.Number, v.PublishedAt, v.PublishedBy, frozen.Name, frozen.Kind, frozen.Chapters,
            Narratives(v.Narratives), frozen.Data);
    }

    public static NavigationReport Build(NavigationProjectDto dto, int? version, DateTimeOffset? at, string? by, string name, string kind,
        NavigationChapter[] chapters, Dictionary<string, string> narratives, NavigationSnapshot data)
    {
        var byKey = data.Analyses.ToDictionary(a => a.Key);
        var views = chapters.Select(c => new NavigationChapterView(c.Key, c.Title, c.Guidance, narratives.GetValueOrDefault(c.Key, ""),
            [.. c.Analyses.Where(byKey.ContainsKey).Select(k => byKey[k])])).ToArray();
        return new NavigationReport(dto, version, at, by, name, NavigationKinds.Names.GetValueOrDefault(kind, kind), NavigationKinds.Parts.GetValueOrDefault(kind),
            data, views);
    }
}
