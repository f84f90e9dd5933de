using System.Text.Json;

namespace Zhichan.Api.Features.Analysis.Watches;

/// <summary>The thresholds of the screening (settings, ADR 0048).</summary>
public sealed record ScreeningRule(int MinFilings, int Days, int SimilarityPct);

/// <summary>A group the screening found: one applicant's near-identical filings.</summary>
public sealed record ScreenedGroup(string Applicant, string? RegionCode, DateOnly FirstDate, DateOnly LastDate, long[] RecordIds, decimal MinSimilarity, string SampleTitle);

/// <summary>
/// 非正常申请 screening (ADR 0048): per first applicant, two filings are linked when their application dates are at most
/// <see cref="ScreeningRule.Days"/> apart and their titles' character-trigram Jaccard similarity is at least
/// <see cref="ScreeningRule.SimilarityPct"/> %; a connected set of at least <see cref="ScreeningRule.MinFilings"/> linked filings is a
/// group. Incremental: only applicants with records added since the last run are screened again (over all their records).
/// </summary>
public static class AbnormalFilingScreening
{
    public const string Mark = "screening";

    private sealed record Row(long Id, string Applicant, DateOnly Date, string Title, string? Region);

    /// <summary>Screens the applicants with new records (all applicants when <paramref name="full"/>) and stores the groups; returns the new ones.</summary>
    public static async Task<List<ScreenedGroup>> RunAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ScreeningRule rule, bool full, long maxRecord, CancellationToken ct)
    {
        var mark = full ? 0 : await conn.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT value FROM watch_marks WHERE name = @n", new { n = Mark }, tx, cancellationToken: ct)) ?? 0;
        if (mark >= maxRecord) return [];
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition("""
            SELECT r.id, r.first_applicant AS applicant, r.application_date AS date, r.title, COALESCE(r.county_code, r.city_code, r.province_code) AS region
            FROM records r
            WHERE r.first_applicant IN (SELECT DISTINCT n.first_applicant FROM records n WHERE n.id > @mark AND n.id <= @maxRecord AND n.first_applicant IS NOT NULL)
              AND r.id <= @maxRecord AND r.application_date IS NOT NULL AND r.title IS NOT NULL AND r.title <> '' AND r.right_type LIKE 'patent%'
            """, new { mark, maxRecord }, tx, commandTimeout: 600, cancellationToken: ct))).ToList();
        var found = rows.GroupBy(r => r.Applicant).SelectMany(g => Groups(g.ToList(), rule)).ToList();
        var fresh = new List<ScreenedGroup>();
        var ruleJson = JsonSerializer.Serialize(new { minFilings = rule.MinFilings, days = rule.Days, similarityPct = rule.SimilarityPct, measure = "character trigram Jaccard" });
        foreach (var g in found)
        {
            // a group is known by its applicant and its first record: when later filings join it, the stored row grows
            var signature = $"{g.Applicant}#{g.RecordIds.Min()}";
            var inserted = await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
                INSERT INTO abnormal_filing_groups (applicant, region_code, first_date, last_date, record_count, min_similarity, sample_title, record_ids, rule, signature)
                VALUES (@Applicant, @RegionCode, @FirstDate, @LastDate, @count, @MinSimilarity, @SampleTitle, @RecordIds, @rule::jsonb, @signature)
                ON CONFLICT (signature) DO UPDATE SET last_date = EXCLUDED.last_date, record_count = EXCLUDED.record_count,
                    min_similarity = EXCLUDED.min_similarity, record_ids = EXCLUDED.record_ids, rule = EXCLUDED.rule
                RETURNING xmax = 0
                """, new { g.Applicant, g.RegionCode, g.FirstDate, g.LastDate, count = g.RecordIds.Length, g.MinSimilarity, g.SampleTitle, g.RecordIds, rule = ruleJson, signature },
                tx, cancellationToken: ct));
            if (inserted) fresh.Add(g);
        }
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO watch_marks (name, value) VALUES (@n, @v) ON CONFLICT (name) DO UPDATE SET value = GREATEST(watch_marks.value, EXCLUDED.value)
            """, new { n = Mark, v = maxRecord }, tx, cancellationToken: ct));
        return fresh;
    }

    /// <summary>The groups of one applicant's filings (exposed for the benchmark and the tests of the rule).</summary>
    private static IEnumerable<ScreenedGroup> Groups(List<Row> rows, ScreeningRule rule)
    {
        if (rows.Count < rule.MinFilings) yield break;
        rows.Sort((a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date) : a.Id.CompareTo(b.Id));
        var grams = rows.Select(r => Trigrams(r.Title)).ToArray();
        var parent = Enumerable.Range(0, rows.Count).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        var threshold = rule.SimilarityPct / 100.0;
        var best = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        for (var j = i + 1; j < rows.Count && rows[j].Date.DayNumber - rows[i].Date.DayNumber <= rule.Days; j++)
        {
            var s = Jaccard(grams[i], grams[j]);
            if (s < threshold) continue;
            parent[Find(i)] = Find(j);
            best[i] = Math.Max(best[i], s);
            best[j] = Math.Max(best[j], s);
        }
        foreach (var members in Enumerable.Range(0, rows.Count).GroupBy(Find).Where(c => c.Count() >= rule.MinFilings))
        {
            var m = members.ToList();
            var first = rows[m[0]];
            yield return new ScreenedGroup(first.Applicant, first.Region, m.Min(i => rows[i].Date), m.Max(i => rows[i].Date),
                m.Select(i => rows[i].Id).Order().ToArray(), Math.Round((decimal)m.Min(i => best[i]), 3),
                m.GroupBy(i => rows[i].Title).OrderByDescending(t => t.Count()).First().Key);
        }
    }

    /// <summary>The character trigrams of a title, white space removed (a title shorter than three characters is its own gram).</summary>
    public static HashSet<string> Trigrams(string title)
    {
        var s = new string(title.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
        if (s.Length < 3) return [s];
        var set = new HashSet<string>(s.Length);
        for (var i = 0; i + 3 <= s.Length; i++) set.Add(s.Substring(i, 3));
        return set;
    }

    public static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0) return 0;
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var common = small.Count(large.Contains);
        return (double)common / (a.Count + b.Count - common);
    }
}
