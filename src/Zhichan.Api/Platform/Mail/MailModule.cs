using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Platform.Mail;

/// <summary>E-mail (ADR 0046): the outbox, the SMTP sender and its job, and the admin's view of what was sent and what failed.</summary>
public sealed class MailModule : IFeatureModule
{
    public int Order => 6;

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<MailSender>();
        services.AddSingleton<IJobHandler, MailJob>();
        // a pass every ZHICHAN_MAIL_INTERVAL_MINUTES while a server is configured; no job at all without one
        services.AddSingleton(sp =>
        {
            var m = sp.GetRequiredService<ZhichanOptions>().Mail;
            return new RecurringJob(MailJob.JobKind, m.Enabled ? TimeSpan.FromMinutes(m.IntervalMinutes) : TimeSpan.Zero);
        });
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/admin/mail").WithTags("Admin").RequireAuthorization(Policies.Admin);
        g.MapGet("/", ListMailOutbox.HandleAsync).WithName("ListMailOutbox").WithSummary("邮件发送记录：已发送、待重试（含原因）、发送失败");
        g.MapPost("/{id:long}/retry", RetryMail.HandleAsync).WithName("RetryMail").WithSummary("重新发送一封失败或待重试的邮件");
        g.MapPost("/send", SendPendingMail.HandleAsync).WithName("SendPendingMail").WithSummary("立即执行一次邮件发送（排队新通知、发送到期邮件）");
        g.MapPost("/test", SendTestMail.HandleAsync).WithName("SendTestMail").WithSummary("向指定邮箱发送测试邮件，检查邮件服务器设置");
    }
}
