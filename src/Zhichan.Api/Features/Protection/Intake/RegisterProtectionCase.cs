using System.Text.Json;
using System.Text.RegularExpressions;
using static Zhichan.Api.Features.Protection.Intake.IntakeRules;

namespace Zhichan.Api.Features.Protection.Intake;

/// <summary>Walk-in registration or a referral from another unit, entered by staff.</summary>
public sealed record RegisterCaseRequest(
    string? Channel, DateOnly? ReceivedOn, long? ReferredFromUnitId, string? Type, string? ComplainantKind, string? ComplainantName,
    string? ComplainantIdNumber, string? ComplainantPhone, string? ComplainantEmail, string? ComplainantAddress, string? RightType,
    string? RightNumber, string? RespondentName, string? RespondentAddress, string? RespondentPlatform, string? RespondentUrl,
    string? Facts, string? RegionCode, string? Industry);

/// <summary>A case registered on site or handed over by another unit.</summary>
public static class RegisterProtectionCase
{
    public static async Task<Created<ComplaintReceipt>> HandleAsync(RegisterCaseRequest req, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var v = new Validation();
        var channel = string.IsNullOrWhiteSpace(req.Channel) ? "walk_in" : req.Channel;
        v.OneOf("channel", channel, ["walk_in", "referral"], "来源");
        var today = Deadlines.Today(clock);
        var received = req.ReceivedOn ?? today;
        if (received > today) v.Add("receivedOn", "收到日期不能晚于今天");
        if (received.Year < 2000) v.Add("receivedOn", "收到日期无效");
        if (channel == "referral" && req.ReferredFromUnitId is null) v.Add("referredFromUnitId", "移交来的案件须写明移交单位");
        if (req.ReferredFromUnitId is { } uid && !await db.OrgUnits.AnyAsync(u => u.Id == uid, ct)) v.Add("referredFromUnitId", $"单位 {uid} 不存在");
        var c = await BuildAsync(db, req.Type, req.ComplainantKind, req.ComplainantName, req.ComplainantIdNumber, req.ComplainantPhone, req.ComplainantEmail,
            req.ComplainantAddress, req.RightType, req.RightNumber, req.RespondentName, req.RespondentAddress, req.RespondentPlatform, req.RespondentUrl,
            req.Facts, req.RegionCode, req.Industry, v, ct);
        c.Channel = channel;
        c.ReferredFromUnitId = req.ReferredFromUnitId;
        c.SubmittedBy = me.Id;
        var (receipt, _) = await SaveAsync(db, me, clock, c, received, [], ct);
        return TypedResults.Created($"/api/protection/cases/{c.Id}", receipt);
    }
}
