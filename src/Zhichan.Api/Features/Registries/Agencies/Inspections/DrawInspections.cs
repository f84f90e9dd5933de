using System.Text.Json;

namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

public sealed record DrawRequest(string? Title, int? Year, long[]? ItemIds);

/// <summary>
/// 双随机: draws the targets (weighted by grade) and, for each, the inspectors (at least two, avoiding declared relations and,
/// by rule, last time's inspectors) from a fresh cryptographically random seed. Seed, algorithm, exact inputs and result are
/// recorded together so that the draw can be re-run by anyone once published (ADR 0025).
/// </summary>
public static class DrawInspections
{
    public static async Task<Created<DrawDto>> HandleAsync(DrawRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var v = new Validation();
        v.Required("title", req.Title, "抽查任务名称").MaxLength("title", req.Title, 200, "抽查任务名称");
        if (req.Year is not { } year || year < 2000 || year > today.Year + 1) v.Add("year", "抽查年度无效");
        var itemIds = (req.ItemIds ?? []).Distinct().Order().ToArray();
        if (itemIds.Length == 0) v.Add("itemIds", "请至少选择一个检查事项");
        else if (await db.Set<InspectionItem>().CountAsync(i => itemIds.Contains(i.Id) && i.IsActive, ct) != itemIds.Length) v.Add("itemIds", "检查事项不存在或已停用");
        v.ThrowIfInvalid();
        var draw = await NewDrawAsync(db, req.Title!.Trim(), req.Year!.Value, itemIds, me, ct);
        db.Set<InspectionDraw>().Add(draw);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/registries/inspections/draws/{draw.Id}", await DrawViews.ToDtoAsync(db, draw, false, ct));
    }

    /// <summary>A draw over the registers as they stand now (shared with the re-draw).</summary>
    internal static async Task<InspectionDraw> NewDrawAsync(ZhichanDb db, string title, int year, long[] itemIds, CurrentUser me, CancellationToken ct)
    {
        var (inputs, rules) = await DrawViews.BuildInputsAsync(db, ct);
        if (inputs.Targets.Count == 0) throw new DomainException("检查对象名录为空：没有在册的服务机构");
        if (inputs.Inspectors.Count < inputs.InspectorsPerTarget) throw new DomainException($"检查人员名录只有 {inputs.Inspectors.Count} 名在岗人员，少于每个对象需要的 {inputs.InspectorsPerTarget} 名");
        var result = DrawAlgorithm.Run(inputs);
        return new InspectionDraw
        {
            Title = title, Year = year, ItemIds = itemIds, RuleVersion = rules.Version, Algorithm = inputs.Algorithm, Seed = inputs.Seed,
            Inputs = JsonSerializer.Serialize(inputs, AgencyRules.Json), Result = JsonSerializer.Serialize(result, AgencyRules.Json), DrawnBy = me.Id,
        };
    }
}
