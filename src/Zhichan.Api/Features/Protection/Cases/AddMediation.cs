using static Zhichan.Api.Features.Protection.Cases.CaseQueries;

namespace Zhichan.Api.Features.Protection.Cases;

public sealed record MediationRequest(DateOnly? HeldOn, string? Mediator, string? Participants, string? Result, string? Agreement, bool? JudicialConfirmation);

/// <summary>Records a mediation (agreement, judicial confirmation to follow).</summary>
public static class AddMediation
{
    public static async Task<Ok<CaseDetail>> HandleAsync(long id, MediationRequest req, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var c = await CaseQueries.FindHandleableAsync(db, me, id, ct);
        var v = new Validation();
        v.Required("mediator", req.Mediator, "调解员").Required("result", req.Result, "调解结果")
            .OneOf("result", req.Result, ["agreement", "failed", "continued"], "调解结果");
        if (req.Result == "agreement" && string.IsNullOrWhiteSpace(req.Agreement)) v.Add("agreement", "达成协议的须填写协议内容");
        if (req.HeldOn is { } h && h > Deadlines.Today(clock)) v.Add("heldOn", "调解日期不能晚于今天");
        v.MaxLength("agreement", req.Agreement, 5000, "协议内容");
        v.ThrowIfInvalid();
        if (c.Status != CaseStatus.Mediating) throw new DomainException($"案件当前状态为“{CaseStatus.Labels[c.Status]}”，须先转入调解才能记录调解");
        var m = new Mediation
        {
            ComplaintId = c.Id, HeldOn = req.HeldOn ?? Deadlines.Today(clock), Mediator = req.Mediator!.Trim(), Participants = req.Participants?.Trim(),
            Result = req.Result!, Agreement = req.Agreement?.Trim(), JudicialConfirmation = req.JudicialConfirmation ?? false, CreatedBy = me.Id,
        };
        db.Set<Mediation>().Add(m);
        CaseQueries.Log(db, me, c, "mediation", null, null, req.Result switch { "agreement" => "调解达成协议", "failed" => "调解未达成协议", _ => "调解继续" }, true);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await CaseQueries.DetailAsync(db, me, c, clock, ct));
    }
}
