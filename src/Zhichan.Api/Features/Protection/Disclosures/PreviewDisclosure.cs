using Zhichan.Api.Platform.Notifications;
using static Zhichan.Api.Features.Protection.Disclosures.DisclosureTexts;

namespace Zhichan.Api.Features.Protection.Disclosures;

public sealed record DisclosureRequest(long? ComplaintId, string? Kind, string? DecisionNumber, string? Title, string? Text, string[]? PersonNames,
    string? Summary = null, long? SourceFileId = null);

/// <summary>The masked text a disclosure would publish (nothing saved).</summary>
public static class PreviewDisclosure
{
    public static async Task<Ok<DisclosurePreview>> HandleAsync(DisclosureRequest req, ZhichanDb db, CancellationToken ct)
    {
        var p = await PrepareAsync(req, db, ct);
        return TypedResults.Ok(new DisclosurePreview(p.Title, p.MaskedSummary, p.MaskedText, p.MaskedNames, p.Text));
    }
}
