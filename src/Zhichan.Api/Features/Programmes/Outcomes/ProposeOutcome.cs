namespace Zhichan.Api.Features.Programmes.Outcomes;

/// <param name="Level">A level key of the programme's definition; null withdraws the proposal (the application is then not published).</param>
/// <param name="Amount">元; defaults to the level's amount; at most the level's amount and the programme's MaxAmount.</param>
public sealed record ProposeOutcomeRequest(string? Level, decimal? Amount);

/// <summary>
/// The bureau proposes the level and amount of a reviewed application before the 公示 (ADR 0044). Refused with the reason when the
/// level's quota is full or the call's budget would be exceeded, or when the amount is above the level's amount or MaxAmount.
/// </summary>
public static class ProposeOutcome
{
    public static async Task<Ok<CallOutcomes>> HandleAsync(long id, ProposeOutcomeRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var (app, ctx) = await OutcomeRules.LoadApplicationAsync(db, id, ct);
        if (app.Status != ApplicationStates.Reviewed)
            throw new DomainException($"申报当前状态为“{ApplicationStates.Names[app.Status]}”，只有评审完成、尚未公示的申报可以拟定等次和金额");
        if (await OutcomeRules.PublishedAtAsync(db, app.CallId, ct) is not null)
            throw new DomainException("本批次已公示，不能再拟定等次和金额；未进入公示名单的申报只能不予认定/立项");
        var level = string.IsNullOrWhiteSpace(req.Level) ? null : req.Level.Trim();
        decimal? amount = null;
        if (level is not null)
        {
            var def = ctx.Definition.Levels.FirstOrDefault(l => l.Key == level)
                ?? throw new RequestValidationException("level", $"等次“{level}”不在本项目的等次中（{string.Join("、", ctx.Definition.Levels.Select(l => l.Label))}）");
            amount = req.Amount ?? def.Amount;
            var v = new Validation();
            if (amount < 0) v.Add("amount", "金额不能为负数");
            if (amount is { } a1 && def.Amount is { } max && a1 > max) v.Add("amount", $"“{def.Label}”的金额至多为 {OutcomeRules.Yuan(max)}");
            if (amount is { } a2 && ctx.Definition.MaxAmount is { } cap && a2 > cap) v.Add("amount", $"本项目单项金额至多为 {OutcomeRules.Yuan(cap)}");
            v.ThrowIfInvalid();

            var others = await db.Set<ProgrammeApplication>().AsNoTracking()
                .Where(a => a.CallId == app.CallId && a.Id != app.Id && OutcomeRules.Holding.Contains(a.Status)).Select(a => new { a.Level, a.AmountGranted }).ToListAsync(ct);
            var used = others.Count(o => o.Level == level);
            if (ctx.QuotaOf(level) is { } quota && used + 1 > quota)
                throw new DomainException($"“{def.Label}”名额为 {quota} 个，已拟定 {used} 个，不能再增加");
            var spent = others.Sum(o => o.AmountGranted ?? 0);
            if (ctx.Call.Budget is { } budget && spent + (amount ?? 0) > budget)
                throw new DomainException($"超出批次预算：预算 {OutcomeRules.Yuan(budget)}，已拟定 {OutcomeRules.Yuan(spent)}，本项 {OutcomeRules.Yuan(amount ?? 0)}");
        }
        else if (req.Amount is not null) throw new RequestValidationException("amount", "未拟定等次时不能填写金额");
        (app.Level, app.AmountGranted, app.UpdatedAt) = (level, amount, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await GetCallOutcomes.BuildAsync(db, app.CallId, ChinaTime.Today(clock), ct));
    }
}
