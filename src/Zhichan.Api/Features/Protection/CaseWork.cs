using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Database;
using Zhichan.Api.Platform.Errors;

namespace Zhichan.Api.Features.Protection;

public sealed record MediationRequest(DateOnly? HeldOn, string? Mediator, string? Participants, string? Result, string? Agreement, bool? JudicialConfirmation);
public sealed record InvestigatorRequest(long? UserId, bool? NoConflictDeclared, string? Note);
public sealed record ExpertDto(long UserId, string Name, string? OrgUnitName, string? Conflict);
public sealed record ReferralReplyRequest(string? Result, string? Reply);

/// <summary>Mediation records, technical investigators with the conflict check, referrals (行刑衔接) and their replies.</summary>
public static class CaseWork
{
    public static async Task<Ok<CaseDetail>> AddMediationAsync(long id, MediationRequest req, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var c = await Cases.FindHandleableAsync(db, me, id, ct);
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
        Cases.Log(db, me, c, "mediation", null, null, req.Result switch { "agreement" => "调解达成协议", "failed" => "调解未达成协议", _ => "调解继续" }, true);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await Cases.DetailAsync(db, me, c, clock, ct));
    }

    /// <summary>Conflict of interest: the expert belongs to, or is, a party (complainant, respondent, right owner), or already works for one in this case.</summary>
    internal static string? Conflict(Complaint c, string expertName, string? expertOrg)
    {
        var parties = new[] { c.ComplainantName, c.RespondentName, c.RightOwner ?? "" }.Where(p => p.Length > 0).Select(Intake.Normalise).ToList();
        if (parties.Contains(Intake.Normalise(expertName))) return $"专家“{expertName}”是本案当事人";
        if (expertOrg is not null && parties.Contains(Intake.Normalise(expertOrg))) return $"专家所在单位“{expertOrg}”是本案当事人";
        return null;
    }

    private static async Task<List<(long Id, string Name, string? Org)>> ExpertsAsync(ZhichanDb db, CancellationToken ct) =>
        (await db.Users.AsNoTracking().Where(u => u.Role == Roles.Expert && u.IsActive)
            .Select(u => new { u.Id, u.DisplayName, Org = u.OrgUnit != null ? u.OrgUnit.Name : null }).ToListAsync(ct))
        .Select(u => (u.Id, u.DisplayName, u.Org)).ToList();

    public static async Task<Ok<ExpertDto[]>> ListExpertsAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var c = await Cases.FindHandleableAsync(db, me, id, ct);
        return TypedResults.Ok((await ExpertsAsync(db, ct)).Select(e => new ExpertDto(e.Id, e.Name, e.Org, Conflict(c, e.Name, e.Org))).ToArray());
    }

    public static async Task<Ok<CaseDetail>> AddInvestigatorAsync(long id, InvestigatorRequest req, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var c = await Cases.FindHandleableAsync(db, me, id, ct);
        if (req.UserId is not { } uid) throw new RequestValidationException("userId", "请选择技术调查官");
        if (req.NoConflictDeclared != true) throw new RequestValidationException("noConflictDeclared", "须确认专家已声明与本案无利害关系");
        var e = (await ExpertsAsync(db, ct)).FirstOrDefault(x => x.Id == uid);
        if (e.Id == 0) throw new RequestValidationException("userId", $"用户 {uid} 不在专家库中");
        if (Conflict(c, e.Name, e.Org) is { } conflict) throw new DomainException($"存在利害关系，应当回避：{conflict}");
        if (!CaseStatus.Open.Contains(c.Status)) throw new DomainException("案件已终结，不能再指派技术调查官");
        if (await db.Set<Investigator>().AnyAsync(i => i.ComplaintId == c.Id && i.UserId == uid, ct)) throw new DomainException($"{e.Name}已是本案技术调查官");
        db.Set<Investigator>().Add(new Investigator
        {
            ComplaintId = c.Id, UserId = uid, Name = e.Name,
            ConflictCheckedNote = $"已核对当事人、权利人，无利害关系；专家已声明{(string.IsNullOrWhiteSpace(req.Note) ? "" : "：" + req.Note.Trim())}",
        });
        Cases.Log(db, me, c, "investigator", null, null, $"指派技术调查官{e.Name}", false);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await Cases.DetailAsync(db, me, c, clock, ct));
    }

    public static async Task<Ok<ReferralDto[]>> ListReferralsAsync(bool? pending, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var q = db.Set<Referral>().AsNoTracking();
        if (!me.IsStaff) { var org = me.OrgUnitId ?? -1; q = q.Where(r => r.ToUnitId == org); }
        if (pending == true) q = q.Where(r => r.RepliedOn == null);
        var rows = await q.OrderByDescending(r => r.Id).ToListAsync(ct);
        var ids = rows.Select(r => r.ComplaintId).Distinct().ToArray();
        var receipts = await db.Set<Complaint>().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.ReceiptNumber, ct);
        var units = await Cases.UnitNamesAsync(db, ct);
        var today = Deadlines.Today(clock);
        return TypedResults.Ok(rows.Select(r => Cases.ToDto(r, receipts[r.ComplaintId], units, today)).ToArray());
    }

    public static async Task<Ok<ReferralDto>> ReplyAsync(long id, ReferralReplyRequest req, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var r = await db.Set<Referral>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"移送记录 {id} 不存在", 404);
        if (!me.IsStaff && r.ToUnitId != me.OrgUnitId) throw new DomainException("只有接收移送的单位可以回复", 403, "禁止访问");
        var v = new Validation();
        v.Required("result", req.Result, "回复结果").OneOf("result", req.Result, ["accepted", "declined", "returned"], "回复结果").Required("reply", req.Reply, "回复内容");
        v.ThrowIfInvalid();
        if (r.RepliedOn is not null) throw new DomainException("该移送已回复");
        r.RepliedOn = Deadlines.Today(clock); r.Reply = req.Reply!.Trim(); r.ReplyResult = req.Result;
        var c = await db.Set<Complaint>().FirstAsync(x => x.Id == r.ComplaintId, ct);
        var label = req.Result switch { "accepted" => "已立案侦查/受理", "declined" => "不予立案", _ => "退回" };
        Cases.Log(db, me, c, "referral_reply", null, null, $"{me.OrgUnitName ?? me.Name}回复：{label}。{r.Reply}", false);
        // declined or returned: the case comes back to the bureau's desk in the state it left (立案 if it was filed, else 受理)
        if (req.Result is "declined" or "returned" && c.Status == CaseStatus.Referred)
        {
            var back = c.FiledOn is null ? CaseStatus.Accepted : CaseStatus.Filed;
            Cases.Log(db, me, c, "referral_returned", c.Status, back, $"{label}，案件退回继续办理", false);
            db.Set<ComplaintEvent>().Add(new ComplaintEvent { ComplaintId = c.Id, ActorName = "办案机关", Action = "public_referral_returned", ToStatus = back, Note = "移送未被接收，继续办理", IsPublic = true });
            c.Status = back;
            c.AcceptedOn ??= Deadlines.Today(clock);
            c.UpdatedAt = DateTimeOffset.UtcNow;
        }
        await db.SaveChangesAsync(ct);
        var units = await Cases.UnitNamesAsync(db, ct);
        return TypedResults.Ok(Cases.ToDto(r, c.ReceiptNumber, units, Deadlines.Today(clock)));
    }
}
