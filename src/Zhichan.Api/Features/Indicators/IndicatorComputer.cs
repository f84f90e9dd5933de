using System.Diagnostics;
using System.Text.Json;
using NpgsqlTypes;

namespace Zhichan.Api.Features.Indicators;

public static class IndicatorMethods
{
    public const string Flow = "flow", FlowAllTypesRequired = "flow_all_types", Stock = "stock", InventionShare = "invention_share",
        HighValue = "high_value", NotInData = "not_in_data";
    public static string PerCapitaOf(string baseCode) => "per_10k:" + baseCode;
}

/// <summary>One computed value before it is written.</summary>
public sealed record ComputedValue(string RegionCode, int Year, decimal? Value, string Status, decimal? Numerator = null, long? Population = null,
    int? PopulationYear = null, string? PopulationBasis = null, string? PopulationSource = null, string? Components = null, string? Note = null,
    string[]? MemberCodes = null);

/// <summary>
/// Computes the records-based indicators (ADR 0100) for every region (province, city, county — the three codes each record
/// is attributed to) and every year present in the data, and writes them under the current definition version (ADR 0101).
/// </summary>
public sealed class IndicatorComputer(NpgsqlDataSource db, IEnumerable<IModuleIndicator> modules, ILogger<IndicatorComputer> log)
{
    /// <summary>The event codes that end a right (the records' vocabulary, legal-status gazette events included), as an SQL list.</summary>
    public static readonly string LapseEvents = string.Join(",", Records.LegalEventCodes.Lapses.Select(c => $"'{c}'"));

