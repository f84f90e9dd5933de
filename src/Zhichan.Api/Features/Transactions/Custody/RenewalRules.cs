namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>The kinds and states of a due item on the renewal calendar.</summary>
public static class RenewalItems
{
    public const string AnnualFee = "annual_fee", TrademarkRenewal = "tm_renewal", Expiry = "expiry";
    public const string Pending = "pending", Paid = "paid", Grace = "grace", Lapsed = "lapsed", Upcoming = "upcoming", Ended = "ended";

    public static readonly IReadOnlyDictionary<string, string> KindNames = new Dictionary<string, string>
    {
        [AnnualFee] = "专利年费", [TrademarkRenewal] = "商标续展", [Expiry] = "保护期届满",
    };

    public static readonly IReadOnlyDictionary<string, string> StatusNames = new Dictionary<string, string>
    {
        [Pending] = "待缴", [Paid] = "已缴", [Grace] = "宽限期", [Lapsed] = "已失效", [Upcoming] = "待届满", [Ended] = "已届满",
    };
}

/// <summary>What the calendar needs of a record: its type, dates and legal status.</summary>
public sealed record RenewalRecord(string RightType, DateOnly? ApplicationDate, DateOnly? GrantDate, string? Status);

/// <summary>One due item of a right, computed for a day (<c>asOf</c>).</summary>
/// <param name="Period">Patent year N (第 N 年) of an annual fee, renewal cycle N of a trademark, 0 for the expiry.</param>
/// <param name="WindowStart">The first day one may pay (a trademark renewal: 12 months before expiry), or null.</param>
/// <param name="Surcharge">The late fee (滞纳金) if paid on asOf, when in the grace period.</param>
public sealed record RenewalItem(string ItemKind, int Period, DateOnly DueDate, DateOnly? WindowStart, DateOnly? GraceEnd, decimal? Amount, decimal? Surcharge,
    string Status, int DaysLeft);

/// <summary>A right's schedule: its items, the year of grant (授权当年, paid at registration), its expiry, or why there are no items.</summary>
public sealed record RenewalSchedule(IReadOnlyList<RenewalItem> Items, int? GrantYear, DateOnly? ExpiryDate, string? Note);

/// <summary>A fee band of the official schedule (seed Transactions/Custody/Seeds/fees.json).</summary>
public sealed record FeeBand(int From, int To, decimal Amount);

public sealed record FeeSchedule(string Source, Dictionary<string, List<FeeBand>> AnnualFees, decimal SurchargePercentPerMonth, int SurchargeFreeMonths, int GraceMonths);

/// <summary>
/// The rules of the renewal calendar (ADR 0038): CN patent annual fees due on each anniversary of the filing date from the
/// year after the year of grant, the 6-month grace period with its monthly surcharge, terms by patent type (the design term
/// of 15 years for filings from 2021-06-01), and trademark renewals every 10 years from registration with a 12-month window
/// before and a 6-month grace period after expiry. Amounts come from the seed fee table, never from code.
/// </summary>
public static class RenewalRules
{
    public static readonly FeeSchedule Fees = EmbeddedSeeds.Read<FeeSchedule>("Transactions/Custody", "fees.json");
    public static readonly DateOnly DesignTermChange = new(2021, 6, 1);
    private const int TrademarkTermYears = 10, TrademarkWindowMonths = 12;

    /// <summary>Record states after which no fee is due: the record's own state is shown instead.</summary>
    public static readonly HashSet<string> Finished = ["lapsed", "expired", "invalidated", "withdrawn", "rejected", "abandoned"];

    public static int? TermYears(string rightType, DateOnly filed) => rightType switch
    {
        "patent_invention" => 20,
        "patent_utility" => 10,
        "patent_design" => filed >= DesignTermChange ? 15 : 10,
        _ => null,
    };

    /// <summary>The last day of protection: the day before the filing date's anniversary at the end of the term.</summary>
    public static DateOnly? Expiry(string rightType, DateOnly filed) => TermYears(rightType, filed) is { } t ? filed.AddYears(t).AddDays(-1) : null;

    /// <summary>The patent year (from the filing date, 第 N 年) a day falls in.</summary>
    public static int PatentYear(DateOnly filed, DateOnly day)
    {
        var n = day.Year - filed.Year;
        if (filed.AddYears(n) > day) n--;
        return n + 1;
    }

    /// <summary>The annual fee of patent year <paramref name="year"/>, or null when the schedule has none.</summary>
    public static decimal? AnnualFee(string rightType, int year) =>
        Fees.AnnualFees.TryGetValue(rightType, out var bands) ? bands.FirstOrDefault(b => year >= b.From && year <= b.To)?.Amount : null;

