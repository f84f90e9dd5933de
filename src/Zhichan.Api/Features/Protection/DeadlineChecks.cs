using Zhichan.Api.Features.Protection.Cases;
using Zhichan.Api.Features.Protection.Credit;
using Zhichan.Api.Platform.Jobs;
using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Protection;

public sealed record DeadlineCheckResult(DateOnly AsOf, int Expired, int DueSoon, int Overdue, int LateReferrals);

public sealed record QueuedJob(long JobId, string Kind);

/// <summary>
/// The periodic protection check (ADR 0206), run as a job from the jobs table (<see cref="DeadlineCheckJob"/>, queued hourly by
/// <see cref="RecurringJobScheduler"/> and on demand by the bureau): moves expired credit listings off the list, and raises
/// 临期 / 超期 alerts for cases and late-reply alerts for referrals — a notification to the unit concerned and an entry on the
/// case's timeline, in one transaction. Idempotent: every alert has a dedupe key per case, deadline kind and due date, and the
/// run holds a transaction-level advisory lock, so two runs (two instances, or a scheduled and a manual one) never both raise it.
/// </summary>
public static class DeadlineChecks
{
    public static async Task<DeadlineCheckResult> RunAsync(ZhichanDb db, DateOnly today, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync(AdvisoryLocks.XactLock(AdvisoryLocks.ProtectionDeadlineCheck), ct);

        var expired = await CreditListings.ExpireAsync(db, today, ct);
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var bureau = await ProtectionAlerts.BureauAsync(db, ct);

        // cases: one alert per case, deadline and due date (a new due date after an extension can alert again)
        var open = CaseStatus.Open;
        var cases = await db.Set<Complaint>().Where(c => open.Contains(c.Status)).ToListAsync(ct);
        var alerts = new List<(Complaint Case, Countdown Cd, string Key)>();
        foreach (var c in cases)
        {
            if (CaseQueries.CurrentCountdown(c, cal, today) is not { } cd || !(cd.Overdue || cd.DueSoon)) continue;
            alerts.Add((c, cd, $"protection:{(cd.Overdue ? "overdue" : "due_soon")}:{c.Id}:{cd.Kind}:{cd.Due:yyyyMMdd}"));
        }
        var referrals = await db.Set<Referral>().Where(r => r.RepliedOn == null && r.ReplyDue < today).ToListAsync(ct);
        var keys = alerts.Select(a => a.Key).Concat(referrals.Select(r => $"protection:referral_late:{r.Id}")).ToList();
        var done = await Notifier.ExistingKeysAsync(db, keys, ct);

        int dueSoon = 0, overdue = 0, late = 0;
        foreach (var (c, cd, key) in alerts.Where(a => !done.Contains(a.Key)))
        {
            var what = cd.Kind == "accept" ? "受理" : "办结";
            string title, note;
            if (cd.Overdue)
            {
                overdue++;
                title = $"超期：{c.ReceiptNumber} 已超过{what}期限";
                note = $"超过{what}期限（{cd.Due:yyyy-MM-dd}）{-cd.WorkingDaysLeft} 个工作日仍未{(cd.Kind == "accept" ? "受理" : "办结")}";
                c.OverdueAlertedAt ??= DateTimeOffset.UtcNow;
            }
            else
            {
                dueSoon++;
                title = $"临期：{c.ReceiptNumber} {what}期限 {cd.Due:yyyy-MM-dd}";
                note = cd.WorkingDaysLeft == 0 ? $"{what}期限今日届满（{cd.Due:yyyy-MM-dd}）" : $"距{what}期限（{cd.Due:yyyy-MM-dd}）还剩 {cd.WorkingDaysLeft} 个工作日";
            }
            if ((c.HandlingUnitId ?? bureau) is { } unit)
                await Notifier.ToUnitAsync(db, unit, new NotificationMessage(cd.Overdue ? ProtectionAlerts.OverdueType : ProtectionAlerts.DueSoonType, title,
                    $"{ComplaintTypes.Labels[c.Type]}：{c.RespondentName}。{note}。", ProtectionAlerts.CaseLink(c.Id), "complaints", c.Id.ToString(), key), ct);
            db.Set<ComplaintEvent>().Add(new ComplaintEvent
            {
                ComplaintId = c.Id, ActorName = "system", Action = cd.Overdue ? "overdue_alert" : "due_soon_alert", Note = note,
            });
        }

        if (referrals.Count > 0)
        {
            var units = await CaseQueries.UnitNamesAsync(db, ct);
            var ids = referrals.Select(r => r.ComplaintId).Distinct().ToArray();
            var receipts = await db.Set<Complaint>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.ReceiptNumber, ct);
            foreach (var r in referrals.Where(r => !done.Contains($"protection:referral_late:{r.Id}")))
            {
                late++;
                var to = units.GetValueOrDefault(r.ToUnitId, "接收单位");
                var note = $"移送{to}的回复期限（{r.ReplyDue:yyyy-MM-dd}）已过，尚未回复";
                if (bureau is { } b)
                    await Notifier.ToUnitAsync(db, b, new NotificationMessage(ProtectionAlerts.ReferralLateType, $"移送超期未回复：{receipts[r.ComplaintId]}",
                        note + "，请督促。", ProtectionAlerts.CaseLink(r.ComplaintId), "complaint_referrals", r.Id.ToString(), $"protection:referral_late:{r.Id}"), ct);
                await Notifier.ToUnitAsync(db, r.ToUnitId, new NotificationMessage(ProtectionAlerts.ReferralReminderType, $"请回复移送案件 {receipts[r.ComplaintId]}",
                    $"回复期限为 {r.ReplyDue:yyyy-MM-dd}，已逾期，请尽快回复办理结果。", ProtectionAlerts.CaseLink(r.ComplaintId), "complaint_referrals", r.Id.ToString(),
                    $"protection:referral_reminder:{r.Id}"), ct);
                db.Set<ComplaintEvent>().Add(new ComplaintEvent { ComplaintId = r.ComplaintId, ActorName = "system", Action = "referral_overdue", Note = note });
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new DeadlineCheckResult(today, expired, dueSoon, overdue, late);
    }
}

/// <summary>The deadline check as a job of the jobs table (claimed with SKIP LOCKED by one runner; see ADR 0206).</summary>
public sealed class DeadlineCheckJob(IServiceScopeFactory scopes, ProtectionClock clock) : IJobHandler
{
    public const string JobKind = "protection.deadline-check";
    public string Kind => JobKind;

    public async Task RunAsync(JobContext job, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhichanDb>();
        var r = await DeadlineChecks.RunAsync(db, Deadlines.Today(clock), ct);
        await job.ReportAsync(1, 1, $"{r.AsOf:yyyy-MM-dd}：期满移出 {r.Expired}，临期提醒 {r.DueSoon}，超期提醒 {r.Overdue}，移送超期 {r.LateReferrals}", ct);
    }
}
