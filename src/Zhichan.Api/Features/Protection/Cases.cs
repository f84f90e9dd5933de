using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Database;
using Zhichan.Api.Platform.Errors;
using Zhichan.Api.Platform;

namespace Zhichan.Api.Features.Protection;

public sealed record Countdown(string Kind, string Label, DateOnly Due, int WorkingDaysLeft, bool DueSoon, bool Overdue);

public sealed record CaseRow(long Id, string ReceiptNumber, string Type, string TypeLabel, string Channel, string Status, string StatusLabel,
    bool FastTrack, string ComplainantName, string RespondentName, string? RightNumber, string? RegionCode, long? HandlingUnitId,
    string? HandlingUnitName, DateOnly ReceivedOn, Countdown? Countdown, bool PossibleDuplicate);

public sealed record CaseEventDto(long Id, DateTimeOffset At, string ActorName, string Action, string? FromStatus, string? ToStatus, string? Note, bool IsPublic);
public sealed record CaseFileDto(long Id, string FileName, string ContentType, long SizeBytes, string Kind, string Visibility, string VisibilityLabel,
    DateTimeOffset UploadedAt);
public sealed record CaseFileVisibilityRequest(string? Visibility);
public sealed record MediationDto(long Id, DateOnly HeldOn, string Mediator, string? Participants, string Result, string? Agreement, bool JudicialConfirmation,
    long? CourtUnitId, string? CourtName, DateOnly? ConfirmationAppliedOn, string? Ruling, DateOnly? RulingOn, string? RulingDocumentNumber, string? RulingNote,
    bool CanApplyConfirmation, bool CanRecordRuling);
public sealed record InvestigatorDto(long Id, long UserId, string Name, string ConflictCheckedNote, DateTimeOffset AssignedAt);
public sealed record ReferralDto(long Id, long ComplaintId, string ReceiptNumber, long ToUnitId, string ToUnitName, string Reason, DateOnly SentOn, DateOnly ReplyDue,
    DateOnly? RepliedOn, string? Reply, string? ReplyResult, bool Overdue);

public sealed record CaseDetail(long Id, string ReceiptNumber, string Type, string TypeLabel, string Channel, string Status, string StatusLabel,
    bool FastTrack, string[] FastTrackReasons, string ComplainantKind, string ComplainantName, string? ComplainantIdNumber, string ComplainantPhone,
    string? ComplainantEmail, string? ComplainantAddress, string? RightType, string? RightNumber, long? RightRecordId, string? RightTitle,
    string? RightStatus, string? RightOwner, string RespondentName, string? RespondentAddress, string? RespondentPlatform, string? RespondentUrl,
    string Facts, string? Industry, string? RegionCode, long? HandlingUnitId, string? HandlingUnitName, long? MergedIntoId, long? PossibleDuplicateOf,
    DateOnly ReceivedOn, DateOnly AcceptDue, DateOnly? AcceptedOn, DateOnly? FiledOn, DateOnly? DecisionDue, bool Extended, string? ExtensionReason,
    string? RejectReason, string? Decision, string? Outcome, DateOnly? ClosedOn, int? Satisfaction, string? SatisfactionComment,
    Countdown[] Countdowns, string[] AllowedActions, CaseEventDto[] Events, CaseFileDto[] Files, MediationDto[] Mediations,
    InvestigatorDto[] Investigators, ReferralDto[] Referrals);

public sealed record CaseTransitionRequest(string? Action, string? Note, string? Reason, long? MergeIntoId, long? ToUnitId, bool? FastTrack,
    long? HandlingUnitId, string? Decision, string? Outcome);

public sealed record CaseExtensionRequest(string? Reason, string? ApprovedBy);
public sealed record CaseAssignRequest(long? HandlingUnitId);

/// <summary>Queues, the case page and the state machine's transitions (ADR 0203).</summary>
public static class Cases
{
    public static readonly string[] Queues = ["all", "pending", "active", "due_soon", "overdue", "closed"];

