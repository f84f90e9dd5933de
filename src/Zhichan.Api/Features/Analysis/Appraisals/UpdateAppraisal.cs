namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>
/// Changes the request's fields (audited): the requester while it is 待受理 or 退回补充, the bureau until it is archived or refused.
/// The checklist's talent item follows the activity kind.
/// </summary>
public static class UpdateAppraisal
{
    public static async Task<Ok<AppraisalDetail>> HandleAsync(long id, AppraisalFields req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, TimeProvider clock,
        CancellationToken ct)
    {
        var a = await AppraisalQueries.FindAsync(db, me, id, ct);
        var today = ChinaTime.Today(clock);
        var view = await AppraisalQueries.DetailAsync(db, data, a, me, today, ct);
        if (!view.Editable) throw new DomainException($"评议申请当前状态为“{AppraisalStates.Machine.StateName(a.Status)}”，不能修改", 409);
        await AppraisalRequestFields.ApplyAsync(req, a, db, data, me, ct);
        var talent = await db.Set<AppraisalCheck>().FirstOrDefaultAsync(c => c.AppraisalId == a.Id && c.Code == "talent", ct);
        if (talent is not null)
        {
            talent.Required = a.ActivityKind == AppraisalKinds.Talent;
            if (talent.Required && talent.State == AppraisalRisk.NotApplicable && talent.UpdatedByName is null) talent.State = AppraisalRisk.Unchecked;
            if (!talent.Required && talent.State == AppraisalRisk.Unchecked) talent.State = AppraisalRisk.NotApplicable;
        }
        a.UpdatedAt = DateTimeOffset.UtcNow;
        db.Add(new AppraisalEvent { AppraisalId = a.Id }.Of<AppraisalEvent>("edit", a.Status, a.Status, me, null));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await AppraisalQueries.DetailAsync(db, data, a, me, today, ct));
    }
}
