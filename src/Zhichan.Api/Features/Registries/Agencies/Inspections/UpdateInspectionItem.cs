namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

/// <summary>Edits an inspection item or takes it out of use (items drawn before stay on their draws).</summary>
public static class UpdateInspectionItem
{
    public static async Task<Ok<InspectionItemDto>> HandleAsync(long id, InspectionItemRequest req, ZhichanDb db, CancellationToken ct)
    {
        var i = await db.Set<InspectionItem>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"检查事项 {id} 不存在", 404);
        await ApplyAsync(db, i, req, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ListInspectionItems.ToDto(i));
    }

    internal static async Task ApplyAsync(ZhichanDb db, InspectionItem i, InspectionItemRequest req, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("name", req.Name, "检查事项名称").MaxLength("name", req.Name, 200, "检查事项名称").Required("kind", req.Kind, "事项类别")
            .OneOf("kind", req.Kind, DrawViews.ItemKinds.Keys, "事项类别").MaxLength("basis", req.Basis, 2000, "检查依据").MaxLength("content", req.Content, 2000, "检查内容");
        var name = req.Name?.Trim();
        if (name is not null && await db.Set<InspectionItem>().AnyAsync(x => x.Name == name && x.Id != i.Id, ct)) v.Add("name", "已有同名的检查事项");
        v.ThrowIfInvalid();
        (i.Name, i.Kind, i.Basis, i.Content, i.IsActive) = (name!, req.Kind!, req.Basis?.Trim() ?? "", req.Content?.Trim() ?? "", req.IsActive ?? true);
    }
}
