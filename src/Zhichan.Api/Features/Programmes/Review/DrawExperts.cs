using System.Text.Json;
using Zhichan.Api.Features.Registries.Experts;

namespace Zhichan.Api.Features.Programmes.Review;

/// <param name="Size">Members; the type's PanelRule when empty.</param>
/// <param name="Reserves">候补; the type's PanelRule when empty.</param>
/// <param name="RegionPrefix">Only experts whose region code starts with it (e.g. 3207 for 连云港); all when empty.</param>
/// <param name="ApplicationIds">A group of the call's accepted applications; all of them when empty.</param>
public sealed record DrawExpertsRequest(int? Size, int? Reserves, string[]? Specialties, string[]? Titles, string? RegionPrefix, bool? AvoidSameRegion,
    long[]? ApplicationIds);

/// <summary>
/// Draws a review panel for a call (ADR 0041): criteria from the type's PanelRule unless overridden, candidates and computed
/// avoidance (<see cref="PanelCandidates"/>), a fresh cryptographically random seed, and the seed, algorithm version, exact
/// inputs and result recorded together; members active, reserves waiting in draw order. One valid draw per call.
/// </summary>
public static class DrawExperts
{
    public const int MaxPanel = 50;

    public static async Task<Created<ExpertDrawDto>> HandleAsync(long id, DrawExpertsRequest? req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me,
        TimeProvider clock, CancellationToken ct)
    {
        var call = await ReviewViews.CallAsync(db, id, ct);
        if ((await ReviewViews.DefinitionAsync(db, call.TypeId, ct)).Scoring.Length == 0)
            throw new DomainException("本项目不设专家评分（评分表为空），形式审查通过的申报由市局直接结束评审，无需抽取专家");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT id FROM programme_calls WHERE id = {id} FOR UPDATE", ct);
        if (await db.Set<ProgrammeDraw>().AnyAsync(d => d.CallId == id && d.Status == DrawLog.Drawn, ct))
            throw new DomainException("本批次已有有效的专家抽取；如需重新抽取，请在原抽取上说明理由后重新抽取");
        var criteria = await CriteriaAsync(db, call, req ?? new DrawExpertsRequest(null, null, null, null, null, null, null), ct);
        var draw = await NewDrawAsync(db, ds, call, criteria, null, me, clock, ct);
        DrawLog.Add(db, draw, "draw", me, $"抽取评审专家 {criteria.Size} 名、候补 {criteria.Reserves} 名，评审申报 {criteria.ApplicationIds.Length} 件");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/programmes/draws/{draw.Id}", await ReviewViews.ToDtoAsync(db, draw, false, ct));
    }

    /// <summary>The criteria of a draw: the request's values where given, else the type's PanelRule; checked.</summary>
    internal static async Task<DrawCriteria> CriteriaAsync(ZhichanDb db, ProgrammeCall call, DrawExpertsRequest req, CancellationToken ct)
    {
        var rule = (await ReviewViews.DefinitionAsync(db, call.TypeId, ct)).Panel;
        var v = new Validation();
        var size = req.Size ?? rule.Size;
        var reserves = req.Reserves ?? rule.Reserves;
        if (size is < 1 or > MaxPanel) v.Add("size", $"评审专家人数应在 1 至 {MaxPanel} 之间");
        if (reserves is < 0 or > MaxPanel) v.Add("reserves", $"候补人数应在 0 至 {MaxPanel} 之间");
        var specialties = (req.Specialties ?? rule.Specialties ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().ToArray();
        foreach (var s in specialties.Where(s => !ExpertSpecialties.IsKnown(s))) v.Add("specialties", $"专业领域“{s}”不在专家库的专业领域清单中");
        var titles = (req.Titles ?? rule.Titles ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToArray();
        var prefix = string.IsNullOrWhiteSpace(req.RegionPrefix) ? null : req.RegionPrefix.Trim();
        if (prefix is not null && (prefix.Length > 6 || !prefix.All(char.IsAsciiDigit))) v.Add("regionPrefix", "地区应为行政区划代码（或其前几位，如 3207）");
        var accepted = await db.Set<ProgrammeApplication>().Where(a => a.CallId == call.Id && a.Status == ApplicationStates.Accepted).Select(a => a.Id).ToListAsync(ct);
        var appIds = req.ApplicationIds is { Length: > 0 } ids ? ids.Distinct().Order().ToArray() : accepted.Order().ToArray();
        if (appIds.Except(accepted).Any())
            v.Add("applicationIds", $"申报 {string.Join("、", appIds.Except(accepted))} 不属于本批次或不在“{ApplicationStates.Names[ApplicationStates.Accepted]}”状态");
        v.ThrowIfInvalid();
        if (appIds.Length == 0) throw new DomainException($"本批次没有“{ApplicationStates.Names[ApplicationStates.Accepted]}”的申报，无需抽取评审专家");
        return new DrawCriteria(size, reserves, specialties, titles, prefix, req.AvoidSameRegion ?? rule.AvoidSameRegion, appIds);
    }

    /// <summary>Computes candidates, draws from a new seed and adds the draw with its members (shared with the re-draw).</summary>
    internal static async Task<ProgrammeDraw> NewDrawAsync(ZhichanDb db, NpgsqlDataSource ds, ProgrammeCall call, DrawCriteria c, string? reason,
        CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var (eligible, poolCount, exclusions) = await PanelCandidates.ComputeAsync(db, ds, c, ChinaTime.Today(clock), ct);
        var inputs = new StoredDrawInputs(PanelDrawAlgorithm.Version, DrawAlgorithmSeed(), c.Size, c.Reserves, eligible, c.ApplicationIds, poolCount, exclusions);
        var result = PanelDrawAlgorithm.Run(inputs.ForAlgorithm());
        var draw = new ProgrammeDraw
        {
            CallId = call.Id, Criteria = JsonSerializer.Serialize(c, PanelCandidates.Json), PanelSize = c.Size, Reserves = c.Reserves, Algorithm = inputs.Algorithm,
            Seed = inputs.Seed, Inputs = JsonSerializer.Serialize(inputs, PanelCandidates.Json), Result = JsonSerializer.Serialize(result, PanelCandidates.Json),
            Reason = reason, DrawnBy = me.Id,
        };
        db.Add(draw);
        await db.SaveChangesAsync(ct);
        var position = 0;
        foreach (var e in result.Members) db.Add(new ProgrammePanelMember { DrawId = draw.Id, ExpertId = e, Position = ++position, Role = "member", Status = "active" });
        foreach (var e in result.Reserves) db.Add(new ProgrammePanelMember { DrawId = draw.Id, ExpertId = e, Position = ++position, Role = "reserve", Status = "waiting" });
        await ReviewNotices.SeatedAsync(db, draw, result.Members, ct);
        return draw;
    }

    private static string DrawAlgorithmSeed() => Zhichan.Api.Platform.Random.VerifiableRandom.NewSeed();
}
