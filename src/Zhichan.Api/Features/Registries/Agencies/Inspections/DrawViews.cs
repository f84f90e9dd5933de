using System.Text.Json;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

public sealed record DrawInspectorView(long Id, string Name, string? OrgUnitName);

public sealed record DrawTargetView(long AgencyId, string AgencyName, string? Grade, DrawInspectorView[] Inspectors, InspectionResultDto? Result);

public sealed record InspectionResultDto(long AgencyId, string Outcome, string OutcomeLabel, string Findings, DateOnly InspectedOn, DateTimeOffset? PublishedAt);

public sealed record DrawItemView(long Id, string Name, string Kind, string KindLabel);

/// <summary>
/// A draw with its seed, algorithm, exact inputs and result — everything needed to re-run it — its targets with inspectors and
/// results, and its place in the chain of re-draws (superseded by / supersedes, with the reason).
/// </summary>
public sealed record DrawDto(long Id, string Title, int Year, DrawItemView[] Items, int RuleVersion, string Algorithm, string Seed, DrawInputs Inputs,
    DrawAssignment[] Result, string Fingerprint, string Status, string StatusLabel, long? SupersedesId, long? SupersededById, string? RedrawReason,
    string? SupersededReason, DateTimeOffset DrawnAt, DateTimeOffset? PublishedAt, DrawTargetView[] Targets);

public sealed record DrawSummary(long Id, string Title, int Year, string Status, string StatusLabel, int Targets, int Candidates, int ResultsRecorded, int ResultsPublished,
    long? SupersedesId, long? SupersededById, string? RedrawReason, DateTimeOffset DrawnAt, DateTimeOffset? PublishedAt);

public static class DrawViews
{
    public static readonly IReadOnlyDictionary<string, string> Outcomes = new Dictionary<string, string>
    {
        ["passed"] = "合格", ["no_issue"] = "未发现问题", ["rectify"] = "责令整改", ["failed"] = "不合格", ["unreachable"] = "通过登记的住所无法联系",
    };

    public static readonly IReadOnlyDictionary<string, string> ItemKinds = new Dictionary<string, string> { ["key"] = "重点", ["general"] = "一般" };

    public static readonly IReadOnlyDictionary<string, string> Statuses = new Dictionary<string, string> { ["drawn"] = "有效", ["superseded"] = "已重新抽取（作废）" };

    public static DrawInputs InputsOf(InspectionDraw d) => JsonSerializer.Deserialize<DrawInputs>(d.Inputs, AgencyRules.Json)!;

    public static DrawAssignment[] ResultOf(InspectionDraw d) => JsonSerializer.Deserialize<DrawAssignment[]>(d.Result, AgencyRules.Json)!;

    /// <summary>A draw as staff see it (<paramref name="isPublic"/> false) or as published (inspectors' names masked, only published results).</summary>
    public static async Task<DrawDto> ToDtoAsync(ZhichanDb db, InspectionDraw d, bool isPublic, CancellationToken ct)
    {
        var result = ResultOf(d);
        var inputs = InputsOf(d);
        var inspectorIds = result.SelectMany(r => r.InspectorIds).Distinct().ToList();
        var inspectors = await (from i in db.Set<Inspector>().AsNoTracking() join u in db.OrgUnits on i.OrgUnitId equals u.Id
                                where inspectorIds.Contains(i.Id) select new { i.Id, i.Name, Unit = u.Name }).ToDictionaryAsync(x => x.Id, ct);
        var results = await db.Set<InspectionResult>().AsNoTracking().Where(r => r.DrawId == d.Id && (!isPublic || r.PublishedAt != null)).ToDictionaryAsync(r => r.AgencyId, ct);
        var items = await db.Set<InspectionItem>().AsNoTracking().Where(i => d.ItemIds.Contains(i.Id)).OrderBy(i => i.Id).ToListAsync(ct);
        var names = inputs.Targets.ToDictionary(t => t.AgencyId);
        string? supersededReason = d.SupersededById is { } next
            ? await db.Set<InspectionDraw>().AsNoTracking().Where(x => x.Id == next).Select(x => x.RedrawReason).FirstOrDefaultAsync(ct) : null;
        var targets = result.Select(r => new DrawTargetView(r.AgencyId, names[r.AgencyId].Name, names[r.AgencyId].Grade,
            r.InspectorIds.Select(i => inspectors.TryGetValue(i, out var x)
                ? new DrawInspectorView(i, isPublic ? Masking.MaskName(x.Name) : x.Name, x.Unit) : new DrawInspectorView(i, "?", null)).ToArray(),
            results.TryGetValue(r.AgencyId, out var res) ? new InspectionResultDto(res.AgencyId, res.Outcome, Outcomes[res.Outcome],
                isPublic ? Masking.MaskText(res.Findings) : res.Findings, res.InspectedOn, res.PublishedAt) : null)).ToArray();
        return new DrawDto(d.Id, d.Title, d.Year, items.Select(i => new DrawItemView(i.Id, i.Name, i.Kind, ItemKinds[i.Kind])).ToArray(), d.RuleVersion, d.Algorithm,
            d.Seed, inputs, result, DrawAlgorithm.Fingerprint(result), d.Status, Statuses[d.Status], d.SupersedesId, d.SupersededById, d.RedrawReason,
            supersededReason, d.DrawnAt, d.PublishedAt, targets);
    }

