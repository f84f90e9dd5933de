namespace Zhichan.Api.Features.Protection.Calendar;

/// <summary>Sets a holiday or an adjusted working day.</summary>
public static class SetCalendarDay
{
    public static async Task<Ok<CalendarDayDto>> HandleAsync(DateOnly day, CalendarDayRequest req, ZhichanDb db, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("kind", req.Kind, "类别").OneOf("kind", req.Kind, ["holiday", "workday"], "类别").Required("name", req.Name, "名称");
        if (req.Kind == "workday" && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) v.Add("kind", $"{day:yyyy-MM-dd} 是工作日，无需设为调休上班");
        v.ThrowIfInvalid();
        var d = await db.Set<CalendarDay>().FirstOrDefaultAsync(x => x.Day == day, ct);
        if (d is null) db.Set<CalendarDay>().Add(d = new CalendarDay { Day = day });
        d.Kind = req.Kind!; d.Name = req.Name!.Trim(); d.Source = req.Source?.Trim() ?? "管理员维护";
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new CalendarDayDto(d.Day, d.Kind, d.Name, d.Source));
    }
}
