using static Zhichan.Api.Features.Protection.Cases.CaseQueries;

namespace Zhichan.Api.Features.Protection.Cases;

public sealed record CaseTransitionRequest(string? Action, string? Note, string? Reason, long? MergeIntoId, long? ToUnitId, bool? FastTrack,
    long? HandlingUnitId, string? Decision, string? Outcome);

/// <summary>One step of the case workflow (accept, refuse, merge, refer, file, investigate, mediate, decide, close, suspend, resume, withdraw).</summary>
public static class TransitionProtectionCase
{
    public static async Task<Ok<CaseDetail>> HandleAsync(long id, CaseTransitionRequest req, ZhichanDb db, CurrentUser me, ProtectionClock clock,
        Indicators.IndicatorComputer indicators, CancellationToken ct)
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
                // the target must be a case the caller may see: another region's case is unknown here (and nothing of it is told)
                var t = await Visible(db, me).FirstOrDefaultAsync(x => x.Id == target, ct)
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
        // acceptance and closure change 结案率 and 平均办理时长: the cockpit and the assessment read the new value at once
        await indicators.RefreshModuleIndicatorsAsync(ct, "case_closure_rate", "case_avg_duration");
        return TypedResults.Ok(await DetailAsync(db, me, c, clock, ct));
    }
}
