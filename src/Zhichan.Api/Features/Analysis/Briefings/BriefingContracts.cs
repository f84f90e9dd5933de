using Zhichan.Api.Features.Records.Search;
using Zhichan.Api.Platform.Mail;

namespace Zhichan.Api.Features.Analysis.Briefings;

/// <summary>A subscription as the page shows it, with when its next scheduled briefing is due.</summary>
public sealed record SubscriptionDto(long Id, string Name, string Frequency, string FrequencyName, bool IncludeWatches, bool IncludeFilings,
    string? FilingsQ, string? Industry, string? RegionCode, string FilingsDescription, bool IncludeNotices, bool IncludeCalls, bool ByEmail, bool Active,
    DateOnly NextBriefingOn, int BriefingCount, DateTimeOffset CreatedAt);

/// <summary>The caller's subscriptions, and whether e-mail can reach them (SMTP configured, an address on their account).</summary>
public sealed record SubscriptionList(IReadOnlyList<SubscriptionDto> Items, bool MailEnabled, bool HasEmail);

/// <summary>A subscription's settings (create and update take the same).</summary>
/// <param name="Frequency">weekly or monthly.</param>
/// <param name="FilingsQ">The industry's new filings: a records search expression (field syntax of SearchRecords), optional.</param>
/// <param name="Industry">GB/T 4754-2011 industry code (section letter or 2–4 digits), optional.</param>
/// <param name="RegionCode">Region of the applicants (6-digit code at any level), optional.</param>
public sealed record SubscriptionRequest(string? Name, string? Frequency, bool? IncludeWatches, bool? IncludeFilings, string? FilingsQ, string? Industry,
    string? RegionCode, bool? IncludeNotices, bool? IncludeCalls, bool? ByEmail, bool? Active);

/// <summary>A briefing of the history: its period, how it came, what it held, and what became of its e-mail.</summary>
public sealed record BriefingDto(long Id, long? SubscriptionId, string Title, string FrequencyName, DateOnly PeriodStart, DateOnly PeriodLastDay,
    string Trigger, string TriggerName, int ItemCount, DateTimeOffset CreatedAt, string? MailStatus, string? MailStatusName);

/// <summary>A briefing with its sections (the in-app page) and its e-mail as sent.</summary>
public sealed record BriefingDetail(BriefingDto Briefing, BriefingContent Content, string Html);

/// <summary>The row filter (a user's own subscriptions and briefings) and the shared mapping.</summary>
public static class BriefingQueries
{
    public static IQueryable<BriefingSubscription> Own(ZhichanDb db, CurrentUser me) => db.Set<BriefingSubscription>().Where(s => s.UserId == me.Id);

    public static IQueryable<Briefing> OwnBriefings(ZhichanDb db, CurrentUser me) => db.Set<Briefing>().Where(b => b.UserId == me.Id);

    public static DateOnly NextBriefingOn(BriefingSubscription s, DateOnly today) => BriefingPeriods.EndOf(s.Frequency, BriefingPeriods.StartOf(s.Frequency, today));

    public static async Task<SubscriptionDto> DtoAsync(BriefingSubscription s, int count, DateOnly today, BriefingComposer composer, NpgsqlDataSource data, CancellationToken ct)
    {
        await using var conn = await data.OpenConnectionAsync(ct);
        return new SubscriptionDto(s.Id, s.Name, s.Frequency, BriefingFrequency.Names[s.Frequency], s.IncludeWatches, s.IncludeFilings, s.FilingsQ, s.Industry,
            s.RegionCode, await composer.DescribeAsync(conn, s, ct), s.IncludeNotices, s.IncludeCalls, s.ByEmail, s.Active, NextBriefingOn(s, today), count, s.CreatedAt);
    }

    public static BriefingDto Dto(Briefing b, string? mailStatus) => new(b.Id, b.SubscriptionId, b.Title,
        BriefingFrequency.Names.GetValueOrDefault(b.Frequency, b.Frequency), b.PeriodStart, b.PeriodEnd.AddDays(-1), b.Trigger,
        BriefingTrigger.Names[b.Trigger], b.ItemCount, b.CreatedAt, mailStatus, mailStatus is null ? null : MailStatus.Names.GetValueOrDefault(mailStatus, mailStatus));

    /// <summary>Checks and applies a subscription's settings; the filings condition is checked by building the records search's own filter.</summary>
    public static async Task ApplyAsync(SubscriptionRequest req, BriefingSubscription s, NpgsqlDataSource data, CancellationToken ct)
    {
        var v = new Validation();
        var name = req.Name?.Trim() ?? "";
        v.Required("name", name, "订阅名称").MaxLength("name", name, 50, "订阅名称").PlainText("name", name, "订阅名称");
        v.Required("frequency", req.Frequency, "推送频率").OneOf("frequency", req.Frequency, BriefingFrequency.Names.Keys, "推送频率");
        bool watches = req.IncludeWatches ?? true, filings = req.IncludeFilings ?? false, notices = req.IncludeNotices ?? true, calls = req.IncludeCalls ?? true;
        if (!watches && !filings && !notices && !calls) v.Add("includeWatches", "请至少选择一项简报内容");
        var q = Blank(req.FilingsQ);
        var industry = Blank(req.Industry)?.ToUpperInvariant();
        var region = Blank(req.RegionCode);
        if (filings && q is null && industry is null && region is null) v.Add("filingsQ", "订阅行业新增专利时，请至少填写检索式、行业或地区之一");
        v.ThrowIfInvalid();
        if (filings)
        {
            try
            {
                await RecordFilter.CreateAsync(new RecordFilterParams { Q = q, Industry = industry, Region = region }, data, ct);
            }
            catch (RequestValidationException e)
            {
                // the search's own field errors, under this form's names
                var errors = e.Errors.ToDictionary(x => x.Key switch { "q" => "filingsQ", "region" => "regionCode", _ => x.Key }, x => x.Value);
                var ex = new RequestValidationException(errors, e.Message);
                foreach (var (k, val) in e.Extensions) ex.Extensions[k] = val;
                throw ex;
            }
        }
        s.Name = name;
        s.Frequency = req.Frequency!;
        (s.IncludeWatches, s.IncludeFilings, s.IncludeNotices, s.IncludeCalls) = (watches, filings, notices, calls);
        (s.FilingsQ, s.Industry, s.RegionCode) = filings ? (q, industry, region) : (null, null, null);
        s.ByEmail = req.ByEmail ?? true;
        s.Active = req.Active ?? true;
        s.UpdatedAt = DateTimeOffset.UtcNow;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
