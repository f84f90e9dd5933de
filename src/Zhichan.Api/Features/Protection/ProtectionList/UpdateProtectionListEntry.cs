using static Zhichan.Api.Features.Protection.ProtectionList.ProtectionListEntries;

namespace Zhichan.Api.Features.Protection.ProtectionList;

/// <summary>Edits an entry of the protection list.</summary>
public static class UpdateProtectionListEntry
{
    public static async Task<Ok<ProtectionListEntry>> HandleAsync(long id, ProtectionListRequest req, ZhichanDb db, CancellationToken ct)
    {
        Validate(req);
        var e = await db.Set<ProtectionListEntry>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"名录条目 {id} 不存在", 404);
        e.Kind = req.Kind!; e.Name = req.Name!.Trim(); e.CreditCode = req.CreditCode?.Trim(); e.ApplicationNumber = Canonical(req.ApplicationNumber);
        e.Industry = req.Industry?.Trim(); e.RegionCode = req.RegionCode?.Trim(); e.Note = req.Note?.Trim(); e.IsActive = req.IsActive ?? e.IsActive;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(e);
    }
}
