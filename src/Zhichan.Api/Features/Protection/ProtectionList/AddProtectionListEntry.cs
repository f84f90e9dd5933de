using Zhichan.Api.Platform.Notifications;
using static Zhichan.Api.Features.Protection.ProtectionList.ProtectionListEntries;

namespace Zhichan.Api.Features.Protection.ProtectionList;

public sealed record ProtectionListRequest(string? Kind, string? Name, string? CreditCode, string? ApplicationNumber, string? Industry, string? RegionCode, string? Note, bool? IsActive);

/// <summary>Adds an entry to the protection list.</summary>
public static class AddProtectionListEntry
{
    public static async Task<Created<ProtectionListEntry>> HandleAsync(ProtectionListRequest req, ZhichanDb db, CancellationToken ct)
    {
        Validate(req);
        var e = new ProtectionListEntry
        {
            Kind = req.Kind!, Name = req.Name!.Trim(), CreditCode = req.CreditCode?.Trim(), ApplicationNumber = Canonical(req.ApplicationNumber),
            Industry = req.Industry?.Trim(), RegionCode = req.RegionCode?.Trim(), Note = req.Note?.Trim(), IsActive = req.IsActive ?? true,
        };
        db.Set<ProtectionListEntry>().Add(e);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/protection/protection-list/{e.Id}", e);
    }
}
