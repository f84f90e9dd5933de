using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Platform.Notifications;

public sealed record NotificationDto(long Id, string Type, string Title, string Body, string? Link, string? Entity, string? EntityId,
    DateTimeOffset CreatedAt, bool Read, DateTimeOffset? ReadAt);

public sealed record NotificationPage(IReadOnlyList<NotificationDto> Items, long Total, long Unread);

public sealed record UnreadCount(long Count);

public sealed record MarkedRead(int Marked);

/// <summary>The notifications addressed to a caller, and those still unread.</summary>
public static class NotificationQueries
{
    /// <summary>Notifications addressed to the caller: to the caller personally, or to the caller's org unit (and, when both are set, to both).</summary>
    internal static IQueryable<Notification> Mine(ZhichanDb db, CurrentUser me)
    {
        var uid = me.Id ?? -1;
        var org = me.OrgUnitId ?? -1;
        return db.Set<Notification>().Where(n => (n.UserId == null || n.UserId == uid) && (n.OrgUnitId == null || n.OrgUnitId == org));
    }

    internal static IQueryable<Notification> Unread(ZhichanDb db, CurrentUser me)
    {
        var uid = me.Id ?? -1;
        return Mine(db, me).Where(n => !db.Set<NotificationRead>().Any(r => r.NotificationId == n.Id && r.UserId == uid));
    }
}