    public static async Task<DrawSummary[]> SummariesAsync(ZhichanDb db, IQueryable<InspectionDraw> q, bool isPublic, CancellationToken ct)
    {
        var draws = await q.AsNoTracking().OrderByDescending(d => d.Id).ToListAsync(ct);
        var ids = draws.Select(d => d.Id).ToList();
        var counts = await db.Set<InspectionResult>().Where(r => ids.Contains(r.DrawId)).GroupBy(r => r.DrawId)
            .Select(g => new { g.Key, N = g.Count(), P = g.Count(r => r.PublishedAt != null) }).ToDictionaryAsync(x => x.Key, ct);
        return draws.Select(d =>
        {
            var c = counts.GetValueOrDefault(d.Id);
            var inputs = InputsOf(d);
            return new DrawSummary(d.Id, d.Title, d.Year, d.Status, Statuses[d.Status], inputs.TargetCount, inputs.Targets.Count, isPublic ? c?.P ?? 0 : c?.N ?? 0, c?.P ?? 0,
                d.SupersedesId, d.SupersededById, d.RedrawReason, d.DrawnAt, d.PublishedAt);
        }).ToArray();
    }

    /// <summary>
    /// The inputs of a new draw as the registers stand now: registered agencies sorted by id with their latest published grade and
    /// its weight; active inspectors sorted by id; exclusions from declared relations and, when the rules say so, from each
    /// agency's last (valid) inspection.
    /// </summary>
    public static async Task<(DrawInputs Inputs, InspectionRulesDto Rules)> BuildInputsAsync(ZhichanDb db, CancellationToken ct)
    {
        var rules = await InspectionRules.CurrentAsync(db, ct);
        var grades = await AgencyViews.LatestGradesAsync(db, ct);
        var agencies = await db.Set<Agency>().AsNoTracking().Where(a => a.Status == "active").OrderBy(a => a.Id).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        var targets = agencies.Select(a =>
        {
            var g = grades.TryGetValue(a.Id, out var x) ? x.Grade : null;
            return new DrawTarget(a.Id, a.Name, g, rules.Weights[g ?? "none"]);
        }).ToList();
        var inspectors = await db.Set<Inspector>().AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.Id).Select(i => new DrawInspector(i.Id, i.OrgUnitId)).ToListAsync(ct);
        var activeIds = inspectors.Select(i => i.InspectorId).ToHashSet();
        var exclusions = new List<DrawExclusion>();
        foreach (var r in await db.Set<InspectorRelation>().AsNoTracking().OrderBy(r => r.InspectorId).ThenBy(r => r.AgencyId).ToListAsync(ct))
            if (activeIds.Contains(r.InspectorId)) exclusions.Add(new DrawExclusion(r.InspectorId, r.AgencyId, "relation"));
        if (rules.AvoidPrevious)
        {
            var last = new Dictionary<long, long[]>();
            foreach (var d in await db.Set<InspectionDraw>().AsNoTracking().Where(d => d.Status == "drawn").OrderByDescending(d => d.Id).ToListAsync(ct))
            foreach (var a in ResultOf(d))
                last.TryAdd(a.AgencyId, a.InspectorIds);
            foreach (var (agency, ids) in last.OrderBy(x => x.Key))
            foreach (var i in ids.Order())
                if (activeIds.Contains(i) && !exclusions.Any(e => e.InspectorId == i && e.AgencyId == agency)) exclusions.Add(new DrawExclusion(i, agency, "previous"));
        }
        var count = targets.Count == 0 ? 0 : Math.Max(1, (int)Math.Ceiling(targets.Count * rules.SharePercent / 100m));
        var inputs = new DrawInputs(DrawAlgorithm.Version, DrawAlgorithm.NewSeed(), count, rules.InspectorsPerTarget, targets, inspectors,
            exclusions.OrderBy(e => e.InspectorId).ThenBy(e => e.AgencyId).ToList());
        return (inputs, rules);
    }
}
