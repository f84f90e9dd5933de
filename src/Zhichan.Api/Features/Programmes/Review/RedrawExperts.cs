using System.Text.Json;

namespace Zhichan.Api.Features.Programmes.Review;

/// <param name="Reason">Why the panel is drawn again (required; published with both draws).</param>
/// <param name="Criteria">New criteria; the old draw's when empty (its applications are always kept unless given).</param>
public sealed record RedrawExpertsRequest(string? Reason, DrawExpertsRequest? Criteria);

/// <summary>
/// Re-draws a call's panel (ADR 0041): a written reason, a new seed, the old draw kept and marked superseded with a link to the
/// new one, both logged. Refused once any expert of the old panel has scored, since scores belong to the panel that gave them.
/// </summary>
public static class RedrawExperts
{
    public static async Task<Created<ExpertDrawDto>> HandleAsync(long id, RedrawExpertsRequest? req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me,
        TimeProvider clock, CancellationToken ct)
    {
        var old = await db.Set<ProgrammeDraw>().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new DomainException($"专家抽取 {id} 不存在", 404);
        var reason = req?.Reason?.Trim();
        new Validation().Required("reason", reason, "重新抽取理由").MaxLength("reason", reason, 1000, "重新抽取理由").ThrowIfInvalid();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT id FROM programme_draws WHERE id = {id} FOR UPDATE", ct);
        await db.Entry(old).ReloadAsync(ct);
        var t = DrawLog.Machine.Find("redraw", old.Status, ApplicationStates.Bureau, reason);
        if (await ReviewViews.ScoringStartedAsync(db, old.Id, ct))
            throw new DomainException("该专家组已有专家开始评分，不能重新抽取；如有专家谢绝或回避，请从候补中递补");
        var call = await ReviewViews.CallAsync(db, old.CallId, ct);
        var was = ReviewViews.CriteriaOf(old);
        var c = req!.Criteria is { } r
            ? await DrawExperts.CriteriaAsync(db, call, r with { ApplicationIds = r.ApplicationIds is { Length: > 0 } ? r.ApplicationIds : was.ApplicationIds }, ct)
            : await DrawExperts.CriteriaAsync(db, call, new DrawExpertsRequest(was.Size, was.Reserves, was.Specialties, was.Titles, was.RegionPrefix, was.AvoidSameRegion, was.ApplicationIds), ct);
        var draw = await DrawExperts.NewDrawAsync(db, ds, call, c, reason, me, clock, ct);
        old.Status = t.To!;
        old.SupersededBy = draw.Id;
        db.Add(new ProgrammeDrawEvent { DrawId = old.Id }.Of<ProgrammeDrawEvent>(t, DrawLog.Drawn, me, $"{reason}（新抽取 {draw.Id}）"));
        db.Add(new ProgrammeDrawEvent { DrawId = draw.Id }.Of<ProgrammeDrawEvent>("redrawn", null, DrawLog.Drawn, me, $"{reason}（取代抽取 {old.Id}）"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/programmes/draws/{draw.Id}", await ReviewViews.ToDtoAsync(db, draw, false, ct));
    }
}
