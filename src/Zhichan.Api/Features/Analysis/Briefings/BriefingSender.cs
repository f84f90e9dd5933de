using Zhichan.Api.Platform.Jobs;
using Zhichan.Api.Platform.Mail;
using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Analysis.Briefings;

/// <summary>
/// Produces briefings (ADR 0054): stores each one with its content and e-mail, tells the user in the app, and queues the e-mail
/// (retried and visible to the admin like every outbox message) when the subscription asks for it and the user has an address.
/// A scheduled briefing covers the last complete week or month, once per subscription and period; a scheduled period with
/// nothing in it is kept in the history but neither notified nor mailed.
/// </summary>
public sealed class BriefingSender(BriefingComposer composer, ZhichanOptions options, ILogger<BriefingSender> log)
{
    public const string NotificationType = "analysis.briefing";

    public async Task<Briefing> ProduceAsync(ZhichanDb db, BriefingSubscription s, DateOnly start, DateOnly end, string trigger, CancellationToken ct)
    {
        var content = await composer.ComposeAsync(s, start, end, ct);
        var user = await db.Set<User>().AsNoTracking().FirstAsync(u => u.Id == s.UserId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var b = new Briefing
        {
            SubscriptionId = s.Id, UserId = s.UserId, Title = content.Title, Frequency = s.Frequency, PeriodStart = start, PeriodEnd = end,
            Trigger = trigger, ItemCount = content.ItemCount, Content = content.ToJson(), TextBody = composer.Text(content), HtmlBody = "",
        };
        db.Add(b);
        await db.SaveChangesAsync(ct);
        b.HtmlBody = composer.Html(content, b.Id);
        var deliver = trigger == BriefingTrigger.Manual || content.ItemCount > 0;
        var mail = deliver && s.ByEmail && options.Mail.Enabled && user.IsActive && !string.IsNullOrWhiteSpace(user.Email);
        MailOutboxItem? item = mail
            ? Mailer.Enqueue(db, new MailMessageSpec(user.Email!, user.DisplayName, "briefing", "知识产权简报：" + content.Title, b.TextBody, b.HtmlBody, user.Id), options.Mail)
            : null;
        if (deliver)
            await Notifier.ToUserAsync(db, s.UserId, new NotificationMessage(NotificationType, "新的简报：" + content.Title,
                $"本期共 {content.ItemCount} 项更新：" + string.Join("，", content.Sections.Select(x => $"{x.Name} {x.Total} 项")),
                $"/analysis/briefings/{b.Id}", "briefings", b.Id.ToString(), MailedByModule: mail), ct);
        if (trigger == BriefingTrigger.Scheduled && (s.LastPeriodEnd is null || s.LastPeriodEnd < end))
        {
            s.LastPeriodEnd = end;
            s.UpdatedAt = DateTimeOffset.UtcNow;
        }
        await db.SaveChangesAsync(ct);
        if (item is not null)
        {
            b.MailId = item.Id;
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return b;
    }

    /// <summary>The scheduled pass: every active subscription whose last complete period has not been produced yet.</summary>
    public async Task<(int Produced, int Delivered)> RunScheduledAsync(ZhichanDb db, DateOnly today, CancellationToken ct)
    {
        int produced = 0, delivered = 0;
        var subs = await db.Set<BriefingSubscription>().Where(x => x.Active).OrderBy(x => x.Id).ToListAsync(ct);
        foreach (var s in subs)
        {
            var (start, end) = BriefingPeriods.LastComplete(s.Frequency, today);
            if (s.LastPeriodEnd is { } last && last >= end) continue;
            // a period that ended before the subscription existed is not sent afterwards: the first briefing is the first period it saw end
            if (BriefingPeriods.Instant(end) <= s.CreatedAt)
            {
                s.LastPeriodEnd = end;
                await db.SaveChangesAsync(ct);
                continue;
            }
            try
            {
                var b = await ProduceAsync(db, s, start, end, BriefingTrigger.Scheduled, ct);
                produced++;
                if (b.ItemCount > 0) delivered++;
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // another instance produced this period first
                db.ChangeTracker.Clear();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Briefing of subscription {Id} for {Start}–{End} failed", s.Id, start, end);
                db.ChangeTracker.Clear();
            }
        }
        return (produced, delivered);
    }
}

/// <summary>The scheduled briefings as a recurring job (ZHICHAN_BRIEFING_CHECK_MINUTES): each run produces the periods that have ended.</summary>
public sealed class BriefingJob(IServiceScopeFactory scopes, BriefingSender sender, TimeProvider clock) : IJobHandler
{
    public const string JobKind = "analysis.briefings.send";
    public string Kind => JobKind;

    public async Task RunAsync(JobContext job, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var (produced, delivered) = await sender.RunScheduledAsync(scope.ServiceProvider.GetRequiredService<ZhichanDb>(), ChinaTime.Today(clock), ct);
        await job.ReportAsync(1, 1, $"生成简报 {produced} 期，其中 {delivered} 期有更新并已推送", ct);
    }
}
