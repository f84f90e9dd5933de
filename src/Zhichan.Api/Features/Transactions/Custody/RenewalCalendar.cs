using Zhichan.Api.Features.Transactions.Rights;

namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>One due item of a tracked right on the calendar, with the payment when marked paid.</summary>
public sealed record CalendarItem(string Kind, string KindName, string Number, long? RecordId, string? Title, string ItemKind, string ItemKindName, int Period,
    string PeriodText, DateOnly DueDate, DateOnly? WindowStart, DateOnly? GraceEnd, decimal? Amount, decimal? Surcharge, string Status, string StatusName, int DaysLeft,
    string Via, string? EntityName, string? AgencyName, DateOnly? PaidOn, string? ReceiptNo, string? PaidByName);

/// <summary>A tracked right without due items, and why (lapsed or expired per the record, not granted, no trademark record …).</summary>
public sealed record CalendarNote(string Kind, string KindName, string Number, long? RecordId, string? Title, string Note, string Via);

public sealed record CalendarMonth(string Month, int Count, decimal Amount);

public sealed record CalendarTotals(int Rights, int Due30, int Due90, int Grace, int Lapsed, int Paid);

public sealed record RenewalCalendarView(DateOnly AsOf, CalendarTotals Totals, IReadOnlyList<CalendarItem> Items, IReadOnlyList<CalendarNote> Notes,
    IReadOnlyList<CalendarMonth> Months);

/// <summary>The filters of the calendar list (and of its exports).</summary>
public sealed record CalendarFilter(string? Window, string? Status, string? Month, string? ItemKind)
{
    public static readonly string[] Windows = ["30", "90", "overdue", "grace"];

    public void Validate()
    {
        var v = new Validation();
        if (Window is not null && !Windows.Contains(Window)) v.Add("window", "范围应为 30、90（天内到期）、overdue（已逾期）或 grace（宽限期内）");
        if (Status is not null && !RenewalItems.StatusNames.ContainsKey(Status)) v.Add("status", "状态无效");
        if (ItemKind is not null && !RenewalItems.KindNames.ContainsKey(ItemKind)) v.Add("itemKind", "事项类型无效");
        if (Month is not null && !DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", out _)) v.Add("month", "月份格式应为 YYYY-MM");
        v.ThrowIfInvalid();
    }

    public bool Admits(CalendarItem i) =>
        (Status is null || i.Status == Status) && (ItemKind is null || i.ItemKind == ItemKind) && (Month is null || i.DueDate.ToString("yyyy-MM") == Month) &&
        Window switch
        {
            "30" => i.Status == RenewalItems.Pending && i.DaysLeft <= 30,
            "90" => i.Status == RenewalItems.Pending && i.DaysLeft <= 90,
            "overdue" => i.Status is RenewalItems.Grace or RenewalItems.Lapsed,
            "grace" => i.Status == RenewalItems.Grace,
            _ => true,
        };
}

/// <summary>
/// The renewal calendar of the caller (ADR 0038): every right under its live custody contracts or watched, with the items
/// from the day tracking began to 12 months ahead, computed from the records and the payments marked.
/// </summary>
public static class RenewalCalendar
{
    public const int HorizonDays = 366;

    public static async Task<RenewalCalendarView> BuildAsync(ZhichanDb db, NpgsqlDataSource data, CurrentUser me, DateOnly today, CalendarFilter filter, CancellationToken ct)
    {
        var tracked = await CustodyTracking.ForAsync(db, data, me, ct);
        var (items, notes) = await ItemsAsync(db, data, tracked, today, ct);
        var shown = items.Where(filter.Admits).ToList();
        var months = Enumerable.Range(0, 12).Select(m => today.AddMonths(m).ToString("yyyy-MM"))
            .Select(m => new CalendarMonth(m, items.Count(i => Open(i) && i.DueDate.ToString("yyyy-MM") == m),
                items.Where(i => Open(i) && i.DueDate.ToString("yyyy-MM") == m).Sum(i => i.Amount ?? 0))).ToList();
        var totals = new CalendarTotals(tracked.Count, items.Count(i => i.Status == RenewalItems.Pending && i.DaysLeft <= 30),
            items.Count(i => i.Status == RenewalItems.Pending && i.DaysLeft <= 90), items.Count(i => i.Status == RenewalItems.Grace),
            items.Count(i => i.Status == RenewalItems.Lapsed), items.Count(i => i.Status == RenewalItems.Paid));
        return new RenewalCalendarView(today, totals, shown, notes, months);
    }

    private static bool Open(CalendarItem i) => i.Status is RenewalItems.Pending && i.ItemKind != RenewalItems.Expiry;

    /// <summary>The items of the tracked rights as of <paramref name="today"/> (from tracking start to the horizon), and the rights without items.</summary>
    public static async Task<(List<CalendarItem> Items, List<CalendarNote> Notes)> ItemsAsync(ZhichanDb db, NpgsqlDataSource data, IReadOnlyList<TrackedRight> tracked,
        DateOnly today, CancellationToken ct)
    {
        var records = await CustodyTracking.RecordsAsync(data, tracked.Select(t => t.RecordId), ct);
        var payments = await CustodyTracking.PaymentsAsync(db, tracked.Select(t => (t.Kind, t.Number)), ct);
        var items = new List<CalendarItem>();
        var notes = new List<CalendarNote>();
        var horizon = today.AddDays(HorizonDays);
        foreach (var t in tracked)
        {
            var paid = payments.GetValueOrDefault((t.Kind, t.Number)) ?? [];
            var s = RenewalRules.Compute(t.Kind, t.RecordId is { } id ? records.GetValueOrDefault(id) : null, today, paid, t.Since);
            var kindName = RightKinds.Names.GetValueOrDefault(t.Kind, t.Kind);
            if (s.Note is { } note) { notes.Add(new CalendarNote(t.Kind, kindName, t.Number, t.RecordId, t.Title, note, t.Via)); continue; }
            var mine = s.Items.Where(i => i.DueDate <= horizon).ToList();
            if (mine.Count == 0)
            {
                var next = s.Items.FirstOrDefault(i => i.Status is RenewalItems.Pending or RenewalItems.Upcoming);
                notes.Add(new CalendarNote(t.Kind, kindName, t.Number, t.RecordId, t.Title,
                    next is null ? "无应缴事项" : $"12 个月内无到期事项，下一事项：{RenewalItems.KindNames[next.ItemKind]} {next.DueDate:yyyy-MM-dd}", t.Via));
                continue;
            }
            foreach (var i in mine)
            {
                var p = paid.GetValueOrDefault((i.ItemKind, i.Period));
                items.Add(new CalendarItem(t.Kind, kindName, t.Number, t.RecordId, t.Title, i.ItemKind, RenewalItems.KindNames[i.ItemKind], i.Period, PeriodText(i),
                    i.DueDate, i.WindowStart, i.GraceEnd, i.Amount, i.Surcharge, i.Status, RenewalItems.StatusNames[i.Status], i.DaysLeft, t.Via, t.EntityName, t.AgencyName,
                    p?.PaidOn, p?.ReceiptNo, p?.PaidByName));
            }
        }
        return (items.OrderBy(i => i.DueDate).ThenBy(i => i.Number).ToList(), notes);
    }

    public static string PeriodText(RenewalItem i) => i.ItemKind switch
    {
        RenewalItems.AnnualFee => $"第 {i.Period} 年",
        RenewalItems.TrademarkRenewal => $"第 {i.Period} 次续展",
        _ => "",
    };
}