    /// <summary>
    /// Recomputes every records-based indicator. Incremental: only the years from the earliest date of a record changed since the
    /// last finished computation onwards (flows of those years, stocks at the end of those years and later); a definition without
    /// values yet (new version) is always computed in full.
    /// </summary>
    public async Task<int> RecomputeAllAsync(CurrentUser actor, long? jobId, Func<int, int, string, Task>? progress, CancellationToken ct, bool incremental = false)
    {
        var sw = Stopwatch.StartNew();
        await using var conn = await db.OpenConnectionAsync(ct);
        var asOf = await conn.ExecuteScalarAsync<DateTime?>("SELECT GREATEST((SELECT max(finished_at) FROM imports WHERE status IN ('succeeded', 'completed_with_errors')), (SELECT max(updated_at) FROM records))");
        int? fromYear = null;
        if (incremental && await conn.ExecuteScalarAsync<DateTime?>("SELECT max(records_as_of) FROM indicator_computations WHERE finished_at IS NOT NULL") is { } since)
        {
            fromYear = await conn.ExecuteScalarAsync<int?>("""
                SELECT min(LEAST(extract(year FROM application_date), extract(year FROM publication_date), extract(year FROM grant_date)))::int
                FROM records WHERE updated_at > @since
                """, new { since });
            if (fromYear is null)
            {
                log.LogInformation("No record changed since {Since}: only the module indicators are recomputed", since);
                return await RefreshModuleIndicatorsAsync(ct);
            }
        }
        var computationId = await conn.ExecuteScalarAsync<long>("INSERT INTO indicator_computations (job_id, records_as_of) VALUES (@jobId, @asOf) RETURNING id", new { jobId, asOf });
        var defs = (await IndicatorCatalogue.CurrentAsync(conn)).Where(d => d.Source == IndicatorSources.Records).ToList();
        // per-capita and shares read their base values: compute plain counts first
        defs = defs.OrderBy(d => d.Method?.StartsWith("per_10k:", StringComparison.Ordinal) == true || d.Method is IndicatorMethods.HighValue ? 1 : 0).ToList();
        var presentTypes = (await conn.QueryAsync<string>("SELECT DISTINCT right_type FROM records")).ToHashSet();
        var units = await CustomUnits.LoadAsync(conn);
        var written = 0;
        for (var i = 0; i < defs.Count; i++)
        {
            var d = defs[i];
            if (progress is not null) await progress(i, defs.Count, $"正在计算 {d.Name}");
            var scope = fromYear is not null && await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM indicator_values WHERE definition_id = @Id)", new { d.Id }) ? fromYear : null;
            var values = await ComputeAsync(conn, d, presentTypes, scope, units, ct);
            written += await WriteAsync(conn, d, values, asOf, scope, ct);
        }
        var moduleDefs = await ModuleDefinitionsAsync(conn, null);
        foreach (var (d, module) in moduleDefs)
        {
            if (progress is not null) await progress(defs.Count, defs.Count + moduleDefs.Count, $"正在计算 {d.Name}");
            written += await WriteModuleAsync(conn, d, module, ct);
        }
        await conn.ExecuteAsync("UPDATE indicator_computations SET finished_at = now(), values_written = @written, duration_ms = @ms WHERE id = @computationId",
            new { written, ms = sw.ElapsedMilliseconds, computationId });
        await AuditLog.WriteAsync(conn, null, actor, "recompute", "indicator_values", computationId.ToString(), null,
            new { definitions = defs.Count + moduleDefs.Count, values = written, recordsAsOf = asOf, fromYear, ms = sw.ElapsedMilliseconds }, ct);
        log.LogInformation("Recomputed {Definitions} indicators, {Values} values in {Ms} ms", defs.Count, written, sw.ElapsedMilliseconds);
        return written;
    }

    /// <summary>
    /// Recomputes the module indicators (all, or the given catalogue codes) at once: a module calls this after a write that changes
    /// the facts behind one (an agency registered, an attendance checked in), so that the cockpit and the assessment read the new
    /// value without waiting for a records computation. Cheap: the registers are small.
    /// </summary>
    public async Task<int> RefreshModuleIndicatorsAsync(CancellationToken ct, params string[] codes)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var written = 0;
        foreach (var (d, module) in await ModuleDefinitionsAsync(conn, codes.Length == 0 ? null : codes))
            written += await WriteModuleAsync(conn, d, module, ct);
        return written;
    }

    /// <summary>The current definitions of source <c>module</c> whose module registered an <see cref="IModuleIndicator"/>.</summary>
    private async Task<List<(IndicatorDefinition Def, IModuleIndicator Module)>> ModuleDefinitionsAsync(NpgsqlConnection conn, string[]? codes)
    {
        var byCode = modules.ToDictionary(m => m.Code);
        return (await IndicatorCatalogue.CurrentAsync(conn))
            .Where(d => d.Source == IndicatorSources.Module && byCode.ContainsKey(d.Code) && (codes is null || codes.Contains(d.Code)))
            .Select(d => (d, byCode[d.Code])).ToList();
    }

    /// <summary>
    /// A module indicator's values, plus each custom unit's as the sum over its member regions (a fact belongs to one region, so members
    /// that do not nest never count it twice), written under the current version; reported and accepted values stay (ADR 0113).
    /// </summary>
    private static async Task<int> WriteModuleAsync(NpgsqlConnection conn, IndicatorDefinition d, IModuleIndicator module, CancellationToken ct)
    {
        var values = (await module.ComputeAsync(conn, ct)).Select(v => new ComputedValue(v.RegionCode, v.Year, v.Value, "computed", Note: v.Note)).ToList();
        var byKey = values.ToDictionary(v => (v.RegionCode, v.Year), v => v.Value ?? 0);
        foreach (var unit in Additive(d) ? await CustomUnits.LoadAsync(conn) : [])
            foreach (var year in values.Select(v => v.Year).Distinct())
            {
                var members = unit.MemberCodes.Where(m => byKey.ContainsKey((m, year))).ToList();
                if (members.Count == 0) continue;
                values.Add(new ComputedValue(unit.Code, year, members.Sum(m => byKey[(m, year)]), "computed", MemberCodes: unit.MemberCodes));
            }
        return await WriteAsync(conn, d, values, DateTime.UtcNow, null, ct);
    }

    /// <summary>Counts and amounts add up over a unit's members; rates and averages do not (a unit then shows 无数据, not a wrong sum).</summary>
    private static bool Additive(IndicatorDefinition d) => d.Unit is "件" or "家" or "人次" or "个" or "项" or "人" or "元" or "万元" or "亿元";

    private async Task<List<ComputedValue>> ComputeAsync(NpgsqlConnection conn, IndicatorDefinition d, HashSet<string> presentTypes, int? fromYear,
        List<CustomUnitMembers> customUnits, CancellationToken ct)
    {
        var members = customUnits.ToDictionary(u => u.Code, u => u.MemberCodes);
        return (await ComputeRegionsAsync(conn, d, presentTypes, fromYear, customUnits, ct))
            .Select(v => members.TryGetValue(v.RegionCode, out var m) ? v with { MemberCodes = m } : v).ToList();
    }

    private async Task<List<ComputedValue>> ComputeRegionsAsync(NpgsqlConnection conn, IndicatorDefinition d, HashSet<string> presentTypes, int? fromYear,
        List<CustomUnitMembers> customUnits, CancellationToken ct)
    {
        var units = UnitArgs.From(customUnits);
        switch (d.Method)
        {
            case IndicatorMethods.Flow:
            case IndicatorMethods.FlowAllTypesRequired when d.RightTypes.All(presentTypes.Contains):
                return (await CountsAsync(conn, d, d.RightTypes, fromYear, units, ct)).Select(c => new ComputedValue(c.Key.Region, c.Key.Year, c.Value, "computed")).ToList();
            case IndicatorMethods.Stock:
                return (await StockAsync(conn, d, d.RightTypes, fromYear, units, ct)).Select(c => new ComputedValue(c.Key.Region, c.Key.Year, c.Value, "computed", Note: d.DataNote)).ToList();
            case IndicatorMethods.InventionShare when d.RightTypes.All(presentTypes.Contains):
            {
                var inv = await CountsAsync(conn, d, ["patent_invention"], fromYear, units, ct);
                var all = await CountsAsync(conn, d, d.RightTypes, fromYear, units, ct);
                return all.Where(a => a.Value > 0).Select(a => new ComputedValue(a.Key.Region, a.Key.Year,
                    Math.Round(100m * inv.GetValueOrDefault(a.Key) / a.Value, 2), "computed", Numerator: inv.GetValueOrDefault(a.Key))).ToList();
            }
            case { } m when m.StartsWith("per_10k:", StringComparison.Ordinal):
                return await PerCapitaAsync(conn, m["per_10k:".Length..], fromYear, customUnits, ct);
            case IndicatorMethods.HighValue:
                return await HighValueAsync(conn, d, fromYear, units, customUnits, ct);
            default:
                return []; // not in the data: no rows, the API shows 无数据 with the definition's note
        }
    }

    private static string DomesticCondition(string alias) => $" AND {alias}.province_code IS NOT NULL AND COALESCE({alias}.region_rule, '') <> 'foreign'";

    /// <summary>
    /// The aggregate over the <c>base</c> CTE (id, y, province/city/county codes, applicants, applicant keys/entity ids): per region
    /// and year, and per custom unit (members in <c>@unitCodes</c>/<c>@unitMembers</c>). Whole counting: a record counts once in each
    /// region it is attributed to (first-named applicant's, or also every co-applicant entity's), and once in a custom unit however
    /// many members it touches. Fractional: each of the n applicants carries 1/n of the record to its own region (ADR 0107).
    /// The unit branch is only added when units exist; <c>attributed</c> is then read twice and NOT MATERIALIZED: a second pass
    /// costs less than writing it to a tuplestore (figures in docs/adr/0104, appendix).
    /// </summary>
    private static string AggregateSql(IndicatorDefinition d, bool withUnits)
    {
        const string levels = "CROSS JOIN LATERAL (VALUES (s.province_code), (s.city_code), (s.county_code)) v(code) WHERE v.code IS NOT NULL";
        const string units = "um AS (SELECT * FROM unnest(@unitCodes::text[], @unitMembers::text[]) AS um(code, member))";
        if (d.Fractional)
            return $"""
                shares AS (
                    SELECT b.id, b.y, 1::bigint AS pos, b.province_code, b.city_code, b.county_code, 1.0 / b.n AS share FROM base b WHERE true{(d.DomesticOnly ? DomesticCondition("b") : "")}
                    UNION ALL
                    SELECT b.id, b.y, k.pos, substr(e.region_code, 1, 2) || '0000', substr(e.region_code, 1, 4) || '00', e.region_code, 1.0 / b.n
                    FROM base b CROSS JOIN LATERAL unnest(b.applicant_keys) WITH ORDINALITY k(key, pos) JOIN entities e ON e.match_key = k.key
                    WHERE k.pos > 1 AND e.region_code ~ '^[0-9]+$' AND length(e.region_code) = 6
                ), attributed AS NOT MATERIALIZED (SELECT s.id, s.y, s.pos, s.share, v.code FROM shares s {levels}
                ), {units}
                SELECT code, y, round(sum(share), 4) AS n FROM attributed GROUP BY code, y
                {(withUnits ? "UNION ALL SELECT code, y, round(sum(share), 4) FROM (SELECT DISTINCT um.code, a.y, a.id, a.pos, a.share FROM attributed a JOIN um ON um.member = a.code) x GROUP BY code, y" : "")}
                """;
        var attributed = d.Counting == CountingRules.AllApplicants
            ? $"""
              SELECT s.id, s.y, v.code FROM base s {levels}
              UNION
              SELECT b.id, b.y, v.code FROM base b JOIN entities e ON e.id = ANY(b.applicant_entity_ids) AND e.region_code ~ '^[0-9]+$' AND length(e.region_code) = 6
                CROSS JOIN LATERAL (VALUES (substr(e.region_code, 1, 2) || '0000'), (substr(e.region_code, 1, 4) || '00'), (e.region_code)) v(code)
              """
            : $"SELECT s.id, s.y, v.code FROM base s {levels}";
        return $"""
            attributed AS NOT MATERIALIZED ({attributed}), {units}
            SELECT code, y, count(DISTINCT id)::numeric AS n FROM attributed GROUP BY code, y
            {(withUnits ? "UNION ALL SELECT um.code, a.y, count(DISTINCT a.id)::numeric FROM attributed a JOIN um ON um.member = a.code GROUP BY um.code, a.y" : "")}
            """;
    }

    /// <summary>The record filter of the base CTE: domestic first applicant, except under fractional counting where it applies per applicant share.</summary>
    private static string BaseFilter(IndicatorDefinition d) => d.DomesticOnly && !d.Fractional ? DomesticCondition("r") : "";

    private const string BaseColumns = "r.id, r.province_code, r.city_code, r.county_code, r.region_rule, r.applicant_entity_ids, r.applicant_keys, GREATEST(cardinality(r.applicants), 1) AS n";

    private static string DateColumn(IndicatorDefinition d) => d.TimeBasis switch
    {
        TimeBases.GrantDate => "grant_date",
        TimeBases.PublicationDate => "publication_date",
        _ => "application_date",
    };

    private static async Task<Dictionary<(string Region, int Year), decimal>> CountsAsync(NpgsqlConnection conn, IndicatorDefinition d, string[] types, int? fromYear,
        UnitArgs units, CancellationToken ct)
    {
        var col = DateColumn(d);
        var scope = fromYear is null ? "" : $" AND r.{col} >= make_date(@fromYear, 1, 1)";
        var sql = $"""
            WITH base AS (
                SELECT {BaseColumns}, extract(year FROM r.{col})::int AS y
                FROM records r WHERE r.right_type = ANY(@types) AND r.{col} IS NOT NULL{BaseFilter(d)}{scope}
            ), {AggregateSql(d, units.UnitCodes.Length > 0)}
            """;
        var rows = await conn.QueryAsync<(string Code, int Y, decimal N)>(new CommandDefinition(sql, new { types, fromYear, units.UnitCodes, units.UnitMembers },
            cancellationToken: ct, commandTimeout: 600));
        return rows.ToDictionary(r => (r.Code, r.Y), r => r.N);
    }

    /// <summary>The custom units flattened for the SQL: one (unit code, member code) pair per member.</summary>
    public sealed record UnitArgs(string[] UnitCodes, string[] UnitMembers)
    {
        public static UnitArgs From(IEnumerable<CustomUnitMembers> units)
        {
            var pairs = units.SelectMany(u => u.MemberCodes.Select(m => (u.Code, m))).ToList();
            return new UnitArgs(pairs.Select(p => p.Code).ToArray(), pairs.Select(p => p.m).ToArray());
        }
    }

    private static async Task<Dictionary<(string Region, int Year), decimal>> StockAsync(NpgsqlConnection conn, IndicatorDefinition d, string[] types, int? fromYear,
        UnitArgs units, CancellationToken ct, string extraFilter = "")
    {
        // years: every year from the first grant to the last year the data reaches (computed first: as a sub-select the planner
        // may re-evaluate it per record when the types are a parameter)
        var span = await conn.QuerySingleAsync<(int? From, int? To)>(new CommandDefinition("""
            SELECT min(extract(year FROM grant_date))::int, GREATEST(max(extract(year FROM grant_date)), max(extract(year FROM application_date)))::int
            FROM records WHERE right_type = ANY(@types)
            """, new { types }, cancellationToken: ct, commandTimeout: 600));
        if (span.From is null || span.To is null) return [];
        var years = Enumerable.Range(span.From.Value, span.To.Value - span.From.Value + 1).Where(y => fromYear is null || y >= fromYear).ToArray();
        if (years.Length == 0) return [];
        var sql = $"""
            WITH years AS (SELECT unnest(@years) AS y
            ), base AS (
                SELECT {BaseColumns}, years.y
                FROM records r JOIN years ON r.grant_date <= make_date(years.y, 12, 31)
                WHERE r.right_type = ANY(@types) AND r.grant_date IS NOT NULL{BaseFilter(d)}{extraFilter}
                  AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(r.events) e
                                  WHERE e->>'code' IN ({LapseEvents}) AND (e->>'date') IS NOT NULL AND (e->>'date')::date <= make_date(years.y, 12, 31))
            ), {AggregateSql(d, units.UnitCodes.Length > 0)}
            """;
        var rows = await conn.QueryAsync<(string Code, int Y, decimal N)>(new CommandDefinition(sql, new { types, years, units.UnitCodes, units.UnitMembers },
            cancellationToken: ct, commandTimeout: 600));
        return rows.ToDictionary(r => (r.Code, r.Y), r => r.N);
    }

    /// <summary>Population for a region and year: the same year, else the nearest year within 3 years (shown with the value).</summary>
    public sealed record PopulationFigure(string RegionCode, int Year, long Population, string Basis, string Source);

    public static async Task<Dictionary<string, List<PopulationFigure>>> PopulationAsync(NpgsqlConnection conn) =>
        (await conn.QueryAsync<PopulationFigure>("SELECT region_code, year, population, basis, source FROM ref_population"))
            .GroupBy(p => p.RegionCode).ToDictionary(g => g.Key, g => g.ToList());

    public static PopulationFigure? PopulationFor(Dictionary<string, List<PopulationFigure>> pop, string region, int year) =>
        pop.TryGetValue(region, out var list)
            ? list.Where(p => Math.Abs(p.Year - year) <= 3).OrderBy(p => Math.Abs(p.Year - year)).ThenByDescending(p => p.Year).FirstOrDefault()
            : null;

    /// <summary>
    /// Population of a region, or of a custom unit as the sum of its members' figures (each by the same-year-or-nearest rule);
    /// null when any member has none, with the member named in <paramref name="missing"/>.
    /// </summary>
    public static PopulationFigure? PopulationForUnit(Dictionary<string, List<PopulationFigure>> pop, string region, int year,
        IReadOnlyDictionary<string, string[]> unitMembers, out string? missing)
    {
        missing = null;
        if (!unitMembers.TryGetValue(region, out var members))
        {
            var p = PopulationFor(pop, region, year);
            if (p is null) missing = region;
            return p;
        }
        var figures = new List<PopulationFigure>();
        foreach (var m in members)
        {
            if (PopulationFor(pop, m, year) is not { } f) { missing = m; return null; }
            figures.Add(f);
        }
        var years = figures.Select(f => f.Year).Distinct().ToList();
        var basis = "成员地区人口之和：" + string.Join("；", figures.Select(f => $"{f.RegionCode} {f.Population} 人（{f.Year} 年，{f.Basis}）"));
        return new PopulationFigure(region, years.Count == 1 ? years[0] : figures.OrderByDescending(f => Math.Abs(f.Year - year)).First().Year,
            figures.Sum(f => f.Population), basis, string.Join("；", figures.Select(f => f.Source).Distinct()));
    }

    private static async Task<List<ComputedValue>> PerCapitaAsync(NpgsqlConnection conn, string baseCode, int? fromYear, List<CustomUnitMembers> customUnits, CancellationToken ct)
    {
        var baseValues = await conn.QueryAsync<(string Region, int Year, decimal Value)>(new CommandDefinition("""
            SELECT v.region_code, v.year, v.value FROM indicator_values v JOIN indicator_definitions d ON d.id = v.definition_id
            WHERE d.code = @baseCode AND d.superseded_at IS NULL AND v.value IS NOT NULL AND (@fromYear::int IS NULL OR v.year >= @fromYear)
            """, new { baseCode, fromYear }, cancellationToken: ct));
        var pop = await PopulationAsync(conn);
        var unitMembers = customUnits.ToDictionary(u => u.Code, u => u.MemberCodes);
        var result = new List<ComputedValue>();
        foreach (var (region, year, n) in baseValues)
        {
            var p = PopulationForUnit(pop, region, year, unitMembers, out var missing);
            result.Add(p is null
                ? new ComputedValue(region, year, null, "not_computable", Numerator: n, Note: missing == region
                    ? "缺少该地区该年份前后 3 年内的常住人口数，无法计算人均值"
                    : $"成员地区 {missing} 缺少该年份前后 3 年内的常住人口数，无法计算人均值")
                : new ComputedValue(region, year, Math.Round(n * 10000m / p.Population, 4), "computed", n, p.Population, p.Year, p.Basis, p.Source,
                    Note: p.Year == year ? null : $"人口数取 {p.Year} 年数据（{p.Basis}）"));
        }
        return result;
    }

    public sealed record Component(string Key, string Name, string Status, decimal? Value, string Reason);

    private async Task<List<ComputedValue>> HighValueAsync(NpgsqlConnection conn, IndicatorDefinition d, int? fromYear, UnitArgs units,
        List<CustomUnitMembers> customUnits, CancellationToken ct)
    {
        // component ③ (maintained over 10 years): granted, in force at year end, filed more than 10 years before the year end
        var maintained = await StockAsync(conn, d, d.RightTypes, fromYear, units, ct, " AND r.application_date <= make_date(years.y - 10, 12, 31)");
        var stock = await StockAsync(conn, d, d.RightTypes, fromYear, units, ct);
        var pop = await PopulationAsync(conn);
        var unitMembers = customUnits.ToDictionary(u => u.Code, u => u.MemberCodes);
        var result = new List<ComputedValue>();
        foreach (var ((region, year), _) in stock)
        {
            var m = maintained.GetValueOrDefault((region, year));
            var components = new List<Component>
            {
                new("sei", "战略性新兴产业的发明专利", "not_computable", null, "数据中心尚无 IPC 与战略性新兴产业分类（2018）的对照表"),
                new("overseas_family", "在海外有同族专利权的发明专利", "not_computable", null, "记录中无同族专利数据"),
                new("maintained_10y", "维持年限超过 10 年的发明专利", "computed", m, "授权有效且申请日早于当年年末 10 年以上"),
                new("pledged_10m", "质押融资 1000 万元以上的发明专利", "not_computable", null, "质押登记金额尚未收录（运用模块）"),
                new("awarded", "获国家科学技术奖或中国专利奖的发明专利", "not_computable", null, "获奖数据尚未收录"),
            };
            var p = PopulationForUnit(pop, region, year, unitMembers, out _);
            result.Add(new ComputedValue(region, year, null, "partial", Population: p?.Population, PopulationYear: p?.Year, PopulationBasis: p?.Basis,
                PopulationSource: p?.Source, Components: JsonSerializer.Serialize(components, JsonSerializerOptions.Web),
                Note: "五类构成中仅“维持 10 年以上”可由数据计算，其余四类数据缺失，合计值不予给出"));
        }
        return result;
    }

    /// <summary>Replaces the computed values of this definition version (reported values of the same version are kept).</summary>
    private static async Task<int> WriteAsync(NpgsqlConnection conn, IndicatorDefinition d, List<ComputedValue> values, DateTime? asOf, int? fromYear, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync("DELETE FROM indicator_values WHERE definition_id = @Id AND status IN ('computed','partial','not_computable') AND (@fromYear::int IS NULL OR year >= @fromYear)",
            new { d.Id, fromYear }, tx);
        // a value entered from an official publication or reported and accepted stays: the computation does not replace it (ADR 0113)
        var kept = (await conn.QueryAsync<(string Region, int Year)>(
            "SELECT region_code, year FROM indicator_values WHERE definition_id = @Id AND status NOT IN ('computed','partial','not_computable')", new { d.Id }, tx)).ToHashSet();
        if (kept.Count > 0) values = values.Where(v => !kept.Contains((v.RegionCode, v.Year))).ToList();
        await using (var importer = await conn.BeginBinaryImportAsync("""
            COPY indicator_values (definition_id, region_code, year, value, status, numerator, population, population_year, population_basis,
                population_source, components, note, data_as_of, member_codes) FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var v in values)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(d.Id, NpgsqlDbType.Bigint, ct);
                await importer.WriteAsync(v.RegionCode, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(v.Year, NpgsqlDbType.Integer, ct);
                await WriteNullable(importer, v.Value, NpgsqlDbType.Numeric, ct);
                await importer.WriteAsync(v.Status, NpgsqlDbType.Text, ct);
                await WriteNullable(importer, v.Numerator, NpgsqlDbType.Numeric, ct);
                await WriteNullable(importer, v.Population, NpgsqlDbType.Bigint, ct);
                await WriteNullable(importer, v.PopulationYear, NpgsqlDbType.Integer, ct);
                await WriteNullable(importer, v.PopulationBasis, NpgsqlDbType.Text, ct);
                await WriteNullable(importer, v.PopulationSource, NpgsqlDbType.Text, ct);
                await WriteNullable(importer, v.Components, NpgsqlDbType.Jsonb, ct);
                await WriteNullable(importer, v.Note, NpgsqlDbType.Text, ct);
                await WriteNullable(importer, asOf, NpgsqlDbType.TimestampTz, ct);
                await WriteNullable(importer, v.MemberCodes, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            }
            await importer.CompleteAsync(ct);
        }
        await tx.CommitAsync(ct);
        return values.Count;
    }

    private static Task WriteNullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? importer.WriteNullAsync(ct) : importer.WriteAsync(value, type, ct);
}
