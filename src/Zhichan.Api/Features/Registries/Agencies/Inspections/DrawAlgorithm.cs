using System.Security.Cryptography;
using System.Text;
using Zhichan.Api.Platform.Random;

namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

/// <summary>A candidate target: the agency, its grade at the draw and the weight the rules give that grade.</summary>
public sealed record DrawTarget(long AgencyId, string Name, string? Grade, int Weight);

/// <summary>A candidate inspector: id and org unit (names are not an input of the algorithm).</summary>
public sealed record DrawInspector(long InspectorId, long OrgUnitId);

/// <summary>An inspector who may not inspect an agency: <c>relation</c> (declared) or <c>previous</c> (inspected it last time).</summary>
public sealed record DrawExclusion(long InspectorId, long AgencyId, string Reason);

/// <summary>Exactly what the draw reads: with the same values anyone gets the same result.</summary>
public sealed record DrawInputs(string Algorithm, string Seed, int TargetCount, int InspectorsPerTarget, IReadOnlyList<DrawTarget> Targets,
    IReadOnlyList<DrawInspector> Inspectors, IReadOnlyList<DrawExclusion> Exclusions);

/// <summary>One drawn target and its inspectors, in the order they were drawn.</summary>
public sealed record DrawAssignment(long AgencyId, long[] InspectorIds);

/// <summary>
/// The draw, version <see cref="Version"/> (ADR 0025), written so it can be re-implemented in a few lines of any language:
/// <list type="number">
/// <item>Random numbers (<see cref="VerifiableRandom"/>): the n-th (n = 0, 1, 2 …) is the first 8 bytes, read as an unsigned big-endian integer, of
/// SHA-256(seed bytes ‖ n as 8 bytes big-endian). A number below m is x mod m for the first x below 2^64 − (2^64 mod m)
/// (others are skipped), so every value is equally likely.</item>
/// <item>Targets: the candidates sorted by agency id; TargetCount times, r = a number below the total weight of those left,
/// and the candidate whose cumulative weight first exceeds r is drawn and removed (weighted, without replacement).</item>
/// <item>Inspectors: for each drawn target in draw order, the inspectors sorted by id without the excluded ones for that
/// agency; InspectorsPerTarget times, the one at a number below their count is drawn and removed.</item>
/// </list>
/// </summary>
public static class DrawAlgorithm
{
    public const string Version = "zhichan-draw-v1";

    public static string NewSeed() => VerifiableRandom.NewSeed();

    public static IReadOnlyList<DrawAssignment> Run(DrawInputs inputs)
    {
        if (inputs.Algorithm != Version) throw new RequestValidationException("algorithm", $"不支持的抽取算法版本“{inputs.Algorithm}”，本平台实现 {Version}");
        var seed = VerifiableRandom.ParseSeed(inputs.Seed);
        if (inputs.InspectorsPerTarget < 1) throw new RequestValidationException("inspectorsPerTarget", "每个对象的检查人员数应至少为 1");
        if (inputs.TargetCount < 0 || inputs.TargetCount > inputs.Targets.Count) throw new RequestValidationException("targetCount", "抽取对象数应在 0 与候选对象数之间");
        if (inputs.Targets.Any(t => t.Weight < 1)) throw new RequestValidationException("targets", "每个候选对象的权重应为正整数");
        if (inputs.Targets.Select(t => t.AgencyId).Distinct().Count() != inputs.Targets.Count) throw new RequestValidationException("targets", "候选对象重复");
        if (inputs.Inspectors.Select(t => t.InspectorId).Distinct().Count() != inputs.Inspectors.Count) throw new RequestValidationException("inspectors", "检查人员重复");

        var rng = new VerifiableRandom(seed);
        var pool = inputs.Targets.OrderBy(t => t.AgencyId).ToList();
        var chosen = new List<DrawTarget>();
        for (var i = 0; i < inputs.TargetCount; i++)
        {
            var total = pool.Sum(t => (long)t.Weight);
            var r = rng.Below((ulong)total);
            var acc = 0UL;
            var k = 0;
            for (; k < pool.Count; k++)
            {
                acc += (ulong)pool[k].Weight;
                if (r < acc) break;
            }
            chosen.Add(pool[k]);
            pool.RemoveAt(k);
        }
        var excluded = inputs.Exclusions.Select(e => (e.InspectorId, e.AgencyId)).ToHashSet();
        var inspectors = inputs.Inspectors.OrderBy(x => x.InspectorId).ToList();
        var result = new List<DrawAssignment>();
        foreach (var t in chosen)
        {
            var eligible = inspectors.Where(x => !excluded.Contains((x.InspectorId, t.AgencyId))).Select(x => x.InspectorId).ToList();
            if (eligible.Count < inputs.InspectorsPerTarget)
                throw new DomainException($"“{t.Name}”可抽取的检查人员只有 {eligible.Count} 名（已回避 {inspectors.Count - eligible.Count} 名），少于每个对象 {inputs.InspectorsPerTarget} 名，请先补充检查人员");
            var picked = new long[inputs.InspectorsPerTarget];
            for (var j = 0; j < picked.Length; j++)
            {
                var idx = (int)rng.Below((ulong)eligible.Count);
                picked[j] = eligible[idx];
                eligible.RemoveAt(idx);
            }
            result.Add(new DrawAssignment(t.AgencyId, picked));
        }
        return result;
    }

    /// <summary>SHA-256 of the result as canonical text ("agency:inspector,inspector;…"), published as a short fingerprint.</summary>
    public static string Fingerprint(IEnumerable<DrawAssignment> result) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(";", result.Select(a => $"{a.AgencyId}:{string.Join(",", a.InspectorIds)}")))))[..16];
}
