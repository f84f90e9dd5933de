namespace Zhichan.Api.Features.Records.Normalisation;

/// <summary>
/// 6-digit postcode → city code, learned from data because no official postcode table is available.
/// <para>Rule (<see cref="Learn"/>): a postcode maps to a city when at least <see cref="DefaultMinSamples"/> (5) addresses
/// with that postcode resolved to a city from their text, and at least <see cref="DefaultMinShare"/> (95 %) of them agree
/// on the same city. Only addresses resolved from their own text may be used as samples (never results that came from this
/// index), so the index cannot reinforce itself. Postcodes that are not 6 digits, or are 000000, are ignored.</para>
/// </summary>
public sealed class PostcodeIndex
{
    public const int DefaultMinSamples = 5;
    public const double DefaultMinShare = 0.95;

    private readonly Dictionary<int, string> _cities;

    private PostcodeIndex(Dictionary<int, string> cities) => _cities = cities;

    public static PostcodeIndex Empty { get; } = new([]);

    /// <summary>Number of postcodes in the index.</summary>
    public int Count => _cities.Count;

    /// <summary>The learned table: postcode (6 digits) → city code (6 digits).</summary>
    public IEnumerable<KeyValuePair<string, string>> Table =>
        _cities.OrderBy(p => p.Key).Select(p => new KeyValuePair<string, string>(p.Key.ToString("000000"), p.Value));

    /// <summary>Learns the index from (postcode, city code resolved from the address) samples; see the class summary for the rule.</summary>
    public static PostcodeIndex Learn(IEnumerable<(string? Postcode, string? CityCode)> samples,
        int minSamples = DefaultMinSamples, double minShare = DefaultMinShare)
    {
        var counts = new Dictionary<int, Dictionary<string, int>>();
        foreach (var (postcode, city) in samples)
        {
            if (string.IsNullOrEmpty(city) || !TryParse(postcode, out var pc)) continue;
            if (!counts.TryGetValue(pc, out var perCity)) counts[pc] = perCity = new Dictionary<string, int>(2);
            perCity[city] = perCity.GetValueOrDefault(city) + 1;
        }
        var result = new Dictionary<int, string>();
        foreach (var (pc, perCity) in counts)
        {
            var total = 0;
            var best = (City: "", N: 0);
            foreach (var (city, n) in perCity)
            {
                total += n;
                if (n > best.N || n == best.N && string.CompareOrdinal(city, best.City) < 0) best = (city, n);
            }
            if (total >= minSamples && best.N >= minShare * total) result[pc] = best.City;
        }
        return new PostcodeIndex(result);
    }

    /// <summary>Loads an already learned table (postcode → city code), e.g. one saved from <see cref="Table"/>.</summary>
    public static PostcodeIndex FromTable(IEnumerable<KeyValuePair<string, string>> postcodeToCity)
    {
        var d = new Dictionary<int, string>();
        foreach (var (postcode, city) in postcodeToCity)
            if (TryParse(postcode, out var pc) && !string.IsNullOrEmpty(city)) d[pc] = city;
        return new PostcodeIndex(d);
    }

    /// <summary>City code for a postcode, or null when the postcode is unknown, ambiguous or malformed.</summary>
    public string? CityFor(string? postcode) => TryParse(postcode, out var pc) ? CityFor(pc) : null;

    internal string? CityFor(int postcode) => _cities.GetValueOrDefault(postcode);

    internal static bool TryParse(ReadOnlySpan<char> s, out int postcode)
    {
        postcode = 0;
        s = s.Trim();
        if (s.Length != 6) return false;
        foreach (var ch in s)
        {
            var c = TextWidth.ToHalfWidth(ch);
            if (!char.IsAsciiDigit(c)) return false;
            postcode = postcode * 10 + (c - '0');
        }
        return postcode != 0;
    }
}
