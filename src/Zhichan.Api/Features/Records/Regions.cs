namespace Zhichan.Api.Features.Records;

public sealed record RegionDto(string Code, string Name, string Level, bool HasChildren, bool IsDevelopmentZone);

/// <summary>The official divisions for pickers: provinces, or the children of a region.</summary>
public static class Regions
{
    public static Ok<List<RegionDto>> Handle(string? parent, RecordsReference reference)
    {
        var g = reference.Gazetteer;
        if (g is null) return TypedResults.Ok(new List<RegionDto>());
        var list = (parent is null
                ? g.Regions.Where(r => r.ParentCode is null)
                : g.ChildrenOf(parent))
            .Select(r => new RegionDto(r.Code, r.Name, r.Level.ToString().ToLowerInvariant(), g.ChildrenOf(r.Code).Any(), r.IsDevelopmentZone))
            .OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(list);
    }
}
