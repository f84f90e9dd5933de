namespace Zhichan.Api.Features.Protection.Calendar;

/// <summary>Removes a holiday or adjusted working day.</summary>
public static class DeleteCalendarDay
{
    public static async Task<NoContent> HandleAsync(DateOnly day, ZhichanDb db, CancellationToken ct)
    {
        var d = await db.Set<CalendarDay>().FirstOrDefaultAsync(x => x.Day == day, ct) ?? throw new DomainException($"{day:yyyy-MM-dd} 不在节假日表中", 404);
        db.Remove(d);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
