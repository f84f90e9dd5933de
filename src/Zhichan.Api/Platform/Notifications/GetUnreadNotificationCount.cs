using Zhichan.Api.Platform.Jobs;
using static Zhichan.Api.Platform.Notifications.NotificationQueries;

namespace Zhichan.Api.Platform.Notifications;

/// <summary>The unread count for the header bell.</summary>
public static class GetUnreadNotificationCount
{
    public static async Task<Ok<UnreadCount>> HandleAsync(ZhichanDb db, CurrentUser me, CancellationToken ct) =>
        TypedResults.Ok(new UnreadCount(await Unread(db, me).LongCountAsync(ct)));
}
