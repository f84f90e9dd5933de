using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Database;
using Zhichan.Api.Platform.Errors;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Platform.Notifications;

public sealed record NotificationDto(long Id, string Type, string Title, string Body, string? Link, string? Entity, string? EntityId,
    DateTimeOffset CreatedAt, bool Read, DateTimeOffset? ReadAt);
public sealed record NotificationPage(IReadOnlyList<NotificationDto> Items, long Total, long Unread);
public sealed record UnreadCount(long Count);
public sealed record MarkedRead(int Marked);

/// <summary>The caller's notification inbox: list (all or unread), unread count for the header bell, mark one or all read.</summary>
public sealed class NotificationsModule : IFeatureModule
{
    public int Order => 5;

    public void AddServices(IServiceCollection services)
    {
        // the daily clean-up of read notifications and finished recurring-job runs (ADR 0211); every
        // ZHICHAN_RETENTION_INTERVAL_MINUTES (default 1440 = daily; 0 = off), first one interval after start-up
        services.AddSingleton<IJobHandler, NotificationRetentionJob>();
        services.AddSingleton(sp => new RecurringJob(NotificationRetentionJob.JobKind,
            TimeSpan.FromMinutes(sp.GetRequiredService<ZhichanOptions>().RetentionIntervalMinutes)));
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(Policies.SignedIn);
        g.MapGet("/", ListAsync).WithName("ListNotifications").WithSummary("我的站内通知（本人及本单位），可只看未读");
        g.MapGet("/unread-count", UnreadAsync).WithName("GetUnreadNotificationCount").WithSummary("未读通知数（页头铃铛）");
        g.MapPost("/{id:long}/read", MarkReadAsync).WithName("MarkNotificationRead").WithSummary("标记一条通知为已读").ProducesProblem(404);
        g.MapPost("/read-all", MarkAllReadAsync).WithName("MarkAllNotificationsRead").WithSummary("全部标记为已读");
    }

    /// <summary>Notifications addressed to the caller: to the caller personally, or to the caller's org unit (and, when both are set, to both).</summary>
    internal static IQueryable<Notification> Mine(ZhichanDb db, CurrentUser me)
    {
        var uid = me.Id ?? -1;
        var org = me.OrgUnitId ?? -1;
        return db.Set<Notification>().Where(n => (n.UserId == null || n.UserId == uid) && (n.OrgUnitId == null || n.OrgUnitId == org));
    }

    private static IQueryable<Notification> Unread(ZhichanDb db, CurrentUser me)
    {
        var uid = me.Id ?? -1;
        return Mine(db, me).Where(n => !db.Set<NotificationRead>().Any(r => r.NotificationId == n.Id && r.UserId == uid));
    }

    public static async Task<Ok<NotificationPage>> ListAsync(bool? unread, int? page, int? pageSize, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var size = pageSize ?? 20;
        var v = new Validation();
        if (size is < 1 or > 100) v.Add("pageSize", "每页条数应为 1～100");
        if (page is < 1) v.Add("page", "页码从 1 开始");
        v.ThrowIfInvalid();
        var uid = me.Id ?? -1;
        var q = (unread == true ? Unread(db, me) : Mine(db, me)).AsNoTracking();
        var total = await q.LongCountAsync(ct);
        var unreadCount = unread == true ? total : await Unread(db, me).LongCountAsync(ct);
        var rows = await q.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip(((page ?? 1) - 1) * size).Take(size)
            .Select(n => new
            {
                n, ReadAt = db.Set<NotificationRead>().Where(r => r.NotificationId == n.Id && r.UserId == uid).Select(r => (DateTimeOffset?)r.ReadAt).FirstOrDefault(),
            }).ToListAsync(ct);
        var items = rows.Select(x => new NotificationDto(x.n.Id, x.n.Type, x.n.Title, x.n.Body, x.n.Link, x.n.Entity, x.n.EntityId, x.n.CreatedAt,
            x.ReadAt is not null, x.ReadAt)).ToList();
        return TypedResults.Ok(new NotificationPage(items, total, unreadCount));
    }

    public static async Task<Ok<UnreadCount>> UnreadAsync(ZhichanDb db, CurrentUser me, CancellationToken ct) =>
        TypedResults.Ok(new UnreadCount(await Unread(db, me).LongCountAsync(ct)));

    public static async Task<NoContent> MarkReadAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
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

    public static async Task<Ok<MarkedRead>> MarkAllReadAsync(ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var uid = me.Id!.Value;
        var ids = await Unread(db, me).Select(n => n.Id).Take(1000).ToListAsync(ct);
        foreach (var id in ids) db.Set<NotificationRead>().Add(new NotificationRead { NotificationId = id, UserId = uid });
        if (ids.Count > 0) await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new MarkedRead(ids.Count));
    }
}