    /// <summary>The cases a caller may see (ADR 0203 §access): staff all; a district its region or the cases assigned to it;
    /// a department the cases referred to it or assigned to it; an enterprise its own complaints; an expert the cases it investigates.</summary>
    public static IQueryable<Complaint> Visible(ZhichanDb db, CurrentUser me)
    {
        var q = db.Set<Complaint>().AsQueryable();
        if (me.IsStaff) return q;
        var org = me.OrgUnitId ?? -1;
        switch (me.Role)
        {
            case Roles.District:
                var prefix = me.RegionPrefix ?? "none";
                return q.Where(c => (c.RegionCode != null && c.RegionCode.StartsWith(prefix)) || c.HandlingUnitId == org);
            case Roles.Department:
                // a court also sees the cases whose mediation agreement was brought to it for judicial confirmation (ADR 0207)
                return q.Where(c => c.HandlingUnitId == org || db.Set<Referral>().Any(r => r.ComplaintId == c.Id && r.ToUnitId == org)
                    || db.Set<Mediation>().Any(m => m.ComplaintId == c.Id && m.CourtUnitId == org));
            case Roles.Enterprise:
                var name = me.OrgUnitName ?? "\u0000";
                return q.Where(c => c.SubmittedBy == me.Id || c.ComplainantOrgUnitId == org || (c.ComplainantKind == "organisation" && c.ComplainantName == name));
            case Roles.Expert:
                return q.Where(c => db.Set<Investigator>().Any(i => i.ComplaintId == c.Id && i.UserId == me.Id));
            default:
                return q.Where(_ => false);
        }
    }

    /// <summary>Who may act on a case: staff, and district users on the cases they see.</summary>
    public static bool CanHandle(CurrentUser me) => me.IsStaff || me.Role == Roles.District;

    /// <summary>A party's side of the case (an enterprise account: the complainant organisation or the one that submitted it).</summary>
    internal static bool IsParty(CurrentUser me) => me.Role == Roles.Enterprise;

    /// <summary>The documents of a visible case the caller may list and download (ADR 0210): the handling authorities (staff, district)
    /// all of them; everybody else — parties, departments, experts — the shared ones and those they uploaded themselves.</summary>
    internal static IQueryable<ComplaintFile> VisibleFiles(ZhichanDb db, CurrentUser me, long caseId)
    {
        var q = db.Set<ComplaintFile>().Where(f => f.ComplaintId == caseId);
        if (CanHandle(me)) return q;
        var uid = me.Id ?? -1;
        return q.Where(f => f.Visibility == FileVisibility.Shared || f.UploadedBy == uid);
    }

    internal static Countdown? CurrentCountdown(Complaint c, WorkCalendar cal, DateOnly today)
    {
        (string Kind, string Label, DateOnly Due)? d = c.Status switch
        {
            CaseStatus.Registered => ("accept", "受理期限", c.AcceptDue),
            CaseStatus.Filed or CaseStatus.Investigating or CaseStatus.Mediating when c.DecisionDue is { } due => ("decision", c.Extended ? "办结期限（已延长）" : "办结期限", due),
            _ => null,
        };
        if (d is not { } x) return null;
        var left = cal.WorkingDaysLeft(today, x.Due);
        return new Countdown(x.Kind, x.Label, x.Due, left, left is >= 0 and <= Deadlines.DueSoonWorkingDays, today > x.Due);
    }

