namespace Zhichan.Api.Features.Programmes.Outcomes;

/// <summary>
/// A call's outcome stages for the bureau: the ranked applications after the review with proposed or decided level and amount,
/// quota and budget counters, the publicity window, objection counts, payments, and whether a decision may be taken now.
/// </summary>
public static class GetCallOutcomes
{
    public static async Task<Ok<CallOutcomes>> HandleAsync(long callId, ZhichanDb db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await BuildAsync(db, callId, ChinaTime.Today(clock), ct));

    public static async Task<CallOutcomes> BuildAsync(ZhichanDb db, long callId, DateOnly today, CancellationToken ct)
    {
        var ctx = await OutcomeRules.LoadCallAsync(db, callId, ct);
        var (call, def) = (ctx.Call, ctx.Definition);
        var apps = await db.Set<ProgrammeApplication>().AsNoTracking()
            .Where(a => a.CallId == callId && OutcomeRules.AfterReview.Contains(a.Status)).ToListAsync(ct);
        var ids = apps.Select(a => a.Id).ToList();
        var listed = (await OutcomeRules.ListedIds(db, callId).ToListAsync(ct)).ToHashSet();
        var payments = (await db.Set<ProgrammePayment>().AsNoTracking().Where(p => ids.Contains(p.ApplicationId)).OrderBy(p => p.Id).ToListAsync(ct))
            .ToLookup(p => p.ApplicationId);
        var objections = await db.Set<ProgrammeObjection>().AsNoTracking().Where(o => o.CallId == callId).ToListAsync(ct);
        var publishedAt = await OutcomeRules.PublishedAtAsync(db, callId, ct);

        var rows = apps.OrderBy(a => a.Rank ?? int.MaxValue).ThenByDescending(a => a.ScoreAdjusted ?? a.Score).ThenBy(a => a.Id).Select(a =>
        {
            var ps = payments[a.Id].ToList();
            return new OutcomeRow(a.Id, OutcomeRules.Reference(a), a.ApplicantName, a.RegionCode, a.Status, ApplicationStates.Names[a.Status],
                a.ScoreAdjusted ?? a.Score, a.Rank, a.DispersionFlag, a.Level, a.Level is null ? null : ctx.LevelLabel(a.Level), a.AmountGranted,
                a.AmountRequested, listed.Contains(a.Id), a.DecidedAt, a.DecisionNote, a.ValidFrom, a.ValidTo,
                ps.Where(p => p.Status == PaymentStatuses.Paid).Sum(p => p.Amount), ps.Where(p => p.Status == PaymentStatuses.Planned).Sum(p => p.Amount),
                objections.Count(o => o.ApplicationId == a.Id && o.Status == "received"), objections.Count(o => o.ApplicationId == a.Id && o.Upheld == true),
                ps.Select(PaymentStatuses.View).ToList());
        }).ToList();

        var holding = apps.Where(a => OutcomeRules.Holding.Contains(a.Status)).ToList();
        var levels = def.Levels.Select(l => new LevelCounter(l.Key, l.Label, ctx.QuotaOf(l.Key), holding.Count(a => a.Level == l.Key), l.Amount)).ToList();
        var open = objections.Count(o => o.Status == "received");
        var stage = publishedAt is null ? "proposing"
            : call.PublicityTo is { } to && today <= to ? "publicity"
            : rows.Any(r => r.Status is ApplicationStates.Publicised or ApplicationStates.Reviewed) ? "deciding" : "done";
        int? left = null;
        if (stage == "publicity") left = (await WorkCalendarLoader.LoadAsync(db, ct)).WorkingDaysLeft(today, call.PublicityTo!.Value);
        var blocked = stage switch
        {
            "proposing" => "本批次尚未公示，公示期满后才能作出决定",
            "publicity" => $"公示期至 {call.PublicityTo:yyyy-MM-dd} 结束，公示期满后才能作出决定",
            _ when open > 0 => $"本批次还有 {open} 件异议未答复，答复后才能作出决定",
            _ => null,
        };
        return new CallOutcomes(call.Id, call.Title, ctx.Type.Name, ctx.Type.Category, call.Year, call.IsExample, call.RegionCode, call.Budget,
            holding.Sum(a => a.AmountGranted ?? 0), def.MaxAmount, levels, def.PublicityWorkingDays, publishedAt is null ? null : call.PublicityFrom,
            publishedAt is null ? null : call.PublicityTo, publishedAt, stage, OutcomeStages.Names[stage], left, objections.Count, open,
            def.EntityLabel is not null, def.ValidityYears, blocked, rows);
    }
}
