namespace Zhichan.Api.Features.Records.Normalisation;

/// <summary>A postcode's county as the stored addresses teach it: how many addresses with that postcode named a county, and how many of them this one.</summary>
public sealed record LearnedCounty(string Postcode, string CountyCode, int Agreeing, int Total);

/// <summary>
/// 6-digit postcode → county, learned from the addresses that name their county (ADR 0019), for the addresses with the
/// same postcode that stop at their city (陕西省西安市翠华南路17号, 710061).
/// <para>Rule (<see cref="Learn"/>): at least <see cref="DefaultMinSamples"/> addresses with the postcode named a county,
/// and at least <see cref="DefaultMinShare"/> of them the same one. A postcode that several counties share (518000 for all
/// of 深圳) gives no county. Only counties read from the address text may be samples — never one found through a postcode,
/// a township or a zone — so the table cannot teach itself.</para>
/// </summary>
public sealed class PostcodeCounties
{
    public const int DefaultMinSamples = 5;
    public const double DefaultMinShare = 0.95;

    private readonly Dictionary<int, LearnedCounty> _counties;

    private PostcodeCounties(Dictionary<int, LearnedCounty> counties) => _counties = counties;

    public static PostcodeCounties Empty { get; } = new([]);

    /// <summary>Number of postcodes with a county.</summary>
    public int Count => _counties.Count;

    /// <summary>Learns the table from (postcode, county code read from the address) samples; see the class summary for the rule.</summary>
    public static PostcodeCounties Learn(IEnumerable<(string? Postcode, string? CountyCode)> samples,
        int minSamples = DefaultMinSamples, double minShare = DefaultMinShare)
    {
        var counts = new Dictionary<int, Dictionary<string, int>>();
        foreach (var (postcode, county) in samples)
        {
            if (string.IsNullOrEmpty(county) || !PostcodeIndex.TryParse(postcode, out var pc)) continue;
            if (!counts.TryGetValue(pc, out var perCounty)) counts[pc] = perCounty = new Dictionary<string, int>(2);
            perCounty[county] = perCounty.GetValueOrDefault(county) + 1;
        }
        var result = new Dictionary<int, LearnedCounty>();
        foreach (var (pc, perCounty) in counts)
        {
            var total = 0;
            var best = (County: "", N: 0);
            foreach (var (county, n) in perCounty)
            {
                total += n;
                if (n > best.N || n == best.N && string.CompareOrdinal(county, best.County) < 0) best = (county, n);
            }
            if (total >= minSamples && best.N >= minShare * total) result[pc] = new LearnedCounty(pc.ToString("000000"), best.County, best.N, total);
        }
        return new PostcodeCounties(result);
    }

    /// <summary>The county a postcode teaches, or null when it is unknown, shared or malformed.</summary>
    public LearnedCounty? Find(string? postcode) => PostcodeIndex.TryParse(postcode, out var pc) ? _counties.GetValueOrDefault(pc) : null;
}
