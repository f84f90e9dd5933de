namespace Zhichan.Api.Features.Records;

/// <summary>
/// Another module's events on a record's timeline (e.g. a licence filing or a pledge registered for the right): the record
/// page shows them beside the gazette's events, so that one page answers "what happened to this right". Records stays the
/// owner of the timeline; a module registers an implementation with <c>services.AddScoped&lt;IRecordTimelineSource, X&gt;()</c>
/// and answers only what the signed-in user may see.
/// </summary>
public interface IRecordTimelineSource
{
    /// <summary>The module's events for the record, each with its <see cref="TimelineEventView.Source"/> and the page behind it (Href).</summary>
    Task<IReadOnlyList<TimelineEventView>> ForRecordAsync(long recordId, CurrentUser user, CancellationToken ct);
}
