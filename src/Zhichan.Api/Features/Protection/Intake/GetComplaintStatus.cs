using Zhichan.Api.Platform.Security;
using System.Text.Json;
using System.Text.RegularExpressions;
using Zhichan.Api.Platform.Files;
using static Zhichan.Api.Features.Protection.Intake.IntakeRules;

namespace Zhichan.Api.Features.Protection.Intake;

/// <summary>The complainant's status look-up by receipt number and query code (personal data masked).</summary>
public static class GetComplaintStatus
{
    public static async Task<Ok<ComplaintStatusDto>> HandleAsync(string receiptNumber, string? code, ZhichanDb db, CancellationToken ct)
    {
        var c = await FindWithCodeAsync(db, receiptNumber, code, ct);
        var events = await db.Set<ComplaintEvent>().Where(e => e.ComplaintId == c.Id && e.IsPublic).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new PublicEvent(e.At, e.ToStatus != null ? CaseStatus.Labels.GetValueOrDefault(e.ToStatus, e.ToStatus) : e.Action, e.Note)).ToListAsync(ct);
        // entries that change no state are labelled by what happened (never by an internal action name)
        events = events.Select(e => e with { Label = PublicActionLabels.GetValueOrDefault(e.Label, e.Label) }).ToList();
        return TypedResults.Ok(new ComplaintStatusDto(c.ReceiptNumber, c.Type, ComplaintTypes.Labels[c.Type], c.Status, CaseStatus.Labels[c.Status],
            c.ReceivedOn, c.AcceptDue, Masking.MaskName(c.ComplainantName, c.ComplainantKind == "person"), c.RespondentName, c.RightCanonical,
            c.RejectReason, c.Outcome, c.ClosedOn, c.Status == CaseStatus.Closed && c.Satisfaction is null, c.Satisfaction,
            events.Select(e => e with { Label = e.Label }).ToArray()));
    }
}
