using Zhichan.Api.Features.Protection.Settings;
using static Zhichan.Api.Features.Protection.Credit.CreditListings;

namespace Zhichan.Api.Features.Protection.Credit;

public sealed record CreditListingRequest(long? ComplaintId, string? SubjectName, string? SubjectKind, string? CreditCode, string? DecisionNumber, string? Reason, DateOnly? ListedOn);

/// <summary>Lists a subject on the serious-violation credit list on the basis of a penalty decision.</summary>
public static class CreateCreditListing
{
    public static async Task<Created<CreditListingDto>> HandleAsync(CreditListingRequest req, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var v = new Validation();
        var kind = req.SubjectKind ?? "organisation";
        v.Required("subjectName", req.SubjectName, "失信主体").OneOf("subjectKind", kind, ["person", "organisation"], "主体类型")
            .Required("decisionNumber", req.DecisionNumber, "处罚决定书文号").Required("reason", req.Reason, "列入事由");
        var today = Deadlines.Today(clock);
        if (req.ListedOn is { } lo && lo > today) v.Add("listedOn", "列入日期不能晚于今天");
        if (req.ComplaintId is { } cid && !await db.Set<Complaint>().AnyAsync(c => c.Id == cid, ct)) v.Add("complaintId", $"案件 {cid} 不存在");
        v.ThrowIfInvalid();
        var years = (await ProtectionSettings.LoadAsync(db, ct)).CreditListingYears;
        var listed = req.ListedOn ?? today;
        var l = new CreditListing
        {
            ComplaintId = req.ComplaintId, SubjectName = req.SubjectName!.Trim(), SubjectKind = kind, CreditCode = req.CreditCode?.Trim(),
            DecisionNumber = req.DecisionNumber!.Trim(), Reason = req.Reason!.Trim(), ListedOn = listed, ExpiresOn = listed.AddYears(years), CreatedBy = me.Id,
        };
        db.Set<CreditListing>().Add(l);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/protection/credit/{l.Id}", ToDto(l));
    }
}