    /// <summary>
    /// The late fee when paying on <paramref name="paidOn"/>: none on time or within the first month after the due date, then 5 %
    /// of the fee for every further month begun, up to 25 % in the sixth month; null when the grace period has passed.
    /// </summary>
    public static decimal? Surcharge(decimal fee, DateOnly due, DateOnly paidOn)
    {
        if (paidOn <= due) return 0;
        for (var m = 1; m <= Fees.GraceMonths; m++)
            if (paidOn <= due.AddMonths(m))
                return Math.Round(fee * Fees.SurchargePercentPerMonth / 100m * Math.Max(0, m - Fees.SurchargeFreeMonths), 2);
        return null;
    }

    /// <summary>
    /// The schedule of a right as of a day, with the items marked paid (key: item kind and period). With <paramref name="since"/>
    /// (the day tracking began) items whose grace period ended before it are left out as settled: the record's status answers for them.
    /// </summary>
    public static RenewalSchedule Compute(string kind, RenewalRecord? r, DateOnly asOf, IReadOnlyDictionary<(string, int), CustodyPayment> paid, DateOnly? since = null)
    {
        if (r is null) return new([], null, null, kind == "trademark" ? "数据中心尚无该商标的注册记录，无法计算续展期限" : "数据中心无该专利记录");
        if (r.Status is { } s && Finished.Contains(s))
            return new([], null, null, $"记录的法律状态为“{Records.RecordStatus.Names.GetValueOrDefault(s, s)}”，不再有应缴费用");
        return kind == "trademark" ? Trademark(r, asOf, paid, since) : Patent(r, asOf, paid, since);
    }

    private static RenewalSchedule Patent(RenewalRecord r, DateOnly asOf, IReadOnlyDictionary<(string, int), CustodyPayment> paid, DateOnly? since)
    {
        if (r.ApplicationDate is not { } filed || TermYears(r.RightType, filed) is not { } term) return new([], null, null, "记录缺少申请日或类型，无法计算年费");
        var expiry = filed.AddYears(term).AddDays(-1);
        if (r.GrantDate is not { } granted) return new([], null, expiry, "尚未授权：授权后办理登记手续时缴纳授权当年的年费");
        var grantYear = PatentYear(filed, granted);
        var items = new List<RenewalItem>();
        for (var n = grantYear + 1; n <= term; n++)
        {
            var due = filed.AddYears(n - 1);
            if (since is { } from && due.AddMonths(Fees.GraceMonths) < from) continue;
            var fee = AnnualFee(r.RightType, n);
            var item = Item(RenewalItems.AnnualFee, n, due, null, fee, asOf, paid);
            items.Add(item);
            if (item.Status == RenewalItems.Lapsed) return new(items, grantYear, expiry, null);
        }
        items.Add(new RenewalItem(RenewalItems.Expiry, 0, expiry, null, null, null, null, asOf > expiry ? RenewalItems.Ended : RenewalItems.Upcoming,
            expiry.DayNumber - asOf.DayNumber));
        return new(items, grantYear, expiry, null);
    }

    private static RenewalSchedule Trademark(RenewalRecord r, DateOnly asOf, IReadOnlyDictionary<(string, int), CustodyPayment> paid, DateOnly? since)
    {
        if (r.GrantDate is not { } registered) return new([], null, null, "记录缺少注册日，无法计算续展期限");
        var items = new List<RenewalItem>();
        for (var n = 1; n <= 100; n++)
        {
            var expiry = registered.AddYears(TrademarkTermYears * n).AddDays(-1);
            if (since is { } from && expiry.AddMonths(Fees.GraceMonths) < from) continue;
            var item = Item(RenewalItems.TrademarkRenewal, n, expiry, expiry.AddMonths(-TrademarkWindowMonths), null, asOf, paid);
            items.Add(item);
            if (item.Status != RenewalItems.Paid) break;
        }
        return new(items, null, items[^1].DueDate, null);
    }

    private static RenewalItem Item(string itemKind, int n, DateOnly due, DateOnly? window, decimal? fee, DateOnly asOf, IReadOnlyDictionary<(string, int), CustodyPayment> paid)
    {
        var graceEnd = due.AddMonths(Fees.GraceMonths);
        var days = due.DayNumber - asOf.DayNumber;
        if (paid.TryGetValue((itemKind, n), out var p)) return new(itemKind, n, due, window, graceEnd, p.Amount ?? fee, p.Surcharge, RenewalItems.Paid, days);
        if (asOf <= due) return new(itemKind, n, due, window, graceEnd, fee, null, RenewalItems.Pending, days);
        if (asOf <= graceEnd) return new(itemKind, n, due, window, graceEnd, fee, fee is { } f ? Surcharge(f, due, asOf) : null, RenewalItems.Grace, days);
        return new(itemKind, n, due, window, graceEnd, fee, null, RenewalItems.Lapsed, days);
    }
}
