using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Api.Features.Records.Attribution;

/// <summary>
/// A stored record's region as it is and as it should be, with its new explanation; the record by its id, or by its key
/// (<see cref="Key"/>, when its import completes it from what it wrote: <see cref="RegionCompletion.CompleteWritten"/>).
/// </summary>
public sealed record RegionUpdate(long Id, RegionMatch Match, string Explanation)
{
    public string? Key { get; init; }
}

/// <summary>
/// A record's region columns as its import wrote them (<see cref="Imports.WriteSession"/>): what the learning and the
/// completion read from the stored records, kept in memory by an import that owns the whole table.
/// </summary>
public readonly record struct RegionFacts(string? Address, string? Postcode, string? ProvinceCode, string? CityCode, string? CountyCode, string? Rule, double? Confidence)
{
    public static RegionFacts Of(NormalisedRecord r) => new(r.Address, r.Postcode, r.ProvinceCode, r.CityCode, r.CountyCode, r.RegionRule, r.RegionConfidence);

    /// <summary>A sample of the postcode → city table (the condition of <see cref="RegionCompletion.LearnAsync"/>'s query).</summary>
    public bool TeachesCity => Postcode is not null && CityCode is not null && Rule is not null && !Rule.StartsWith("postcode", StringComparison.Ordinal);

    /// <summary>A sample of the postcode → county table: a county read by the address rules themselves.</summary>
    public bool TeachesCounty => TeachesCity && CountyCode is not null && Rule is RegionRules.Prefix or RegionRules.CityFirst or RegionRules.CountyFirst;

    /// <summary>A record the completion looks at (the condition of <see cref="RegionCompletion.CompleteStoredAsync"/>'s query).</summary>
    public bool LacksCounty => CountyCode is null && Postcode is not null && Rule != RegionRules.Foreign;

    /// <summary>The region as the table holds it (region_confidence is a real).</summary>
    public RegionMatch Stored => new(ProvinceCode, CityCode, null, Rule ?? RegionRules.None, (float)(Confidence ?? 0));
}

/// <summary>
/// The region rules that learn from the stored data rather than from one address (ADR 0008, 0019): postcode → city for
/// addresses that named no city, and postcode → county for addresses that stop at their city. Learned once from the
/// records table; used after each import on that import's records and by the re-attribution on all of them.
/// </summary>
public sealed class RegionCompletion
{
    private readonly RegionResolver _resolver;

    private RegionCompletion(RegionResolver resolver, PostcodeCounties counties)
    {
        _resolver = resolver;
        Counties = counties;
    }

    /// <summary>The learned postcode → county table.</summary>
    public PostcodeCounties Counties { get; }

    /// <summary>Number of postcodes that give a city.</summary>
    public int Cities => _resolver.Postcodes.Count;

