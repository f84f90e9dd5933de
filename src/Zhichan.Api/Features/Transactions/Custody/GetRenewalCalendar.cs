namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>The caller's renewal calendar: items filtered by window (30/90 days, overdue, grace), status, kind or month, with dues per month.</summary>
public static class GetRenewalCalendar
{
    public static async Task<Ok<RenewalCalendarView>> HandleAsync(string? window, string? status, string? month, string? itemKind, ZhichanDb db, NpgsqlDataSource data,
        CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var filter = new CalendarFilter(window, status, month, itemKind);
        filter.Validate();
        return TypedResults.Ok(await RenewalCalendar.BuildAsync(db, data, me, ChinaTime.Today(clock), filter, ct));
    }
}
