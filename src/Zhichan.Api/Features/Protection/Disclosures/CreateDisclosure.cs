using Zhichan.Api.Platform.Notifications;
using static Zhichan.Api.Features.Protection.Disclosures.DisclosureTexts;

namespace Zhichan.Api.Features.Protection.Disclosures;

/// <summary>A penalty-decision disclosure or typical-case article, masked automatically.</summary>
public static class CreateDisclosure
{
    public static async Task<Created<DisclosureDto>> HandleAsync(DisclosureRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var p = await PrepareAsync(req, db, ct);
        var d = new Disclosure
        {
            ComplaintId = req.ComplaintId, Kind = req.Kind ?? "penalty_decision", DecisionNumber = req.DecisionNumber?.Trim(), Title = p.Title,
            OriginalText = p.Text, MaskedText = p.MaskedText, MaskedNames = p.MaskedNames, Summary = p.Summary, MaskedSummary = p.MaskedSummary,
            SourceFileId = req.SourceFileId, CreatedBy = me.Id,
        };
        db.Set<Disclosure>().Add(d);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/protection/disclosures/{d.Id}", ToDto(d));
    }
}
