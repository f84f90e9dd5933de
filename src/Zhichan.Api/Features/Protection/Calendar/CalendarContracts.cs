namespace Zhichan.Api.Features.Protection.Calendar;

public sealed record CalendarDayDto(DateOnly Day, string Kind, string Name, string Source);

public sealed record CalendarDayRequest(string? Kind, string? Name, string? Source);

public sealed record WorkingDaysResult(DateOnly From, int Days, DateOnly Due, DateOnly? MonthsDue, int WorkingDaysBetweenFromAndDue);
