namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>
/// Fires one transition of the table (受理, 退回补充, 不予受理, 重新提交, completing a stage, 归档): completing a stage needs its
/// required checklist items checked (400 with a field error per item); the next stage's limit starts on the calendar; the
/// bureau user who accepts becomes the handler; the requesting unit is told of a return, a refusal and the archived opinion.
/// </summary>
public static class TransitionAppraisal
{
    public sealed record TransitionAppraisalRequest(string? Action, string? Note);

    public static async Task<Ok<AppraisalDetail>> HandleAsync(long id, TransitionAppraisalRequest req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me,
        TimeProvider clock, CancellationToken ct)
    {
        var a = await AppraisalQueries.FindAsync(db, me, id, ct);
        if (string.IsNullOrWhiteSpace(req.Action)) throw new RequestValidationException("action", "请选择操作");
        var t = AppraisalStates.Machine.Find(req.Action.Trim(), a.Status, AppraisalStates.ActorsOf(a, me), req.Note);
        var v = new Validation();
        v.MaxLength("note", req.Note, 1000, "理由").PlainText("note", req.Note, "理由");
        v.ThrowIfInvalid();
        var checks = await db.Set<AppraisalCheck>().AsNoTracking().Where(c => c.AppraisalId == a.Id).ToListAsync(ct);
        AppraisalRules.StageGate(a, t.Action, checks);

        var today = ChinaTime.Today(clock);
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var from = a.Status;
        a.Status = t.To ?? from;
        a.StageStartedOn = today;
        a.StageDueOn = AppraisalRules.DueOn(a.Status, today, cal);
        a.UpdatedAt = DateTimeOffset.UtcNow;
        if (t.Action == "accept" || a.HandlerId is null && me.IsStaff)
            (a.HandlerId, a.HandlerName) = (me.Id, await db.Database.SqlQuery<string>($"SELECT display_name AS \"Value\" FROM users WHERE id = {me.Id}").FirstAsync(ct));
        db.Add(new AppraisalEvent { AppraisalId = a.Id }.Of<AppraisalEvent>(t, from, me, req.Note));
        if (a.OwnerOrgUnitId is { } unit && t.Action is "return" or "reject" or "archive" or "accept")
            await Platform.Notifications.Notifier.ToUnitAsync(db, unit, new Platform.Notifications.NotificationMessage("analysis.appraisal",
                $"评议申请“{a.ProjectName}”：{t.Label}", string.IsNullOrWhiteSpace(req.Note) ? $"当前状态：{AppraisalStates.Machine.StateName(a.Status)}" : req.Note.Trim(),
                $"/analysis/appraisals/{a.Id}", "appraisals", a.Id.ToString()), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await AppraisalQueries.DetailAsync(db, data, a, me, today, ct));
    }
}
