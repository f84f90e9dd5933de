namespace Zhichan.Api.Features.Protection.Calendar;

/// <summary>A deadline in working days from a date.</summary>
public static class AddWorkingDays
{
    /// <summary>The n-th working day after a date (and, with months, the month-based limit), as the deadlines use them.</summary>
    public static async Task<Ok<WorkingDaysResult>> HandleAsync(DateOnly from, int days, int? months, ZhichanDb db, CancellationToken ct)
    {
        if (days is < 0 or > 366) throw new RequestValidationException("days", "工作日数应为 0～366");
        if (months is < 0 or > 24) throw new RequestValidationException("months", "月数应为 0～24");
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var due = cal.AddWorkingDays(from, days);
        return TypedResults.Ok(new WorkingDaysResult(from, days, due, months is { } m ? cal.AddMonths(from, m) : null, cal.WorkingDaysBetween(from, due)));
    }
}
