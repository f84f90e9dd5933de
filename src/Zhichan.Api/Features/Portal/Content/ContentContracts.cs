namespace Zhichan.Api.Features.Portal.Content;

/// <summary>A line of a content list (no body).</summary>
public sealed record ContentSummaryDto(long Id, string Kind, string KindName, string? Slug, string Title, string? Summary, string? Issuer, string? DocNumber,
    string Status, string StatusName, DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt);

/// <summary>A content item with its sanitised HTML body.</summary>
public sealed record ContentDto(long Id, string Kind, string KindName, string? Slug, string Title, string? Summary, string BodyHtml, string? Issuer,
    string? DocNumber, string Status, string StatusName, DateTimeOffset? PublishedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What the editor sends: the body is sanitised on the server whatever the editor produced.</summary>
public sealed record ContentInput(string? Kind, string? Slug, string? Title, string? Summary, string? BodyHtml, string? Issuer, string? DocNumber);
