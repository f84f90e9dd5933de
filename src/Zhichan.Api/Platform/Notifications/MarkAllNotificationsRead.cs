using Zhichan.Api.Platform.Jobs;
using static Zhichan.Api.Platform.Notifications.NotificationQueries;

namespace Zhichan.Api.Platform.Notifications;

/// <summary>Marks every notification of the caller read.</summary>
public static class MarkAllNotificationsRead
{
    public static async Task<Ok<MarkedRead>> HandleAsync(ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var uid = me.Id!.Value;
        var ids = await Unread(db, me).Select(n => n.Id).Take(1000).ToListAsync(ct);
        foreach (var id in ids) db.Set<NotificationRead>().Add(new NotificationRead { NotificationId = id, UserId = uid });
        if (ids.Count > 0) await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new MarkedRead(ids.Count));
    }
}
