namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

public sealed record InspectionItemRequest(string? Name, string? Kind, string? Basis, string? Content, bool? IsActive);

/// <summary>Adds an inspection item to the list.</summary>
public static class CreateInspectionItem
{
    public static async Task<Created<InspectionItemDto>> HandleAsync(InspectionItemRequest req, ZhichanDb db, CancellationToken ct)
    {
        var i = new InspectionItem();
        await UpdateInspectionItem.ApplyAsync(db, i, req, ct);
        db.Set<InspectionItem>().Add(i);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/registries/inspections/items/{i.Id}", ListInspectionItems.ToDto(i));
    }
}
