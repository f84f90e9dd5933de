using static Zhichan.Api.Platform.Notifications.NotificationQueries;

namespace Zhichan.Api.Platform.Notifications;

/// <summary>Marks one notification read.</summary>
public static class MarkNotificationRead
{
    public static async Task<NoContent> HandleAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        // somebody else's notification answers 404 like an unknown one: ids of other users' notifications are not revealed
        if (!await Mine(db, me).AnyAsync(n => n.Id == id, ct)) throw new DomainException($"通知 {id} 不存在", 404);
        var uid = me.Id!.Value;
        if (!await db.Set<NotificationRead>().AnyAsync(r => r.NotificationId == id && r.UserId == uid, ct))
        {
            db.Set<NotificationRead>().Add(new NotificationRead { NotificationId = id, UserId = uid });
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.NoContent();
    }
}
