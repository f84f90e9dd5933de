using Zhichan.Api.Platform.Jobs;
using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>
/// The deadline check of appraisals (ADR 0052): a stage whose working-day limit is near (within ZHICHAN_APPRAISAL_DUE_SOON_DAYS
/// working days) or passed is notified to its handler — or, before acceptance, to the bureau's units — once per stage and due day
/// (dedupe keys), so the recurring job and a manual run never notify twice.
/// </summary>
public static class AppraisalDeadlines
{
    public sealed record DeadlineCheckResult(DateOnly AsOf, int DueSoon, int Overdue);

    public static async Task<DeadlineCheckResult> RunAsync(ZhichanDb db, NpgsqlDataSource data, DateOnly today, int dueSoonDays, CancellationToken ct)
    {
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var open = await db.Set<Appraisal>().AsNoTracking().Where(a => a.StageDueOn != null).ToListAsync(ct);
        long[] bureaus;
        await using (var conn = await data.OpenConnectionAsync(ct))
            bureaus = (await conn.QueryAsync<long>(new CommandDefinition("SELECT id FROM org_units WHERE kind = 'bureau' AND is_active", cancellationToken: ct))).ToArray();
        int soon = 0, late = 0;
        foreach (var a in open)
        {
            var due = a.StageDueOn!.Value;
            var left = cal.WorkingDaysLeft(today, due);
            if (left > dueSoonDays) continue;
            var overdue = left < 0;
            var stage = AppraisalStates.Machine.StateName(a.Status);
            var m = new NotificationMessage(overdue ? "analysis.appraisal.overdue" : "analysis.appraisal.due_soon",
                overdue ? $"评议申请“{a.ProjectName}”{stage}已超期 {-left} 个工作日" : $"评议申请“{a.ProjectName}”{stage}将于 {due:yyyy-MM-dd} 到期",
                $"{stage}期限 {due:yyyy-MM-dd}（{AppraisalStates.TimeLimits.GetValueOrDefault(a.Status)} 个工作日），剩余 {Math.Max(left, 0)} 个工作日",
                $"/analysis/appraisals/{a.Id}", "appraisals", a.Id.ToString(), $"appraisal:{a.Id}:{a.Status}:{due:yyyyMMdd}:{(overdue ? "overdue" : "soon")}");
            var added = false;
            if (a.HandlerId is { } h) added = await Notifier.ToUserAsync(db, h, m, ct);
            else
                foreach (var (unit, i) in bureaus.Select((u, i) => (u, i)))
                    added |= await Notifier.ToUnitAsync(db, unit, i == 0 ? m : m with { DedupeKey = $"{m.DedupeKey}:{unit}" }, ct);
            if (!added) continue;
            if (overdue) late++; else soon++;
        }
        await db.SaveChangesAsync(ct);
        return new(today, soon, late);
    }
}

/// <summary>The recurring job of the deadline check (every ZHICHAN_APPRAISAL_CHECK_MINUTES).</summary>
public sealed class AppraisalDeadlineJob(IServiceScopeFactory scopes, TimeProvider clock, ZhichanOptions options) : IJobHandler
{
    public const string JobKind = "analysis.appraisal-deadlines";
    public string Kind => JobKind;

    public async Task RunAsync(JobContext job, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var r = await AppraisalDeadlines.RunAsync(scope.ServiceProvider.GetRequiredService<ZhichanDb>(), scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>(),
            ChinaTime.Today(clock), options.AppraisalDueSoonDays, ct);
        await job.ReportAsync(1, 1, $"{r.AsOf:yyyy-MM-dd}：即将到期提醒 {r.DueSoon}，超期提醒 {r.Overdue}", ct);
    }
}
