using Zhichan.Api.Platform.Notifications;
using static Zhichan.Api.Features.Protection.ProtectionList.ProtectionListEntries;

namespace Zhichan.Api.Features.Protection.ProtectionList;

/// <summary>The protection list of key entities.</summary>
public static class ListProtectionList
{
    public static async Task<Ok<ProtectionListEntry[]>> HandleAsync(ZhichanDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<ProtectionListEntry>().AsNoTracking().OrderBy(p => p.Kind).ThenBy(p => p.Name).ToArrayAsync(ct));
}
