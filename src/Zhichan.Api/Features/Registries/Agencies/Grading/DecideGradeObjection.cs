using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Registries.Agencies.Grading;

public sealed record ObjectionDecisionRequest(bool? Upheld, string? Decision);

/// <summary>
/// The bureau decides an objection. Upheld: the grade is computed again from the facts as they now stand (the bureau has
/// corrected what was wrong) and published as a new row; the old one stays in the history as superseded with the reason.
/// </summary>
public static class DecideGradeObjection
{
    public static async Task<Ok<ObjectionDto>> HandleAsync(long id, ObjectionDecisionRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var o = await db.Set<AgencyGradingObjection>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"异议 {id} 不存在", 404);
        var v = new Validation();
        if (req.Upheld is null) v.Add("upheld", "请选择异议成立或不成立");
        v.Required("decision", req.Decision, "处理意见").MaxLength("decision", req.Decision, 2000, "处理意见");
        v.ThrowIfInvalid();
        if (o.Status != "pending") throw new DomainException("该异议已处理");
        var g = await db.Set<AgencyGrading>().FirstAsync(x => x.Id == o.GradingId, ct);
        var a = await db.Set<Agency>().FirstAsync(x => x.Id == g.AgencyId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        (o.Status, o.Decision, o.DecidedBy, o.DecidedAt) = (req.Upheld!.Value ? "upheld" : "rejected", req.Decision!.Trim(), me.Id, DateTimeOffset.UtcNow);
        if (req.Upheld.Value)
        {
            g.Status = "superseded";
            g.SupersedeReason = $"异议成立：{o.Decision}";
            await db.SaveChangesAsync(ct);
            var today = ChinaTime.Today(clock);
            var fresh = await GradingViews.ComputeAsync(db, a, g.Year, await GradingRules.CurrentAsync(db, ct), today, me.Id, ct);
            fresh.Status = "published";
            fresh.PublishedAt = DateTimeOffset.UtcNow;
            fresh.ObjectionUntil = g.ObjectionUntil;
            db.Set<AgencyGrading>().Add(fresh);
            await db.SaveChangesAsync(ct);
            g.SupersededById = fresh.Id;
            o.RegradeId = fresh.Id;
        }
        if (a.OrgUnitId is { } unit)
            await Notifier.ToUnitAsync(db, unit, new NotificationMessage("agency_grade", req.Upheld.Value ? "评价异议成立，已重新评价" : "评价异议不成立",
                $"{g.Year} 年度评价异议处理意见：{o.Decision}", "/registries/agencies/mine", "agency_grading_objections", o.Id.ToString()), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(GradingViews.ToDto(o, g, a.Name));
    }
}