    /// <summary>
    /// Learns both tables from the stored records in one scan. Samples are addresses resolved from their own text: a city from
    /// any rule but the postcode's; a county only from the address rules themselves (no postcode, township or zone suffix).
    /// </summary>
    public static async Task<RegionCompletion> LearnAsync(NpgsqlDataSource db, RegionResolver resolver, CancellationToken ct)
    {
        // the query only narrows to the rows that may teach (RegionFacts.TeachesCity); the learner decides, and the address
        // is read only where the row may teach a county (TeachesCounty), the one place it is used
        var learner = new Learner();
        await using (var cmd = db.CreateCommand($"""
            SELECT CASE WHEN county_code IS NOT NULL AND region_rule IN ('{RegionRules.Prefix}', '{RegionRules.CityFirst}', '{RegionRules.CountyFirst}') THEN address END,
                   postcode, city_code, county_code, region_rule
            FROM records WHERE postcode IS NOT NULL AND city_code IS NOT NULL AND region_rule NOT LIKE 'postcode%'
            """))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                learner.Add(new RegionFacts(r.IsDBNull(0) ? null : r.GetString(0), r.GetString(1), null, r.GetString(2),
                    r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), null));
        return learner.Build(resolver);
    }

    /// <summary>
    /// Learns both tables from the records an import wrote into a table that held no others (the same samples
    /// <see cref="LearnAsync"/> would read back from it, without scanning it).
    /// </summary>
    public static RegionCompletion Learn(RegionResolver resolver, IEnumerable<RegionFacts> written)
    {
        var learner = new Learner();
        foreach (var f in written) learner.Add(f);
        return learner.Build(resolver);
    }

    /// <summary>The samples of both tables, from stored or written records alike: the one place that says which records teach.</summary>
    private sealed class Learner
    {
        private readonly List<(string?, string?)> _cities = [];
        private readonly List<(string?, string?, string?)> _counties = [];

        public void Add(RegionFacts f)
        {
            if (!f.TeachesCity) return;
            _cities.Add((f.Postcode, f.CityCode));
            if (f.TeachesCounty) _counties.Add((f.Postcode, f.CountyCode, f.Address));
        }

        public RegionCompletion Build(RegionResolver resolver) =>
            new(resolver.WithPostcodes(PostcodeIndex.Learn(_cities)), PostcodeCounties.Learn(_counties));
    }

    /// <summary>The completions of the written records that lack a county, by record key (what <see cref="CompleteStoredAsync"/> finds for an import).</summary>
    public List<RegionUpdate> CompleteWritten(IEnumerable<KeyValuePair<string, RegionFacts>> written)
    {
        var updates = new List<RegionUpdate>();
        foreach (var (key, f) in written)
            if (f.LacksCounty && Complete(0, f.Address, f.Postcode, f.Stored) is { } u) updates.Add(u with { Key = key });
        return updates;
    }

    /// <summary>
    /// The completed region of a stored record without a county, or null when nothing changes: a record without a city is
    /// resolved again with the learned postcode → city table; then a city without its county takes the postcode's county.
    /// </summary>
    public RegionUpdate? Complete(long id, string? address, string? postcode, RegionMatch stored)
    {
        if (stored.CountyCode is not null || stored.IsForeign || string.IsNullOrEmpty(postcode)) return null;
        var m = stored;
        if (m.CityCode is null)
        {
            var again = _resolver.Resolve(address, postcode);
            if (again.CityCode is not null) m = again;
        }
        m = _resolver.CompleteCounty(m, postcode, Counties, address);
        return ReferenceEquals(m, stored) ? null : new RegionUpdate(id, m, _resolver.Explain(m));
    }

    /// <summary>The completions of the records that lack a county (of one import, or all when <paramref name="importId"/> is null).</summary>
    public async Task<List<RegionUpdate>> CompleteStoredAsync(NpgsqlDataSource db, long? importId, CancellationToken ct)
    {
        var updates = new List<RegionUpdate>();
        await using var cmd = db.CreateCommand($"""
            SELECT id, address, postcode, province_code, city_code, region_rule, region_confidence FROM records
            WHERE county_code IS NULL AND postcode IS NOT NULL AND region_rule IS DISTINCT FROM '{RegionRules.Foreign}'
              {(importId is null ? "" : "AND import_id = $1")}
            """);
        if (importId is { } i) cmd.Parameters.Add(new NpgsqlParameter { Value = i });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            string? S(int k) => r.IsDBNull(k) ? null : r.GetString(k);
            var stored = new RegionMatch(S(3), S(4), null, S(5) ?? RegionRules.None, r.IsDBNull(6) ? 0 : r.GetFloat(6));
            if (Complete(r.GetInt64(0), S(1), S(2), stored) is { } u) updates.Add(u);
        }
        return updates;
    }

    /// <summary>
    /// Writes region updates (the record's region columns and explanation; the first applicant's region when it came from
    /// the address): one statement per chunk of updates, by id — or by record key where the county is still empty, for the
    /// completions an import found among the rows it wrote (<see cref="CompleteWritten"/>).
    /// </summary>
    public static async Task<int> ApplyAsync(NpgsqlConnection conn, IReadOnlyList<RegionUpdate> updates, CancellationToken ct)
    {
        const int Chunk = 5000;
        foreach (var byKey in new[] { false, true })
        {
            var list = updates.Where(u => (u.Key is not null) == byKey).ToList();
            for (var start = 0; start < list.Count; start += Chunk)
            {
                var chunk = list.Skip(start).Take(Chunk).ToList();
                await using var cmd = new NpgsqlCommand($$"""
                    UPDATE records r SET province_code = u.province, city_code = u.city, county_code = u.county, region_rule = u.rule,
                           region_confidence = u.confidence, region_explanation = u.explanation, updated_at = now(), change_xid = pg_current_xact_id(),
                           applicant_regions = CASE WHEN r.applicant_regions->0->>'rule' LIKE 'address:%'
                               THEN jsonb_set(r.applicant_regions::jsonb, '{0}', jsonb_build_object('code', COALESCE(u.county, u.city, u.province),
                                    'rule', 'address:' || u.rule, 'confidence', round(u.confidence::numeric, 2)))::json
                               ELSE r.applicant_regions END
                    FROM unnest($1::{{(byKey ? "text" : "bigint")}}[], $2::text[], $3::text[], $4::text[], $5::text[], $6::real[], $7::text[])
                         AS u(target, province, city, county, rule, confidence, explanation)
                    WHERE {{(byKey ? "r.record_key = u.target AND r.county_code IS NULL" : "r.id = u.target")}}
                    """, conn);
                cmd.Parameters.Add(byKey ? new NpgsqlParameter { Value = chunk.Select(u => u.Key!).ToArray() } : new NpgsqlParameter { Value = chunk.Select(u => u.Id).ToArray() });
                cmd.Parameters.Add(new NpgsqlParameter { Value = chunk.Select(u => u.Match.ProvinceCode).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
                cmd.Parameters.Add(new NpgsqlParameter { Value = chunk.Select(u => u.Match.CityCode).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
                cmd.Parameters.Add(new NpgsqlParameter { Value = chunk.Select(u => u.Match.CountyCode).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
                cmd.Parameters.Add(new NpgsqlParameter { Value = chunk.Select(u => u.Match.Rule).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
                cmd.Parameters.Add(new NpgsqlParameter { Value = chunk.Select(u => (float)u.Match.Confidence).ToArray() });
                cmd.Parameters.Add(new NpgsqlParameter { Value = chunk.Select(u => u.Explanation).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
        return updates.Count;
    }
}
