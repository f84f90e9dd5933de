using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Features.Registries.Entities;
using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Programmes.Outcomes;

/// <param name="Approve">true: 认定/立项/授奖 with the proposed level and amount; false: 不予, with a reason.</param>
public sealed record DecideApplicationRequest(bool? Approve, string? Note);

/// <summary>
/// The decision on one application (ADR 0044), after the 公示 window ended and every objection to the call was answered. An approval
/// keeps the proposed level and amount; a recognition records its validity (decision day + ValidityYears) and, where the definition
/// names an entity label, writes it on the applicant's entity (origin programmes). A refusal needs a reason; with an upheld objection
/// it may come before the window ends. The applicant unit is notified in-app; the indicators the decision feeds are refreshed.
/// </summary>
public static class DecideApplication
{
    public static async Task<Ok<CallOutcomes>> HandleAsync(long id, DecideApplicationRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock,
        IndicatorComputer indicators, CancellationToken ct)
    {
        if (req.Approve is null) throw new RequestValidationException("approve", "请选择认定（立项）或不予认定（立项）");
        var (app, ctx) = await OutcomeRules.LoadApplicationAsync(db, id, ct);
        var (call, def) = (ctx.Call, ctx.Definition);
        var today = ChinaTime.Today(clock);
        var note = req.Note?.Trim();
        var upheld = await db.Set<ProgrammeObjection>().AnyAsync(o => o.ApplicationId == app.Id && o.Upheld == true, ct);
        if (req.Approve == true || !upheld)
        {
            await OutcomeRules.EnsureWindowEndedAsync(db, call, today, ct);
            await OutcomeRules.EnsureObjectionsAnsweredAsync(db, call.Id, ct);
        }
        if (req.Approve == true)
        {
            if (app.Status == ApplicationStates.Publicised && app.Level is null) throw new DomainException("该申报没有拟定等次，不能认定");
            ApplicationWorkflow.Fire(db, app, "approve", me, note);
            (app.DecidedAt, app.DecisionNote) = (DateTimeOffset.UtcNow, note);
            if (def.ValidityYears is { } years) (app.ValidFrom, app.ValidTo) = (today, today.AddYears(years));
            if (def.EntityLabel is { } kind && kind != LabelKinds.IpStandard && app.EntityId is { } entityId)
                db.Add(new EntityLabel
                {
                    EntityId = entityId, Kind = kind, Level = LabelKinds.Levelled.Contains(kind) ? OutcomeRules.LabelLevel(call.RegionCode) : null,
                    ValidFrom = today, ValidTo = app.ValidTo, Origin = LabelOrigins.Programmes, ProgrammeRef = OutcomeRules.Reference(app),
                    Source = $"{call.Title}（公示期 {call.PublicityFrom:yyyy-MM-dd} 至 {call.PublicityTo:yyyy-MM-dd}）", CreatedBy = me.Name,
                });
        }
        else
        {
            ApplicationWorkflow.Fire(db, app, "refuse", me, note);
            (app.DecidedAt, app.DecisionNote) = (DateTimeOffset.UtcNow, note);
        }
        if (app.OrgUnitId is { } unit)
        {
            var approved = app.Status == ApplicationStates.Approved;
            var result = approved ? $"已认定/立项（{ctx.LevelLabel(app.Level)}" +
                (app.AmountGranted is { } amt ? $"，{OutcomeRules.Yuan(amt)}" : "") + (app.ValidTo is { } to ? $"，有效期至 {to:yyyy-MM-dd}" : "") + "）"
                : $"不予认定/立项：{note}";
            await Notifier.ToUnitAsync(db, unit, new NotificationMessage("programme_decision", $"{call.Title}：申报结果", $"贵单位的申报 {OutcomeRules.Reference(app)} {result}",
                "/programmes", "programme_applications", app.Id.ToString()), ct);
        }
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, [.. LabelIndicator.Codes, .. ProgrammeIndicators.Codes]);
        return TypedResults.Ok(await GetCallOutcomes.BuildAsync(db, app.CallId, today, ct));
    }
}
