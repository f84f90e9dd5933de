namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>
/// A new request (评议申请), audited: registered by the bureau, or submitted by an enterprise for its own unit. It starts 待受理
/// with the acceptance limit on the working-day calendar and the full checklist (the talent item only for 人才引进).
/// </summary>
public static class CreateAppraisal
{
    public static async Task<Created<AppraisalDetail>> HandleAsync(AppraisalFields req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, TimeProvider clock,
        CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var a = new Appraisal { CreatedBy = me.Id, CreatedByName = me.Name, StageStartedOn = today };
        await AppraisalRequestFields.ApplyAsync(req, a, db, data, me, ct);
        a.StageDueOn = AppraisalRules.DueOn(a.Status, today, cal);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(a);
        await db.SaveChangesAsync(ct);
        foreach (var c in AppraisalChecklist.Initial(a)) { c.AppraisalId = a.Id; db.Add(c); }
        db.Add(new AppraisalEvent { AppraisalId = a.Id }.Of<AppraisalEvent>("create", null, a.Status, me, null));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/analysis/appraisals/{a.Id}", await AppraisalQueries.DetailAsync(db, data, a, me, today, ct));
    }
}
