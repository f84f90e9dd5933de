using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Registries.Experts;

namespace Zhichan.Api.Features.Registries.Talent;

/// <summary>The talent registry (bureau), filtered by text, category, region and whether counted today.</summary>
public static class ListTalents
{
    public static async Task<Ok<Page<TalentRow>>> HandleAsync(string? q, string? category, string? region, bool? current, int? page, int? pageSize,
        ZhichanDb db, RecordsReference reference, TimeProvider clock, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var v = new Validation();
        v.MaxLength("q", q, 100, "关键词").OneOf("category", category, TalentCategories.Labels.Keys, "人才类别");
        if (region is not null && (region.Length != 6 || !region.All(char.IsAsciiDigit))) v.Add("region", "地区应为 6 位行政区划代码");
        v.ThrowIfInvalid();
        var today = ChinaTime.Today(clock);
        var rows = db.Set<TalentPerson>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q)) rows = rows.Where(t => t.Name.Contains(q.Trim()) || t.UnitName.Contains(q.Trim()) || (t.Qualification ?? "").Contains(q.Trim()));
        if (category is not null) rows = rows.Where(t => t.Category == category);
        if (region is not null)
        {
            var prefix = CurrentUser.SignificantPrefix(region);
            rows = rows.Where(t => t.RegionCode == region || t.RegionCode.StartsWith(prefix));
        }
        if (current is { } cur)
            rows = cur ? rows.Where(t => (t.QualifiedOn == null || t.QualifiedOn <= today) && (t.LeftOn == null || t.LeftOn > today))
                : rows.Where(t => !((t.QualifiedOn == null || t.QualifiedOn <= today) && (t.LeftOn == null || t.LeftOn > today)));
        var total = await rows.LongCountAsync(ct);
        var items = await rows.OrderBy(t => t.IsExample).ThenBy(t => t.UnitName).ThenBy(t => t.Name).ThenBy(t => t.Id).Skip(offset).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<TalentRow>(items.Select(t => TalentRules.ToRow(t, reference, today)).ToList(), total));
    }
}
