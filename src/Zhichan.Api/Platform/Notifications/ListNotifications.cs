using static Zhichan.Api.Platform.Notifications.NotificationQueries;

namespace Zhichan.Api.Platform.Notifications;

/// <summary>The caller's notifications (personal and of its unit), optionally unread only.</summary>
public static class ListNotifications
{
    public static async Task<Ok<NotificationPage>> HandleAsync(bool? unread, int? page, int? pageSize, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 100);
        var uid = me.Id ?? -1;
        var q = (unread == true ? Unread(db, me) : Mine(db, me)).AsNoTracking();
        var total = await q.LongCountAsync(ct);
        var unreadCount = unread == true ? total : await Unread(db, me).LongCountAsync(ct);
        var rows = await q.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip(offset).Take(size)
            .Select(n => new
            {
                n, ReadAt = db.Set<NotificationRead>().Where(r => r.NotificationId == n.Id && r.UserId == uid).Select(r => (DateTimeOffset?)r.ReadAt).FirstOrDefault(),
            }).ToListAsync(ct);
        var items = rows.Select(x => new NotificationDto(x.n.Id, x.n.Type, x.n.Title, x.n.Body, x.n.Link, x.n.Entity, x.n.EntityId, x.n.CreatedAt,
            x.ReadAt is not null, x.ReadAt)).ToList();
        return TypedResults.Ok(new NotificationPage(items, total, unreadCount));
    }
}
