using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Features.Plans;
using Zhichan.Api.Features.Portal.Content;

namespace Zhichan.Api.Features.Portal.Site;

/// <summary>One year of a key figure: the value as stored (computed from the records or accepted from its owner) and where it comes from.</summary>
public sealed record PortalPointDto(int Year, decimal Value, string StatusName, string? SourceTitle, string? SourceUrl, string? Period);

/// <summary>
/// A key figure of the jurisdiction with its yearly series. Without a public value <c>Latest</c> is null and <c>Note</c> says
/// why (e.g. no trademark records in the platform) — never a number that is not there.
/// </summary>
public sealed record PortalFigureDto(string Code, string Name, string Unit, string SourceName, decimal? Latest, int? LatestYear, decimal? Previous,
    string? Trend, string? Note, string? DataNote, PopulationDto? Population, PublicationDto? Publication, IReadOnlyList<PortalPointDto> Series);

public sealed record PortalPlanDto(long Id, string Title, string? Issuer, DateOnly? PeriodStart, DateOnly? PeriodEnd, string StatusName);

/// <summary>An open call (申报通知) as the portal lists it.</summary>
public sealed record PortalCallDto(long Id, string ProgrammeName, string Title, int Year, DateOnly ApplyFrom, DateOnly ApplyTo, bool IsExample);

/// <summary>A 公示 as the portal's home lists it (the ranked list is on the 公示 page).</summary>
public sealed record PortalNoticeDto(long CallId, string ProgrammeName, string CallTitle, bool IsExample, DateOnly From, DateOnly To, bool Open, int Items);

/// <summary>Everything the portal's home shows, in one answer (GetPortalHome).</summary>
public sealed record PortalHomeDto(string? RegionCode, string JurisdictionName, int? LatestRecordYear, DateTime? ComputedAt,
    IReadOnlyList<PortalFigureDto> Figures, PortalPlanDto? Plan, IReadOnlyList<GoalDto> Goals, string? GoalsNote,
    IReadOnlyList<ContentSummaryDto> News, IReadOnlyList<ContentSummaryDto> Policies, IReadOnlyList<PortalCallDto> Calls,
    IReadOnlyList<PortalNoticeDto> Notices, DateTimeOffset GeneratedAt);

/// <summary>The header's and footer's texts; null fields are not configured and the portal shows nothing for them.</summary>
public sealed record SiteSettingsDto(string? SiteName, string? Sponsor, string? Organiser, string? IcpNumber, string? PoliceNumber,
    string? ContactAddress, string? ContactPhone, string? ContactEmail, DateTimeOffset UpdatedAt);
