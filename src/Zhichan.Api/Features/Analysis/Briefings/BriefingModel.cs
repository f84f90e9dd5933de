using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Features.Analysis.Briefings;

/// <summary>
/// A briefing subscription (订阅): what a user wants in a weekly or monthly digest — their watches' alerts, their industry's new
/// filings, policy notices, programme calls — and whether it is also e-mailed (ADR 0054).
/// </summary>
public sealed class BriefingSubscription
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public string Name { get; set; } = "";
    public string Frequency { get; set; } = BriefingFrequency.Weekly;
    public bool IncludeWatches { get; set; } = true;
    public bool IncludeFilings { get; set; }
    public string? FilingsQ { get; set; }
    public string? Industry { get; set; }
    public string? RegionCode { get; set; }
    public bool IncludeNotices { get; set; } = true;
    public bool IncludeCalls { get; set; } = true;
    public bool ByEmail { get; set; } = true;
    public bool Active { get; set; } = true;
    public DateOnly? LastPeriodEnd { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A briefing produced for a subscription: its period, the sections as the page shows them, the e-mail as sent.</summary>
public sealed class Briefing
{
    public long Id { get; set; }
    public long? SubscriptionId { get; set; }
    public long UserId { get; set; }
    public string Title { get; set; } = "";
    public string Frequency { get; set; } = "";
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public string Trigger { get; set; } = BriefingTrigger.Scheduled;
    public int ItemCount { get; set; }
    /// <summary>JSON of <see cref="BriefingContent"/>.</summary>
    public string Content { get; set; } = "{}";
    public string HtmlBody { get; set; } = "";
    public string TextBody { get; set; } = "";
    public long? MailId { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class BriefingConfigurations : IEntityTypeConfiguration<BriefingSubscription>, IEntityTypeConfiguration<Briefing>
{
    public void Configure(EntityTypeBuilder<BriefingSubscription> b) => b.ToTable("briefing_subscriptions");

    public void Configure(EntityTypeBuilder<Briefing> b)
    {
        b.ToTable("briefings");
        b.Property(x => x.Content).HasColumnType("jsonb");
    }
}

public static class BriefingFrequency
{
    public const string Weekly = "weekly", Monthly = "monthly";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string> { [Weekly] = "每周", [Monthly] = "每月" };
}

public static class BriefingTrigger
{
    public const string Scheduled = "scheduled", Manual = "manual";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string> { [Scheduled] = "定期推送", [Manual] = "手动发送" };
}

/// <summary>The sections of a briefing, in the order they are shown.</summary>
public static class BriefingSections
{
    public const string Watches = "watches", Filings = "filings", Notices = "notices", Calls = "calls";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Watches] = "我的监控预警", [Filings] = "行业新增专利", [Notices] = "政策与公示", [Calls] = "项目申报通知",
    };
}

/// <summary>
/// The periods a subscription covers, in China's calendar: a week runs Monday to Sunday, a month from its first day; the end is
/// exclusive. A scheduled briefing covers the last complete period; a manual one the current period up to today.
/// </summary>
public static class BriefingPeriods
{
    /// <summary>The start of the period holding <paramref name="day"/>.</summary>
    public static DateOnly StartOf(string frequency, DateOnly day) => frequency == BriefingFrequency.Monthly
        ? new DateOnly(day.Year, day.Month, 1)
        : day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The end (exclusive) of the period starting at <paramref name="start"/>.</summary>
    public static DateOnly EndOf(string frequency, DateOnly start) => frequency == BriefingFrequency.Monthly ? start.AddMonths(1) : start.AddDays(7);

    /// <summary>The last complete period before <paramref name="today"/> (start, exclusive end).</summary>
    public static (DateOnly Start, DateOnly End) LastComplete(string frequency, DateOnly today)
    {
        var end = StartOf(frequency, today);
        return (StartOf(frequency, end.AddDays(-1)), end);
    }

    /// <summary>The period so far: from the current period's start to tomorrow (exclusive), i.e. up to now.</summary>
    public static (DateOnly Start, DateOnly End) SoFar(string frequency, DateOnly today) => (StartOf(frequency, today), today.AddDays(1));

    /// <summary>The instant a China date begins, in UTC (the form Npgsql writes to timestamptz).</summary>
    public static DateTimeOffset Instant(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaTime.Zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
}
