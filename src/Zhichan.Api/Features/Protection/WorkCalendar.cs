namespace Zhichan.Api.Features.Protection;

/// <summary>
/// The protection module's clock: "today" for deadlines, countdowns and the periodic check. Its own type so that a test can
/// move protection's calendar date (across a weekend or a holiday) without moving the clock of sign-in cookies and keys.
/// </summary>
public sealed class ProtectionClock(TimeProvider inner) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
}

/// <summary>
/// Legal time limits (ADR 0201). Acceptance: 5 working days after receipt (专利纠纷行政裁决和调解办法, 市场监管投诉举报处理规定).
/// Patent infringement disputes: decided within 3 months of filing (立案), extendable once by at most 1 month with the
/// head's approval (专利行政执法办法 第二十一条). Administrative penalty cases (假冒专利, trademark, …): 90 days from filing,
/// extendable once by 30 days (市场监督管理行政处罚程序规定). Referrals: the receiving unit replies within 10 working days.
/// </summary>
public static class Deadlines
{
    public const int AcceptWorkingDays = 5, ReferralReplyWorkingDays = 10, DueSoonWorkingDays = 3;

    public static DateOnly AcceptDue(WorkCalendar cal, DateOnly received) => cal.AddWorkingDays(received, AcceptWorkingDays);

    public static DateOnly DecisionDue(WorkCalendar cal, string type, DateOnly filed) =>
        type == ComplaintTypes.PatentDispute ? cal.AddMonths(filed, 3) : cal.OnOrNextWorkingDay(filed.AddDays(90));

    public static DateOnly Extend(WorkCalendar cal, string type, DateOnly due) =>
        type == ComplaintTypes.PatentDispute ? cal.OnOrNextWorkingDay(due.AddMonths(1)) : cal.OnOrNextWorkingDay(due.AddDays(30));

    public static DateOnly Today(TimeProvider clock) => Platform.ChinaTime.Today(clock);

    public static TimeZoneInfo ChinaTime => Platform.ChinaTime.Zone;
}