    public static async Task<Ok<Page<CaseRow>>> ListAsync(string? queue, string? type, string? status, bool? fastTrack, string? region, string? q,
        int? page, int? pageSize, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var v = new Validation();
        queue = string.IsNullOrWhiteSpace(queue) ? "all" : queue;
        v.OneOf("queue", queue, Queues, "队列");
        if (type is not null) v.OneOf("type", type, ComplaintTypes.Labels.Keys, "投诉类型");
        if (status is not null) v.OneOf("status", status, CaseStatus.Labels.Keys, "状态");
        var size = pageSize ?? 20;
        if (size is < 1 or > 200) v.Add("pageSize", "每页条数应为 1～200");
        if (page is < 1) v.Add("page", "页码从 1 开始");
        v.ThrowIfInvalid();
        var query = Visible(db, me).AsNoTracking();
        if (type is not null) query = query.Where(c => c.Type == type);
        if (status is not null) query = query.Where(c => c.Status == status);
        if (fastTrack is { } ft) query = query.Where(c => c.FastTrack == ft);
        if (!string.IsNullOrWhiteSpace(region)) query = query.Where(c => c.RegionCode != null && c.RegionCode.StartsWith(CurrentUser.SignificantPrefix(region.PadRight(6, '0'))));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var t = q.Trim();
            query = query.Where(c => c.ReceiptNumber.Contains(t) || c.RespondentName.Contains(t) || c.ComplainantName.Contains(t) || (c.RightCanonical != null && c.RightCanonical.Contains(t)));
        }
        query = queue switch
        {
            "pending" => query.Where(c => c.Status == CaseStatus.Registered),
            "active" or "due_soon" or "overdue" => query.Where(c => CaseStatus.Open.Contains(c.Status)),
            "closed" => query.Where(c => CaseStatus.Final.Contains(c.Status)),
            _ => query,
        };
        var rows = await query.OrderByDescending(c => c.FastTrack).ThenBy(c => c.AcceptDue).ThenByDescending(c => c.Id).ToListAsync(ct);
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var today = Deadlines.Today(clock);
        var units = await UnitNamesAsync(db, ct);
        var list = rows.Select(c => (c, cd: CurrentCountdown(c, cal, today)))
            .Where(x => queue switch { "due_soon" => x.cd is { DueSoon: true }, "overdue" => x.cd is { Overdue: true }, _ => true })
            .ToList();
        var p = page ?? 1;
        var items = list.Skip((p - 1) * size).Take(size).Select(x => new CaseRow(x.c.Id, x.c.ReceiptNumber, x.c.Type, ComplaintTypes.Labels[x.c.Type], x.c.Channel,
            x.c.Status, CaseStatus.Labels[x.c.Status], x.c.FastTrack, x.c.ComplainantName, x.c.RespondentName, x.c.RightCanonical, x.c.RegionCode,
            x.c.HandlingUnitId, x.c.HandlingUnitId is { } u ? units.GetValueOrDefault(u) : null, x.c.ReceivedOn, x.cd, x.c.PossibleDuplicateOf is not null)).ToList();
        return TypedResults.Ok(new Page<CaseRow>(items, list.Count));
    }

    internal static async Task<Dictionary<long, string>> UnitNamesAsync(ZhichanDb db, CancellationToken ct) =>
        await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);

    internal static async Task<Complaint> FindVisibleAsync(ZhichanDb db, CurrentUser me, long id, CancellationToken ct)
    {
        var c = await Visible(db, me).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (c is not null) return c;
        // a case that exists but is outside the caller's rows is 403, an unknown one 404
        if (await db.Set<Complaint>().AnyAsync(x => x.Id == id, ct)) throw new DomainException("无权查看该案件", 403, "禁止访问");
        throw new DomainException($"案件 {id} 不存在", 404);
    }

    public static async Task<Ok<CaseDetail>> GetAsync(long id, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var c = await FindVisibleAsync(db, me, id, ct);
        return TypedResults.Ok(await DetailAsync(db, me, c, clock, ct));
    }

    internal static async Task<CaseDetail> DetailAsync(ZhichanDb db, CurrentUser me, Complaint c, ProtectionClock clock, CancellationToken ct)
    {
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var today = Deadlines.Today(clock);
        var units = await UnitNamesAsync(db, ct);
        // a party reads the public timeline only, as on the complainant's status page: internal notes (and the names of internal documents) stay internal
        var party = IsParty(me);
        var events = await db.Set<ComplaintEvent>().AsNoTracking().Where(e => e.ComplaintId == c.Id && (!party || e.IsPublic)).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new CaseEventDto(e.Id, e.At, e.ActorName, e.Action, e.FromStatus, e.ToStatus, e.Note, e.IsPublic)).ToArrayAsync(ct);
        var files = (await VisibleFiles(db, me, c.Id).AsNoTracking().OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.FileName, f.ContentType, f.SizeBytes, f.Kind, f.Visibility, f.UploadedAt }).ToListAsync(ct))
            .Select(f => new CaseFileDto(f.Id, f.FileName, f.ContentType, f.SizeBytes, f.Kind, f.Visibility, FileVisibility.Labels.GetValueOrDefault(f.Visibility, f.Visibility),
                f.UploadedAt)).ToArray();
        var mediations = (await db.Set<Mediation>().AsNoTracking().Where(m => m.ComplaintId == c.Id).OrderBy(m => m.HeldOn).ThenBy(m => m.Id).ToListAsync(ct))
            .Select(m => JudicialConfirmation.ToDto(m, c, me)).ToArray();
        var investigators = await db.Set<Investigator>().AsNoTracking().Where(i => i.ComplaintId == c.Id)
            .Select(i => new InvestigatorDto(i.Id, i.UserId, i.Name, i.ConflictCheckedNote, i.AssignedAt)).ToArrayAsync(ct);
        var referrals = (await db.Set<Referral>().AsNoTracking().Where(r => r.ComplaintId == c.Id).ToListAsync(ct))
            .Select(r => ToDto(r, c.ReceiptNumber, units, today)).ToArray();
        var countdowns = new List<Countdown>();
        if (CurrentCountdown(c, cal, today) is { } cd) countdowns.Add(cd);
        foreach (var r in referrals.Where(r => r.RepliedOn is null))
        {
            var left = cal.WorkingDaysLeft(today, r.ReplyDue);
            countdowns.Add(new Countdown("referral", $"{r.ToUnitName}回复期限", r.ReplyDue, left, left is >= 0 and <= Deadlines.DueSoonWorkingDays, today > r.ReplyDue));
        }
        var allowed = CanHandle(me) ? CaseStateMachine.AllowedFrom(c.Status).ToArray() : [];
        return new CaseDetail(c.Id, c.ReceiptNumber, c.Type, ComplaintTypes.Labels[c.Type], c.Channel, c.Status, CaseStatus.Labels[c.Status], c.FastTrack,
            c.FastTrackReasons, c.ComplainantKind, c.ComplainantName, c.ComplainantIdNumber, c.ComplainantPhone, c.ComplainantEmail, c.ComplainantAddress,
            c.RightType, c.RightCanonical, c.RightRecordId, c.RightTitle, c.RightStatus, c.RightOwner, c.RespondentName, c.RespondentAddress,
            c.RespondentPlatform, c.RespondentUrl, c.Facts, c.Industry, c.RegionCode, c.HandlingUnitId,
            c.HandlingUnitId is { } u ? units.GetValueOrDefault(u) : null, c.MergedIntoId, c.PossibleDuplicateOf, c.ReceivedOn, c.AcceptDue, c.AcceptedOn,
            c.FiledOn, c.DecisionDue, c.Extended, c.ExtensionReason, c.RejectReason, c.Decision, c.Outcome, c.ClosedOn, c.Satisfaction,
            c.SatisfactionComment, countdowns.ToArray(), allowed, events, files, mediations, investigators, referrals);
    }

    internal static ReferralDto ToDto(Referral r, string receipt, IReadOnlyDictionary<long, string> units, DateOnly today) =>
        new(r.Id, r.ComplaintId, receipt, r.ToUnitId, units.GetValueOrDefault(r.ToUnitId, "?"), r.Reason, r.SentOn, r.ReplyDue, r.RepliedOn, r.Reply,
            r.ReplyResult, r.RepliedOn is null && today > r.ReplyDue);

    internal static void Log(ZhichanDb db, CurrentUser me, Complaint c, string action, string? from, string? to, string? note, bool isPublic) =>
        db.Set<ComplaintEvent>().Add(new ComplaintEvent
        {
            ComplaintId = c.Id, ActorId = me.Id, ActorName = me.Name, Action = action, FromStatus = from, ToStatus = to, Note = note, IsPublic = isPublic,
        });

    internal static async Task<Complaint> FindHandleableAsync(ZhichanDb db, CurrentUser me, long id, CancellationToken ct)
    {
        var c = await FindVisibleAsync(db, me, id, ct);
        if (!CanHandle(me)) throw new DomainException("当前角色不能办理案件", 403, "禁止访问");
        return c;
    }

    public static async Task<Ok<CaseDetail>> TransitionAsync(long id, CaseTransitionRequest req, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var c = await FindHandleableAsync(db, me, id, ct);
        var v = new Validation();
        v.Required("action", req.Action, "操作");
        if (req.Action is not null && !CaseStateMachine.ByName.ContainsKey(req.Action))
            v.Add("action", $"操作“{req.Action}”无效，应为：{string.Join("、", CaseStateMachine.Actions.Select(a => a.Name))}");
        v.ThrowIfInvalid();
        var action = CaseStateMachine.ByName[req.Action!];
        if (!action.From.Contains(c.Status))
            throw new DomainException($"案件当前状态为“{CaseStatus.Labels[c.Status]}”，不能执行“{action.Label}”" +
                (CaseStateMachine.AllowedFrom(c.Status).Any() ? $"；可执行：{string.Join("、", CaseStateMachine.AllowedFrom(c.Status).Select(a => CaseStateMachine.ByName[a].Label))}" : "；案件已终结"));

        var today = Deadlines.Today(clock);
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var from = c.Status;
        var to = action.To;
        var note = req.Note?.Trim();
        string? publicNote = null;
        switch (action.Name)
        {
            case "accept":
                c.AcceptedOn = today;
                if (req.FastTrack is { } ft && ft != c.FastTrack)
                {
                    c.FastTrack = ft;
                    c.FastTrackReasons = ft ? [.. c.FastTrackReasons, "受理时人工纳入快速通道"] : [];
                }
                if (req.HandlingUnitId is { } hu)
                {
                    if (!await db.OrgUnits.AnyAsync(u => u.Id == hu, ct)) throw new RequestValidationException("handlingUnitId", $"单位 {hu} 不存在");
                    c.HandlingUnitId = hu;
                }
                publicNote = c.FastTrack ? "已受理，纳入快速处理通道" : "已受理";
                break;
            case "reject":
                if (string.IsNullOrWhiteSpace(req.Reason)) throw new RequestValidationException("reason", "不予受理须写明理由");
                c.RejectReason = req.Reason.Trim();
                publicNote = "不予受理：" + c.RejectReason;
                break;
            case "merge":
                if (req.MergeIntoId is not { } target) throw new RequestValidationException("mergeIntoId", "请选择要并入的案件");
                if (target == c.Id) throw new RequestValidationException("mergeIntoId", "不能并入本案件自身");
                var t = await db.Set<Complaint>().FirstOrDefaultAsync(x => x.Id == target, ct)
                    ?? throw new RequestValidationException("mergeIntoId", $"案件 {target} 不存在");
                if (!CaseStatus.Open.Contains(t.Status)) throw new DomainException($"案件 {t.ReceiptNumber} 已{CaseStatus.Labels[t.Status]}，不能并入");
                c.MergedIntoId = target;
                note = $"并入案件 {t.ReceiptNumber}" + (note is { Length: > 0 } ? "：" + note : "");
                publicNote = "与同一事项的其他投诉合并办理";
                Log(db, me, t, "merged_in", null, null, $"案件 {c.ReceiptNumber} 并入本案", false);
                break;
            case "refer":
                if (req.ToUnitId is not { } unitId) throw new RequestValidationException("toUnitId", "请选择移送单位");
                var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new RequestValidationException("toUnitId", $"单位 {unitId} 不存在");
                if (string.IsNullOrWhiteSpace(req.Reason)) throw new RequestValidationException("reason", "移送须写明理由（如涉嫌犯罪）");
                db.Set<Referral>().Add(new Referral
                {
                    ComplaintId = c.Id, ToUnitId = unitId, Reason = req.Reason.Trim(), SentOn = today,
                    ReplyDue = cal.AddWorkingDays(today, Deadlines.ReferralReplyWorkingDays), CreatedBy = me.Id,
                });
                note = $"移送{unit.Name}：{req.Reason.Trim()}";
                publicNote = $"已移送{unit.Name}";
                break;
            case "file":
                c.FiledOn = today;
                c.DecisionDue = Deadlines.DecisionDue(cal, c.Type, today);
                publicNote = "已立案";
                break;
            case "investigate":
                publicNote = "调查取证";
                break;
            case "mediate":
                publicNote = "组织调解";
                break;
            case "decide":
                if (string.IsNullOrWhiteSpace(req.Decision)) throw new RequestValidationException("decision", "请填写处理决定内容");
                c.Decision = req.Decision.Trim();
                publicNote = "已作出处理决定";
                break;
            case "close":
                if (string.IsNullOrWhiteSpace(req.Outcome)) throw new RequestValidationException("outcome", "结案须写明办理结果");
                c.Outcome = req.Outcome.Trim();
                c.ClosedOn = today;
                publicNote = "已结案：" + c.Outcome;
                break;
            case "suspend":
                if (string.IsNullOrWhiteSpace(req.Reason)) throw new RequestValidationException("reason", "中止须写明理由");
                c.StatusBeforeSuspension = c.Status;
                note = "中止：" + req.Reason.Trim();
                publicNote = "案件中止办理";
                break;
            case "resume":
                to = c.StatusBeforeSuspension ?? CaseStatus.Accepted;
                // the suspension does not count towards the time limit: move the decision due date by the days suspended
                var suspendedAt = await db.Set<ComplaintEvent>().Where(e => e.ComplaintId == c.Id && e.Action == "suspend").OrderByDescending(e => e.Id)
                    .Select(e => (DateTimeOffset?)e.At).FirstOrDefaultAsync(ct);
                if (suspendedAt is { } sa && c.DecisionDue is { } due)
                {
                    var days = today.DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(sa, Deadlines.ChinaTime).DateTime).DayNumber;
                    if (days > 0) { c.DecisionDue = cal.OnOrNextWorkingDay(due.AddDays(days)); note = $"恢复办理，期限顺延 {days} 日" + (note is { Length: > 0 } ? "：" + note : ""); }
                }
                c.StatusBeforeSuspension = null;
                publicNote = "恢复办理";
                break;
            case "withdraw":
                publicNote = "投诉人撤回";
                break;
        }
        c.Status = to!;
        c.UpdatedAt = DateTimeOffset.UtcNow;
        Log(db, me, c, action.Name, from, to, note ?? req.Reason?.Trim(), false);
        if (publicNote is not null)
            db.Set<ComplaintEvent>().Add(new ComplaintEvent { ComplaintId = c.Id, ActorName = "办案机关", Action = "public_" + action.Name, ToStatus = to, Note = publicNote, IsPublic = true });
        if (action.Name == "accept") await ProtectionAlerts.FastTrackAsync(db, c, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DetailAsync(db, me, c, clock, ct));
    }

    public static async Task<Ok<CaseDetail>> ExtendAsync(long id, CaseExtensionRequest req, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var c = await FindHandleableAsync(db, me, id, ct);
        var v = new Validation();
        v.Required("reason", req.Reason, "延期理由").Required("approvedBy", req.ApprovedBy, "批准人");
        v.ThrowIfInvalid();
        if (c.DecisionDue is not { } due || c.Status is not (CaseStatus.Filed or CaseStatus.Investigating or CaseStatus.Mediating))
            throw new DomainException("只有立案后、作出处理决定前的案件可以延长办理期限");
        if (c.Extended) throw new DomainException("办理期限只能延长一次，本案已延长过");
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        c.DecisionDue = Deadlines.Extend(cal, c.Type, due);
        c.Extended = true; c.ExtensionReason = req.Reason!.Trim(); c.ExtensionApprovedBy = req.ApprovedBy!.Trim(); c.UpdatedAt = DateTimeOffset.UtcNow;
        Log(db, me, c, "extend", null, null, $"经{c.ExtensionApprovedBy}批准延长至 {c.DecisionDue:yyyy-MM-dd}：{c.ExtensionReason}", false);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DetailAsync(db, me, c, clock, ct));
    }

    public static async Task<Ok<CaseDetail>> AssignAsync(long id, CaseAssignRequest req, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var c = await FindVisibleAsync(db, me, id, ct);
        if (req.HandlingUnitId is not { } uid) throw new RequestValidationException("handlingUnitId", "请选择承办单位");
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == uid, ct) ?? throw new RequestValidationException("handlingUnitId", $"单位 {uid} 不存在");
        if (unit.Kind is not (OrgUnitKinds.Bureau or OrgUnitKinds.District or OrgUnitKinds.Department))
            throw new RequestValidationException("handlingUnitId", $"“{unit.Name}”不是执法或办案单位");
        c.HandlingUnitId = uid; c.UpdatedAt = DateTimeOffset.UtcNow;
        Log(db, me, c, "assign", null, null, $"分派至{unit.Name}", false);
        await ProtectionAlerts.FastTrackAsync(db, c, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DetailAsync(db, me, c, clock, ct));
    }

    /// <summary>Staff add documents (文书), mediation agreements or further evidence to a case; same type and size checks as the intake.
    /// Internal unless <paramref name="visibility"/> says shared (ADR 0210).</summary>
    public static async Task<Ok<CaseDetail>> UploadAsync(long id, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? kind,
        [Microsoft.AspNetCore.Mvc.FromForm] string? visibility, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var c = await FindHandleableAsync(db, me, id, ct);
        kind = string.IsNullOrWhiteSpace(kind) ? "document" : kind.Trim();
        visibility = string.IsNullOrWhiteSpace(visibility) ? FileVisibility.Internal : visibility.Trim();
        var v = new Validation();
        v.OneOf("kind", kind, ["evidence", "document", "agreement"], "文件类别");
        v.OneOf("visibility", visibility, FileVisibility.Labels.Keys, "可见范围");
        if (file is null) v.Add("file", "请选择文件");
        v.ThrowIfInvalid();
        using var ms = new MemoryStream();
        await file!.CopyToAsync(ms, ct);
        var bytes = ms.ToArray();
        var ext = Path.GetExtension(file.FileName);
        if (bytes.Length == 0) v.Add("file", $"文件“{file.FileName}”为空");
        else if (bytes.Length > Intake.MaxFileBytes) v.Add("file", $"文件“{file.FileName}”超过单个文件上限 {Intake.MaxFileBytes / 1024 / 1024} MB");
        else if (!Intake.ContentTypeOf(ext, out var _)) v.Add("file", $"文件“{file.FileName}”的类型不允许");
        else if (!Intake.MagicMatches(ext, bytes)) v.Add("file", $"文件“{file.FileName}”的内容与扩展名不符");
        v.ThrowIfInvalid();
        Intake.ContentTypeOf(ext, out var contentType);
        db.Set<ComplaintFile>().Add(new ComplaintFile
        {
            ComplaintId = c.Id, FileName = Path.GetFileName(file.FileName), ContentType = contentType, SizeBytes = bytes.Length, Kind = kind,
            Sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant(), Content = bytes, UploadedBy = me.Id,
            Visibility = visibility,
        });
        Log(db, me, c, "upload", null, null, $"上传{(kind switch { "agreement" => "调解协议", "evidence" => "证据", _ => "文书" })}（{FileVisibility.Labels[visibility]}）：{Path.GetFileName(file.FileName)}", false);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DetailAsync(db, me, c, clock, ct));
    }

    public static async Task<FileContentHttpResult> DownloadAsync(long id, long fileId, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var c = await FindVisibleAsync(db, me, id, ct);
        // an internal document answers like an unknown id: its existence is not revealed to those who may not see it
        var f = await VisibleFiles(db, me, c.Id).AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct)
            ?? throw new DomainException($"文件 {fileId} 不存在", 404);
        return TypedResults.File(f.Content, f.ContentType, f.FileName);
    }

    /// <summary>SetProtectionCaseFileVisibility: the handler shares a document with the parties, or makes it internal again (audited, on the timeline).</summary>
    public static async Task<Ok<CaseDetail>> SetFileVisibilityAsync(long id, long fileId, CaseFileVisibilityRequest req, ZhichanDb db, CurrentUser me,
        ProtectionClock clock, CancellationToken ct)
    {
        var c = await FindHandleableAsync(db, me, id, ct);
        var v = new Validation();
        v.Required("visibility", req.Visibility, "可见范围").OneOf("visibility", req.Visibility, FileVisibility.Labels.Keys, "可见范围");
        v.ThrowIfInvalid();
        var f = await db.Set<ComplaintFile>().FirstOrDefaultAsync(x => x.Id == fileId && x.ComplaintId == c.Id, ct)
            ?? throw new DomainException($"文件 {fileId} 不存在", 404);
        if (f.Visibility != req.Visibility)
        {
            f.Visibility = req.Visibility!;
            Log(db, me, c, "file_visibility", null, null, $"“{f.FileName}”设为{FileVisibility.Labels[f.Visibility]}", false);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(await DetailAsync(db, me, c, clock, ct));
    }
}
