using System.Text.Json;
using static Zhichan.Api.Features.Analysis.Navigation.NavigationQueries;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>Saves the draft narratives of chapters (audited); chapters not in the body keep theirs.</summary>
public static class SaveNavigationNarratives
{
    public const int MaxLength = 20_000;

    /// <param name="Narratives">Chapter key → narrative text.</param>
    public sealed record SaveNarrativesRequest(Dictionary<string, string?>? Narratives);

    public static async Task<Ok<Dictionary<string, string>>> HandleAsync(long id, SaveNarrativesRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var p = await FindAsync(db, me, id, ct, track: true);
        if (!CanEdit(p, me)) throw new DomainException("只有知识产权局或项目所属单位可以编辑导航报告", 403);
        var keys = NavigationChapters.ByKind[p.Kind].Select(c => c.Key).ToHashSet();
        var v = new Validation();
        foreach (var (key, text) in req.Narratives ?? [])
        {
            if (!keys.Contains(key)) v.Add("narratives", $"章节“{key}”不属于{NavigationKinds.Names[p.Kind]}报告");
            else if (text is { Length: > MaxLength }) v.Add($"narratives.{key}", $"每章正文不能超过 {MaxLength} 个字符");
        }
        v.ThrowIfInvalid();
        var current = Narratives(p.Narratives);
        foreach (var (key, text) in req.Narratives ?? []) current[key] = text?.Trim() ?? "";
        p.Narratives = JsonSerializer.Serialize(current);
        p.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(current);
    }
}
