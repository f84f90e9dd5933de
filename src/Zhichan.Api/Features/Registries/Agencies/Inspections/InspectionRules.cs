using System.Text.Json;

namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

/// <summary>A version of the draw rules: share of targets, weights by grade ("none": not graded yet), inspectors per target, avoidance of last time's inspectors.</summary>
public sealed record InspectionRulesDto(int Version, decimal SharePercent, IReadOnlyDictionary<string, int> Weights, int InspectorsPerTarget, bool AvoidPrevious,
    string? Note, DateTimeOffset CreatedAt);

public static class InspectionRules
{
    public static readonly string[] WeightKeys = ["A+", "A", "B", "C", "D", "none"];

    /// <summary>Version 1, written when the bureau has set none: 20 % of the targets, lower grades drawn more often, 2 inspectors, avoid last time's.</summary>
    public static InspectionRulesDto Default => new(1, 20, new Dictionary<string, int> { ["A+"] = 1, ["A"] = 1, ["B"] = 2, ["C"] = 3, ["D"] = 4, ["none"] = 2 },
        2, true, "默认规则（可由知识产权局修改）", DateTimeOffset.UtcNow);

    public static InspectionRulesDto FromRow(InspectionRuleRow r) => new(r.Version, r.SharePercent,
        JsonSerializer.Deserialize<Dictionary<string, int>>(r.Weights)!, r.InspectorsPerTarget, r.AvoidPrevious, r.Note, r.CreatedAt);

    public static InspectionRuleRow ToRow(InspectionRulesDto r, long? by) => new()
    {
        Version = r.Version, SharePercent = r.SharePercent, Weights = JsonSerializer.Serialize(r.Weights), InspectorsPerTarget = r.InspectorsPerTarget,
        AvoidPrevious = r.AvoidPrevious, Note = r.Note, CreatedBy = by,
    };

    public static async Task<InspectionRulesDto> CurrentAsync(ZhichanDb db, CancellationToken ct)
    {
        var row = await db.Set<InspectionRuleRow>().AsNoTracking().OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        if (row is not null) return FromRow(row);
        var fresh = ToRow(Default, null);
        db.Set<InspectionRuleRow>().Add(fresh);
        await db.SaveChangesAsync(ct);
        return FromRow(fresh);
    }

    public static void Validate(InspectionRulesDto r, Validation v)
    {
        if (r.SharePercent is <= 0 or > 100) v.Add("sharePercent", "抽查比例应大于 0%、不超过 100%");
        if (r.InspectorsPerTarget is < 2 or > 10) v.Add("inspectorsPerTarget", "每个检查对象应至少选派 2 名、至多 10 名检查人员");
        foreach (var k in WeightKeys)
            if (!r.Weights.TryGetValue(k, out var w) || w is < 1 or > 100) v.Add("weights", $"等级 {(k == "none" ? "未评价" : k)} 的抽取权重应为 1 至 100 的整数");
        if (r.Weights.Keys.Except(WeightKeys).Any()) v.Add("weights", "权重只能按 A+、A、B、C、D 和未评价（none）设置");
    }
}
