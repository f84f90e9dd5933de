namespace Zhichan.Api.Features.Registries.Agencies.Grading;

public sealed record ObjectionRequest(string? Reason);

/// <summary>An agency objects to its published grade within the objection window (one pending objection at a time).</summary>
public static class FileGradeObjection
{
    public static async Task<Created<ObjectionDto>> HandleAsync(long gradingId, ObjectionRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var mine = await AgencyRules.MineAsync(db, me, ct);
        var g = await db.Set<AgencyGrading>().FirstOrDefaultAsync(x => x.Id == gradingId && x.AgencyId == mine.Id && x.Status != "draft", ct)
                ?? throw new DomainException($"评价结果 {gradingId} 不存在", 404);
        var v = new Validation();
        v.Required("reason", req.Reason, "异议理由").MaxLength("reason", req.Reason, 2000, "异议理由").PlainText("reason", req.Reason, "异议理由");
        v.ThrowIfInvalid();
        if (g.Status != "published") throw new DomainException("该评价结果已被更正，不能再提出异议");
        if (g.ObjectionUntil is not { } until || ChinaTime.Today(clock) > until) throw new DomainException($"异议期已于 {g.ObjectionUntil:yyyy-MM-dd} 结束");
        if (await db.Set<AgencyGradingObjection>().AnyAsync(o => o.GradingId == g.Id && o.Status == "pending", ct)) throw new DomainException("已有待处理的异议");
        var o = new AgencyGradingObjection { GradingId = g.Id, Reason = req.Reason!.Trim(), FiledBy = me.Id };
        db.Set<AgencyGradingObjection>().Add(o);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/registries/agencies/objections/{o.Id}", GradingViews.ToDto(o, g, mine.Name));
    }
}
