namespace Zhichan.Api.Platform;

/// <summary>The platform's calendar day and clock time are China's (UTC+8), whatever the server's time zone.</summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = Find();

    /// <summary>Today in China.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);

    /// <summary>An instant as China's wall-clock time.</summary>
    public static DateTime Of(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, Zone).DateTime;

    private static TimeZoneInfo Find()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China", "China"); }
    }
}
