using System.Text;

namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>
/// The calendar as iCalendar (RFC 5545) for desktop calendars: one all-day VEVENT per item, with a stable UID per right,
/// item and period so that re-importing updates rather than duplicates; lines folded at 75 octets, text escaped.
/// </summary>
public static class ExportRenewalCalendarIcs
{
    public static async Task<FileContentHttpResult> HandleAsync(string? window, string? status, string? month, string? itemKind, ZhichanDb db, NpgsqlDataSource data,
        CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var filter = new CalendarFilter(window, status, month, itemKind);
        filter.Validate();
        var view = await RenewalCalendar.BuildAsync(db, data, me, ChinaTime.Today(clock), filter, ct);
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'");
        var sb = new StringBuilder();
        void Line(string s) => sb.Append(Fold(s)).Append("\r\n");
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Zhichan//Renewal calendar//ZH");
        Line("CALSCALE:GREGORIAN");
        Line("X-WR-CALNAME:" + Escape("知产 · 年费与续展日历"));
        foreach (var i in view.Items)
        {
            Line("BEGIN:VEVENT");
            Line($"UID:custody-{i.Kind}-{i.Number}-{i.ItemKind}-{i.Period}@zhichan");
            Line("DTSTAMP:" + stamp);
            Line($"DTSTART;VALUE=DATE:{i.DueDate:yyyyMMdd}");
            Line($"DTEND;VALUE=DATE:{i.DueDate.AddDays(1):yyyyMMdd}");
            Line("SUMMARY:" + Escape($"{i.ItemKindName}{(i.PeriodText.Length > 0 ? "（" + i.PeriodText + "）" : "")} {i.KindName} {i.Number}"));
            var desc = $"{i.Title ?? ""}\n状态：{i.StatusName}" + (i.Amount is { } a ? $"\n应缴：{a:0.##} 元" : "") +
                       (i.GraceEnd is { } g && i.ItemKind != RenewalItems.Expiry ? $"\n宽限期至：{g:yyyy-MM-dd}" : "") + $"\n来源：{i.Via}";
            Line("DESCRIPTION:" + Escape(desc));
            Line("END:VEVENT");
        }
        Line("END:VCALENDAR");
        AuditLog.Add(db, me, "export", "custody_payments", null, null, new { rows = view.Items.Count, what = "续展日历（iCalendar）" });
        await db.SaveChangesAsync(ct);
        return TypedResults.File(Encoding.UTF8.GetBytes(sb.ToString()), "text/calendar; charset=utf-8", "renewal-calendar.ics");
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r", "").Replace("\n", "\\n");

    /// <summary>Folds a content line at 75 octets of UTF-8 without splitting a character (RFC 5545 §3.1).</summary>
    private static string Fold(string line)
    {
        var sb = new StringBuilder();
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var n = rune.Utf8SequenceLength;
            if (octets + n > 75) { sb.Append("\r\n "); octets = 1; }
            sb.Append(rune.ToString());
            octets += n;
        }
        return sb.ToString();
    }
}
