namespace Zhichan.Api.Features.Protection.Calendar;

/// <summary>Holidays and adjusted working days.</summary>
public static class ListWorkdayCalendar
{
    public static async Task<Ok<CalendarDayDto[]>> HandleAsync(int? year, ZhichanDb db, CancellationToken ct)
    {
        var q = db.Set<CalendarDay>().AsNoTracking();
        if (year is < 2000 or > 2100) throw new Platform.Errors.RequestValidationException("year", "年份应在 2000 至 2100 之间");
        if (year is { } y) { var a = new DateOnly(y, 1, 1); var b = new DateOnly(y, 12, 31); q = q.Where(d => d.Day >= a && d.Day <= b); }
        return TypedResults.Ok(await q.OrderBy(d => d.Day).Select(d => new CalendarDayDto(d.Day, d.Kind, d.Name, d.Source)).ToArrayAsync(ct));
    }
}
