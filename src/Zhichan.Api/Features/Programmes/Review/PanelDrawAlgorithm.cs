using System.Security.Cryptography;
using System.Text;
using Zhichan.Api.Platform.Random;

namespace Zhichan.Api.Features.Programmes.Review;

/// <summary>What the panel draw reads (ADR 0041): with the same values anyone gets the same panel.</summary>
/// <param name="EligibleExpertIds">The experts left after the filters and the avoidance, in any order (the algorithm sorts them).</param>
public sealed record PanelDrawInputs(string Algorithm, string Seed, int Size, int Reserves, long[] EligibleExpertIds);

/// <summary>The drawn panel: members in draw order, then the reserves (候补) in the order they replace.</summary>
public sealed record PanelDrawResult(long[] Members, long[] Reserves);

/// <summary>
/// The panel draw, version <see cref="Version"/> (ADR 0041), on the platform's published stream (<see cref="VerifiableRandom"/>,
/// the stream of ADR 0025): the eligible expert ids sorted ascending; Size + Reserves times, the one at a number below the count
/// left is drawn and removed (uniform, without replacement). The first Size drawn are the members, the next the reserves in order.
/// Fewer eligible experts than Size + Reserves is refused, never drawn short.
/// </summary>
public static class PanelDrawAlgorithm
{
    public const string Version = "zhichan-panel-v1";
    public const int MaxCandidates = 10_000;

    public static PanelDrawResult Run(PanelDrawInputs inputs)
    {
        if (inputs.Algorithm != Version) throw new RequestValidationException("algorithm", $"不支持的抽取算法版本“{inputs.Algorithm}”，本平台实现 {Version}");
        var seed = VerifiableRandom.ParseSeed(inputs.Seed);
        if (inputs.Size < 1) throw new RequestValidationException("size", "评审专家人数应至少为 1");
        if (inputs.Reserves < 0) throw new RequestValidationException("reserves", "候补人数不能为负数");
        var ids = inputs.EligibleExpertIds ?? [];
        if (ids.Length > MaxCandidates) throw new RequestValidationException("eligibleExpertIds", $"候选专家不超过 {MaxCandidates} 名");
        if (ids.Distinct().Count() != ids.Length) throw new RequestValidationException("eligibleExpertIds", "候选专家重复");
        var need = inputs.Size + inputs.Reserves;
        if (ids.Length < need)
            throw new DomainException($"符合条件且无需回避的专家只有 {ids.Length} 名，少于评审专家 {inputs.Size} 名加候补 {inputs.Reserves} 名（共 {need} 名），还差 {need - ids.Length} 名；请放宽抽取条件或补充专家库后再抽取");
        var rng = new VerifiableRandom(seed);
        var pool = ids.Order().ToList();
        var drawn = new long[need];
        for (var i = 0; i < need; i++)
        {
            var k = (int)rng.Below((ulong)pool.Count);
            drawn[i] = pool[k];
            pool.RemoveAt(k);
        }
        return new PanelDrawResult(drawn[..inputs.Size], drawn[inputs.Size..]);
    }

    /// <summary>SHA-256 of the result as canonical text ("m:id,id;r:id,id"), its first 16 hex digits published as a fingerprint.</summary>
    public static string Fingerprint(PanelDrawResult r) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"m:{string.Join(",", r.Members)};r:{string.Join(",", r.Reserves)}")))[..16];
}
