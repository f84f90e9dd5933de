namespace Zhichan.Api.Features.Programmes.Outcomes;

/// <summary>
/// Publishes the ranked list of a call (公示, ADR 0044): every reviewed application with a proposed level moves to 公示中 through the
/// application workflow; the window runs the definition's PublicityWorkingDays working days from today and is written on the call
/// (the planned window is replaced by the real one). Applications without a level stay 评审完成 and are refused later with a reason.
/// </summary>
public static class PublishPublicity
{
    public static async Task<Ok<CallOutcomes>> HandleAsync(long callId, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var ctx = await OutcomeRules.LoadCallAsync(db, callId, ct, track: true);
        if (await OutcomeRules.PublishedAtAsync(db, callId, ct) is not null)
            throw new DomainException($"本批次已于 {ctx.Call.PublicityFrom:yyyy-MM-dd} 公示，不能再次公示");
        var apps = await db.Set<ProgrammeApplication>().Where(a => a.CallId == callId && a.Status == ApplicationStates.Reviewed).ToListAsync(ct);
        var proposed = apps.Where(a => a.Level is not null).ToList();
        if (proposed.Count == 0) throw new DomainException("没有已拟定等次的评审完成申报，不能公示");
        var today = ChinaTime.Today(clock);
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        ctx.Call.PublicityFrom = today;
        ctx.Call.PublicityTo = OutcomeRules.WindowEnd(cal, today, ctx.Definition.PublicityWorkingDays);
        ctx.Call.UpdatedAt = DateTimeOffset.UtcNow;
        foreach (var a in proposed)
            ApplicationWorkflow.Fire(db, a, "publicise", me, $"公示期 {ctx.Call.PublicityFrom:yyyy-MM-dd} 至 {ctx.Call.PublicityTo:yyyy-MM-dd}，拟{ctx.LevelLabel(a.Level)}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await GetCallOutcomes.BuildAsync(db, callId, today, ct));
    }
}
