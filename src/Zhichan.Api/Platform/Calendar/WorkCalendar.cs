using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Platform.Calendar;

/// <summary>
/// Working days on the official calendar (ADR 0200; shared by the legal time limits of protection and transactions): Monday–Friday are working days, except the holidays of
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

/// <summary>One exception of the calendar (ref_workday_calendar): a holiday, or a weekend day worked (调休上班), with its source.</summary>
public sealed class CalendarDay
{
    public DateOnly Day { get; set; }
    public string Kind { get; set; } = "holiday";
    public string Name { get; set; } = "";
    public string Source { get; set; } = "";
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b) { b.ToTable("ref_workday_calendar"); b.HasKey(d => d.Day); }
}
