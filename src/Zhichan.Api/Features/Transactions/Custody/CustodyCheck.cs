using Zhichan.Api.Platform.Workflow;
using Zhichan.Api.Features.Transactions.Rights;
using Zhichan.Api.Platform.Jobs;
using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Transactions.Custody;

public sealed record CustodyCheckResult(DateOnly AsOf, int Reminders, int Lapses, int ExpiredContracts);

/// <summary>
/// The daily custody check (ADR 0038): live contracts whose term ended become 到期; every tracked item whose grace period
/// passed unpaid records the right as lapsed (once per right) with an event on each contract holding it and a notification;
/// and reminders go out 90, 30 and 7 days before each due date to the enterprise and its custody agency (or the watching
/// unit) — one per unit, item and threshold, by the notifications' dedupe key, under a transaction-level advisory lock so
/// that two runs never both send.
/// </summary>
public static class CustodyCheck
{
    public static readonly int[] Thresholds = [7, 30, 90];
    public const string ReminderType = "custody_reminder", LapseType = "custody_lapse";

    public static async Task<CustodyCheckResult> RunAsync(ZhichanDb db, NpgsqlDataSource data, DateOnly today, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync(AdvisoryLocks.XactLock(AdvisoryLocks.CustodyCheck), ct);
        var system = CurrentUser.System;

        var ended = await db.Set<CustodyContract>().Where(c => c.Status == CustodyStates.Active && c.EndDate < today).ToListAsync(ct);
        foreach (var c in ended)
        {
            var t = CustodyStates.Machine.Find("expire", c.Status, [CustodyStates.System]);
            c.Status = t.To!;
            c.UpdatedAt = DateTimeOffset.UtcNow;
            db.Add(new CustodyEvent { ContractId = c.Id }.Of<CustodyEvent>(t, CustodyStates.Active, system, $"托管期限 {c.EndDate:yyyy-MM-dd} 届满"));
        }
        await db.SaveChangesAsync(ct);

        var tracked = await CustodyTracking.ForAsync(db, data, system, ct);
        var (items, _) = await RenewalCalendar.ItemsAsync(db, data, tracked, today, ct);
        var byRight = tracked.ToDictionary(t => (t.Kind, t.Number));

        var lapses = 0;
        var recorded = (await db.Set<CustodyLapse>().AsNoTracking().Select(l => new { l.Kind, l.Number }).ToListAsync(ct)).Select(l => (l.Kind, l.Number)).ToHashSet();
        foreach (var i in items.Where(i => i.Status == RenewalItems.Lapsed && !recorded.Contains((i.Kind, i.Number))))
        {
            var t = byRight[(i.Kind, i.Number)];
            recorded.Add((i.Kind, i.Number));
            lapses++;
            db.Add(new CustodyLapse { Kind = i.Kind, Number = i.Number, RecordId = i.RecordId, ItemKind = i.ItemKind, Period = i.Period, DueDate = i.DueDate, GraceEnd = i.GraceEnd!.Value });
            var what = $"{i.KindName} {i.Number}{(i.Title is null ? "" : "（" + i.Title + "）")}";
            var note = $"{i.ItemKindName}{i.PeriodText}应于 {i.DueDate:yyyy-MM-dd} 缴纳，宽限期至 {i.GraceEnd:yyyy-MM-dd} 仍未登记缴费，按规定权利自应缴之日起失效";
            foreach (var c in await db.Set<CustodyContract>().Where(c => t.ContractIds.Contains(c.Id)).ToListAsync(ct))
                db.Add(CustodyAccess.Event(c, system, "lapse", null, null, $"{what}：{note}"));
            foreach (var unit in t.Units)
                await Notifier.ToUnitAsync(db, unit, new NotificationMessage(LapseType, $"权利失效：{i.KindName} {i.Number}", $"{what}：{note}。", Link(t),
                    "custody_lapses", $"{i.Kind}:{i.Number}", $"custody:lapse:{unit}:{i.Kind}:{i.Number}"), ct);
        }

        var reminders = 0;
        var due = items.Where(i => i.Status is RenewalItems.Pending or RenewalItems.Upcoming && i.DaysLeft >= 0 && i.DaysLeft <= Thresholds[^1]).ToList();
        var wanted = new List<(CalendarItem Item, TrackedRight Right, long Unit, int Threshold, string Key)>();
        foreach (var i in due)
        {
            var threshold = Thresholds.First(x => i.DaysLeft <= x);
            var t = byRight[(i.Kind, i.Number)];
            foreach (var unit in t.Units)
                wanted.Add((i, t, unit, threshold, $"custody:remind:{unit}:{i.Kind}:{i.Number}:{i.ItemKind}:{i.Period}:{threshold}"));
        }
        var sent = await Notifier.ExistingKeysAsync(db, wanted.Select(w => w.Key).ToList(), ct);
        foreach (var (i, t, unit, threshold, key) in wanted.Where(w => !sent.Contains(w.Key)))
        {
            var amount = i.Amount is { } a ? $"，应缴 {a:0.##} 元" : "";
            var grace = i.ItemKind == RenewalItems.Expiry ? "" : $"；逾期可在宽限期（至 {i.GraceEnd:yyyy-MM-dd}）内补缴并缴纳滞纳金";
            if (await Notifier.ToUnitAsync(db, unit, new NotificationMessage(ReminderType,
                    $"{threshold} 天内到期：{i.KindName} {i.Number} {i.ItemKindName}{(i.PeriodText.Length > 0 ? "（" + i.PeriodText + "）" : "")}",
                    $"{i.Title ?? i.Number}：{i.ItemKindName}{i.PeriodText}到期日 {i.DueDate:yyyy-MM-dd}，还剩 {i.DaysLeft} 天{amount}{grace}。", Link(t),
                    "custody_payments", $"{i.Kind}:{i.Number}:{i.ItemKind}:{i.Period}", key), ct))
                reminders++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CustodyCheckResult(today, reminders, lapses, ended.Count);
    }

    private static string Link(TrackedRight t) => t.ContractIds.Count > 0 ? $"/transactions/custody/contracts/{t.ContractIds[0]}" : "/transactions/custody/calendar";
}

/// <summary>The daily check as a job of the jobs table (queued by <see cref="RecurringJobScheduler"/>, claimed by one runner).</summary>
public sealed class CustodyCheckJob(IServiceScopeFactory scopes, TimeProvider clock) : IJobHandler
{
    public const string JobKind = "custody.daily-check";
    public string Kind => JobKind;

    public async Task RunAsync(JobContext job, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var r = await CustodyCheck.RunAsync(scope.ServiceProvider.GetRequiredService<ZhichanDb>(), scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>(),
            ChinaTime.Today(clock), ct);
        await job.ReportAsync(1, 1, $"{r.AsOf:yyyy-MM-dd}：到期提醒 {r.Reminders}，记录失效 {r.Lapses}，合同到期 {r.ExpiredContracts}", ct);
    }
}
