using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Platform.Notifications;

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
        g.MapGet("/", ListNotifications.HandleAsync).WithName("ListNotifications").WithSummary("我的站内通知（本人及本单位），可只看未读");
        g.MapGet("/unread-count", GetUnreadNotificationCount.HandleAsync).WithName("GetUnreadNotificationCount").WithSummary("未读通知数（页头铃铛）");
        g.MapPost("/{id:long}/read", MarkNotificationRead.HandleAsync).WithName("MarkNotificationRead").WithSummary("标记一条通知为已读").ProducesProblem(404);
        g.MapPost("/read-all", MarkAllNotificationsRead.HandleAsync).WithName("MarkAllNotificationsRead").WithSummary("全部标记为已读");
    }
}
