using Zhichan.Api.Platform.Security;
namespace Zhichan.Api.Features.Protection.Cases;

/// <summary>Queues, the case page and the state machine's transitions (ADR 0203).</summary>
public static class CaseQueries
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
                // linked when the enterprise's own user filed it or the bureau linked it — never by a name anyone can type
                return q.Where(c => c.SubmittedBy == me.Id || c.ComplainantOrgUnitId == org);
            case Roles.Expert:
                // the account that was the expert's at the appointment, or the account that maintains the expert's row now
                var experts = Registries.Experts.ExpertPool.IdsOfUser(db, me.Id ?? -1);
                return q.Where(c => db.Set<Investigator>().Any(i => i.ComplaintId == c.Id && (i.UserId == me.Id || experts.Contains(i.ExpertId ?? -1))));
            default:
                return q.Where(_ => false);
        }
    }

    /// <summary>Who may act on a case: staff, and district users on the cases they see.</summary>
    public static bool CanHandle(CurrentUser me) => me.IsStaff || me.Role == Roles.District;


    /// <summary>The documents of a visible case the caller may list and download (ADR 0210): the handling authorities (staff, district)
    /// all of them; everybody else — parties, departments, experts — the shared ones and those they uploaded themselves.</summary>
    internal static IQueryable<ComplaintFile> VisibleFiles(ZhichanDb db, CurrentUser me, long caseId)
    {
        var q = db.Set<ComplaintFile>().Where(f => f.ComplaintId == caseId);
        if (CanHandle(me)) return q;
        var uid = me.Id ?? -1;
        return q.Where(f => f.Visibility == FileVisibility.Shared || f.UploadedBy == uid);
    }

    internal static Countdown? CurrentCountdown(Complaint c, WorkCalendar cal, DateOnly today) =>
        CurrentCountdown(c.Status, c.AcceptDue, c.DecisionDue, c.Extended, cal, today);

    /// <summary>The same from the four columns it needs (the cockpit counts every open case without loading them whole).</summary>
    internal static Countdown? CurrentCountdown(string status, DateOnly acceptDue, DateOnly? decisionDue, bool extended, WorkCalendar cal, DateOnly today)
    {
        (string Kind, string Label, DateOnly Due)? d = status switch
        {
            CaseStatus.Registered => ("accept", "受理期限", acceptDue),
            CaseStatus.Filed or CaseStatus.Investigating or CaseStatus.Mediating when decisionDue is { } due => ("decision", extended ? "办结期限（已延长）" : "办结期限", due),
            _ => null,
        };
        if (d is not { } x) return null;
        var left = cal.WorkingDaysLeft(today, x.Due);
        return new Countdown(x.Kind, x.Label, x.Due, left, left is >= 0 and <= Deadlines.DueSoonWorkingDays, today > x.Due);
    }

    internal static async Task<Dictionary<long, string>> UnitNamesAsync(ZhichanDb db, CancellationToken ct) =>
        await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);

    internal static async Task<Complaint> FindVisibleAsync(ZhichanDb db, CurrentUser me, long id, CancellationToken ct)
    {
        // a case outside the caller's rows answers like an unknown one (404): ids cannot be probed (ADR 0014)
        return await Visible(db, me).FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new DomainException($"案件 {id} 不存在", 404);
    }

    /// <summary>How much of the complainant a caller sees (ADR 0212: data minimisation).</summary>
    public static class DataViews
    {
        /// <summary>The bureau and the unit handling the case (or the district of its region): everything, to contact the complainant.</summary>
        public const string Full = "full";
        /// <summary>The complainant's own organisation: its own data, the public timeline.</summary>
        public const string Party = "party";
        /// <summary>A unit that received a referral or a confirmation request: the name, masked ID and phone, no e-mail or street address, no internal notes.</summary>
        public const string Receiver = "receiver";
        /// <summary>A technical investigator: the facts, no personal data of the complainant.</summary>
        public const string Technical = "technical";

        public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
        {
            [Full] = "完整信息（办案单位）", [Party] = "本单位提交的投诉", [Receiver] = "个人信息已按移送/司法确认所需脱敏", [Technical] = "技术调查所需信息（不含投诉人个人信息）",
        };

        public static string For(CurrentUser me, Complaint c) =>
            me.IsStaff || me.Role == Roles.District || (me.OrgUnitId is { } org && c.HandlingUnitId == org) ? Full
            : me.Role == Roles.Enterprise ? Party
            : me.Role == Roles.Expert ? Technical
            : Receiver;
    }

    internal static async Task<CaseDetail> DetailAsync(ZhichanDb db, CurrentUser me, Complaint c, ProtectionClock clock, CancellationToken ct)
    {
        var view = DataViews.For(me, c);
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var today = Deadlines.Today(clock);
        var units = await UnitNamesAsync(db, ct);
        // a party reads the public timeline only, as on the complainant's status page: internal notes (and the names of internal documents) stay internal
        // a receiving unit also reads the steps of its own referral or confirmation; nobody but the handlers reads internal notes
        var publicOnly = view != DataViews.Full;
        var events = await db.Set<ComplaintEvent>().AsNoTracking()
            .Where(e => e.ComplaintId == c.Id && (!publicOnly || e.IsPublic
                || (view == DataViews.Receiver && (e.Action.StartsWith("referral") || e.Action.StartsWith("confirmation")))))
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.At, e.ActorId, e.ActorName, e.Action, e.FromStatus, e.ToStatus, e.Note, e.IsPublic }).ToListAsync(ct);
        // people's names on the timeline, not account names
        var actorIds = events.Select(e => e.ActorId).OfType<long>().Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var timeline = events.Select(e => new CaseEventDto(e.Id, e.At, e.ActorId is { } a && people.TryGetValue(a, out var n) ? n : e.ActorName == "system" ? "系统" : e.ActorName,
            e.Action, e.FromStatus, e.ToStatus, e.Note, e.IsPublic)).ToArray();
        var files = (await VisibleFiles(db, me, c.Id).AsNoTracking().OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.FileName, f.ContentType, f.SizeBytes, f.Kind, f.Visibility, f.UploadedAt }).ToListAsync(ct))
            .Select(f => new CaseFileDto(f.Id, f.FileName, f.ContentType, f.SizeBytes, f.Kind, f.Visibility, FileVisibility.Labels.GetValueOrDefault(f.Visibility, f.Visibility),
                f.UploadedAt)).ToArray();
        var mediations = (await db.Set<Mediation>().AsNoTracking().Where(m => m.ComplaintId == c.Id).OrderBy(m => m.HeldOn).ThenBy(m => m.Id).ToListAsync(ct))
            .Select(m => JudicialConfirmation.ToDto(m, c, me)).ToArray();
        var investigators = await db.Set<Investigator>().AsNoTracking().Where(i => i.ComplaintId == c.Id)
            .Select(i => new InvestigatorDto(i.Id, i.ExpertId, i.UserId, i.Name, i.ConflictCheckedNote, i.AssignedAt)).ToArrayAsync(ct);
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
            c.FastTrackReasons, c.ComplainantKind,
            view == DataViews.Technical && c.ComplainantKind == "person" ? Masking.MaskName(c.ComplainantName) : c.ComplainantName,
            view switch { DataViews.Full or DataViews.Party => c.ComplainantIdNumber, DataViews.Receiver => Masking.MaskIdNumber(c.ComplainantIdNumber), _ => null },
            view switch { DataViews.Full or DataViews.Party => c.ComplainantPhone, DataViews.Receiver => Masking.MaskPhone(c.ComplainantPhone), _ => "" },
            view is DataViews.Full or DataViews.Party ? c.ComplainantEmail : null,
            view is DataViews.Full or DataViews.Party ? c.ComplainantAddress : view == DataViews.Receiver && c.ComplainantAddress is { } a ? Masking.MaskText(a) : null,
            c.RightType, c.RightCanonical, c.RightRecordId, c.RightTitle, c.RightStatus, c.RightOwner, c.RespondentName, c.RespondentAddress,
            c.RespondentPlatform, c.RespondentUrl, c.Facts, c.Industry, c.RegionCode, c.HandlingUnitId,
            c.HandlingUnitId is { } u ? units.GetValueOrDefault(u) : null, c.MergedIntoId, c.PossibleDuplicateOf, c.ReceivedOn, c.AcceptDue, c.AcceptedOn,
            c.FiledOn, c.DecisionDue, c.Extended, c.ExtensionReason, c.RejectReason, c.Decision, c.Outcome, c.ClosedOn, c.Satisfaction,
            c.SatisfactionComment, countdowns.ToArray(), allowed, timeline, files, mediations, investigators, referrals, view, DataViews.Labels[view]);
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
}
