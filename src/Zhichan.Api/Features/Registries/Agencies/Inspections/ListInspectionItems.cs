namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

public sealed record InspectionItemDto(long Id, string Name, string Kind, string KindLabel, string Basis, string Content, bool IsActive);

/// <summary>The one list of inspection items (重点/一般).</summary>
public static class ListInspectionItems
{
    public static async Task<Ok<InspectionItemDto[]>> HandleAsync(ZhichanDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<InspectionItem>().AsNoTracking().OrderBy(i => i.Kind).ThenBy(i => i.Id).ToListAsync(ct)).Select(ToDto).ToArray());

    public static InspectionItemDto ToDto(InspectionItem i) => new(i.Id, i.Name, i.Kind, DrawViews.ItemKinds[i.Kind], i.Basis, i.Content, i.IsActive);
}
