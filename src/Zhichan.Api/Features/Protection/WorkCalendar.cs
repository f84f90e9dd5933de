namespace Zhichan.Api.Features.Protection;

/// <summary>
/// Working days on the official calendar (ADR 0200): Monday–Friday are working days, except the holidays of
/// ref_workday_calendar; weekend days listed there as 'workday' (调休上班) are working days.
/// </summary>
public sealed class WorkCalendar(IReadOnlyDictionary<DateOnly, string> exceptions)
{
    public bool IsWorkingDay(DateOnly d) =>
        exceptions.TryGetValue(d, out var kind) ? kind == "workday" : d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The n-th working day after <paramref name="start"/> (the start day itself is not counted, 期间开始之日不计算在内).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int n)
    {
        var d = start;
        var left = n;
        while (left > 0) { d = d.AddDays(1); if (IsWorkingDay(d)) left--; }
        return d;
    }

    /// <summary>The first working day on or after d: a period whose last day is a holiday ends on the next working day.</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly d)
    {
        while (!IsWorkingDay(d)) d = d.AddDays(1);
        return d;
    }

    /// <summary>A period of calendar months from start (立案之日起三个月), moved to the next working day if it ends on a day off.</summary>
    public DateOnly AddMonths(DateOnly start, int months) => OnOrNextWorkingDay(start.AddMonths(months));

    /// <summary>Working days from today until due: positive = days left (due day counted), 0 = due today, negative = working days overdue.</summary>
    public int WorkingDaysLeft(DateOnly today, DateOnly due)
    {
        if (today == due) return 0;
        var n = 0;
        if (today < due) { for (var d = today.AddDays(1); d <= due; d = d.AddDays(1)) if (IsWorkingDay(d)) n++; return n; }
        for (var d = due.AddDays(1); d <= today; d = d.AddDays(1)) if (IsWorkingDay(d)) n--;
        return n;
    }

    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var n = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1)) if (IsWorkingDay(d)) n++;
        return n;
    }
}

/// <summary>Loads the calendar from the database (cheap: a few dozen rows); reloaded on every use so admin edits apply at once.</summary>
public static class WorkCalendarLoader
{
    public static async Task<WorkCalendar> LoadAsync(ZhichanDb db, CancellationToken ct) =>
        new(await db.Set<CalendarDay>().AsNoTracking().ToDictionaryAsync(d => d.Day, d => d.Kind, ct));
}

/// <summary>
/// The protection module's clock: "today" for deadlines, countdowns and the periodic check. Its own type so that a test can
/// move protection's calendar date (across a weekend or a holiday) without moving the clock of sign-in cookies and keys.
/// </summary>
public sealed class ProtectionClock(TimeProvider inner) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
}

/// <summary>
/// Legal time limits (ADR 0201). Acceptance: 5 working days after receipt (专利纠纷行政裁决和调解办法, 市场监管投诉举报处理规定).
/// Patent infringement disputes: decided within 3 months of filing (立案), extendable once by at most 1 month with the
/// head's approval (专利行政执法办法 第二十一条). Administrative penalty cases (假冒专利, trademark, …): 90 days from filing,
/// extendable once by 30 days (市场监督管理行政处罚程序规定). Referrals: the receiving unit replies within 10 working days.
/// </summary>
public static class Deadlines
{
    public const int AcceptWorkingDays = 5, ReferralReplyWorkingDays = 10, DueSoonWorkingDays = 3;

    public static DateOnly AcceptDue(WorkCalendar cal, DateOnly received) => cal.AddWorkingDays(received, AcceptWorkingDays);

    public static DateOnly DecisionDue(WorkCalendar cal, string type, DateOnly filed) =>
        type == ComplaintTypes.PatentDispute ? cal.AddMonths(filed, 3) : cal.OnOrNextWorkingDay(filed.AddDays(90));

    public static DateOnly Extend(WorkCalendar cal, string type, DateOnly due) =>
        type == ComplaintTypes.PatentDispute ? cal.OnOrNextWorkingDay(due.AddMonths(1)) : cal.OnOrNextWorkingDay(due.AddDays(30));

    public static DateOnly Today(TimeProvider clock) => Platform.ChinaTime.Today(clock);

    public static TimeZoneInfo ChinaTime => Platform.ChinaTime.Zone;
}
