using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Database;
using Zhichan.Api.Platform.Errors;

namespace Zhichan.Api.Features.Protection;

public sealed record CalendarDayDto(DateOnly Day, string Kind, string Name, string Source);
public sealed record CalendarDayRequest(string? Kind, string? Name, string? Source);
public sealed record WorkingDaysResult(DateOnly From, int Days, DateOnly Due, DateOnly? MonthsDue, int WorkingDaysBetweenFromAndDue);

public sealed record ProtectionStatsDto(int? Year, string? Region, int Received, int Accepted, int Closed, int Rejected, int Open, int Overdue,
    double? ClosureRate, double? AverageHandlingDays, double? FastTrackShare, int Surveys, double? AverageSatisfaction, double? SatisfactionRate,
    Dictionary<string, int> ByType);

public static class CalendarEndpoints
{
    public static async Task<Ok<CalendarDayDto[]>> ListAsync(int? year, ZhichanDb db, CancellationToken ct)
    {
        var q = db.Set<CalendarDay>().AsNoTracking();
        if (year is { } y) { var a = new DateOnly(y, 1, 1); var b = new DateOnly(y, 12, 31); q = q.Where(d => d.Day >= a && d.Day <= b); }
        return TypedResults.Ok(await q.OrderBy(d => d.Day).Select(d => new CalendarDayDto(d.Day, d.Kind, d.Name, d.Source)).ToArrayAsync(ct));
    }

    public static async Task<Ok<CalendarDayDto>> PutAsync(DateOnly day, CalendarDayRequest req, ZhichanDb db, CancellationToken ct)
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

    public static async Task<NoContent> DeleteAsync(DateOnly day, ZhichanDb db, CancellationToken ct)
    {
        var d = await db.Set<CalendarDay>().FirstOrDefaultAsync(x => x.Day == day, ct) ?? throw new DomainException($"{day:yyyy-MM-dd} 不在节假日表中", 404);
        db.Remove(d);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The n-th working day after a date (and, with months, the month-based limit), as the deadlines use them.</summary>
    public static async Task<Ok<WorkingDaysResult>> AddAsync(DateOnly from, int days, int? months, ZhichanDb db, CancellationToken ct)
    {
        if (days is < 0 or > 366) throw new RequestValidationException("days", "工作日数应为 0～366");
        if (months is < 0 or > 24) throw new RequestValidationException("months", "月数应为 0～24");
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var due = cal.AddWorkingDays(from, days);
        return TypedResults.Ok(new WorkingDaysResult(from, days, due, months is { } m ? cal.AddMonths(from, m) : null, cal.WorkingDaysBetween(from, due)));
    }
}

/// <summary>
/// Indicators for the indicators module (ADR 0201): by year of receipt and region. 结案率 = closed / accepted;
/// average handling days = calendar days from receipt to closure; satisfaction rate = surveys with 4 or 5 points / surveys.
/// </summary>
public static class ProtectionStats
{
    public static async Task<ProtectionStatsDto> ComputeAsync(ZhichanDb db, int? year, string? region, ProtectionClock clock, CancellationToken ct)
    {
        var q = db.Set<Complaint>().AsNoTracking().Where(c => c.MergedIntoId == null);
        if (year is { } y) { var a = new DateOnly(y, 1, 1); var b = new DateOnly(y, 12, 31); q = q.Where(c => c.ReceivedOn >= a && c.ReceivedOn <= b); }
        if (!string.IsNullOrWhiteSpace(region)) { var p = CurrentUser.SignificantPrefix(region.PadRight(6, '0')); q = q.Where(c => c.RegionCode != null && c.RegionCode.StartsWith(p)); }
        var rows = await q.Select(c => new { c.Status, c.Type, c.AcceptedOn, c.ClosedOn, c.ReceivedOn, c.FastTrack, c.Satisfaction, c.AcceptDue, c.DecisionDue }).ToListAsync(ct);
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var today = Deadlines.Today(clock);
        var accepted = rows.Count(r => r.AcceptedOn is not null);
        var closed = rows.Where(r => r.Status == CaseStatus.Closed && r.ClosedOn is not null).ToList();
        var surveys = rows.Where(r => r.Satisfaction is not null).ToList();
        var open = rows.Where(r => CaseStatus.Open.Contains(r.Status)).ToList();
        var overdue = open.Count(r => (r.Status == CaseStatus.Registered && today > r.AcceptDue) || (r.Status != CaseStatus.Registered && r.DecisionDue is { } d && today > d));
        _ = cal;
        return new ProtectionStatsDto(year, region, rows.Count, accepted, closed.Count, rows.Count(r => r.Status == CaseStatus.Rejected), open.Count, overdue,
            accepted == 0 ? null : Math.Round((double)closed.Count / accepted, 4),
            closed.Count == 0 ? null : Math.Round(closed.Average(r => r.ClosedOn!.Value.DayNumber - r.ReceivedOn.DayNumber), 1),
            accepted == 0 ? null : Math.Round((double)rows.Count(r => r.AcceptedOn is not null && r.FastTrack) / accepted, 4),
            surveys.Count, surveys.Count == 0 ? null : Math.Round(surveys.Average(r => r.Satisfaction!.Value), 2),
            surveys.Count == 0 ? null : Math.Round((double)surveys.Count(r => r.Satisfaction >= 4) / surveys.Count, 4),
            rows.GroupBy(r => r.Type).ToDictionary(g => g.Key, g => g.Count()));
    }

    public static async Task<Ok<ProtectionStatsDto>> GetAsync(int? year, string? region, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        if (year is < 2000 or > 2100) throw new RequestValidationException("year", "年份应在 2000～2100 之间");
        if (region is not null && !System.Text.RegularExpressions.Regex.IsMatch(region, @"^\d{2,6}$")) throw new RequestValidationException("region", "地区代码应为 2～6 位数字");
        // a district sees its own region only
        if (me.RegionPrefix is { } own)
        {
            if (region is not null && !region.PadRight(6, '0').StartsWith(own, StringComparison.Ordinal)) throw new DomainException("只能查看本地区的统计", 403, "禁止访问");
            region ??= me.RegionCode;
        }
        return TypedResults.Ok(await ComputeAsync(db, year, region, clock, ct));
    }
}
