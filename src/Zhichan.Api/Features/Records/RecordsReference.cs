using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using NpgsqlTypes;
using Zhichan.Api.Features.Records.Attribution;
using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Api.Features.Records;

/// <summary>
/// The reference data the records module works with, read once from the data folder (ZHICHAN_DATA, default
/// ../shared/data): the official divisions (region attribution), the IPC → industry and IPC → technology-field
/// concordances, IPC titles, GB/T 4754 and Nice. Without a data folder the platform still starts, empty, and
/// <see cref="MissingMessage"/> says what to load.
/// </summary>
public sealed class RecordsReference
{
    public string DataFolder { get; }
    public RegionGazetteer? Gazetteer { get; }
    public RegionResolver? Resolver { get; }
    public IndustryMapper Industries { get; }
    public TechFieldMapper TechFields { get; }
    public IReadOnlyDictionary<string, string> IndustryNames { get; }
    /// <summary>Chinese names of the 35 WIPO technology fields and their sectors (seed Seeds/tech-fields.json), by field number.</summary>
    public IReadOnlyDictionary<int, (string Name, string Sector)> TechFieldNames { get; }
    public string? MissingMessage { get; }

    public RecordsReference(ZhichanOptions options, ILogger<RecordsReference> log)
    {
        DataFolder = options.DataFolder;
        var divisions = Path.Combine(DataFolder, "reference", "admin-divisions");
        if (!Directory.Exists(divisions))
        {
            MissingMessage = $"未找到数据目录 {DataFolder}（缺少 reference/admin-divisions）。请将公开数据（国家统计局区划代码、CNIPA 专利著录数据等，见 ../shared/data/README.md）" +
                             "放到该目录，或设置环境变量 ZHICHAN_DATA 指向数据目录后重启；也可在“数据导入”页面上传文件。";
            log.LogWarning("{Message}", MissingMessage);
            Industries = new IndustryMapper([]);
            TechFields = new TechFieldMapper([]);
            IndustryNames = new Dictionary<string, string>();
            TechFieldNames = new Dictionary<int, (string, string)>();
            return;
        }
        Gazetteer = RegionGazetteer.Load(divisions);
        Resolver = new RegionResolver(Gazetteer).WithTownships(TownshipIndex.Load(divisions, Gazetteer));
        Industries = new IndustryMapper(ReadCsv(Path.Combine(DataFolder, "reference", "ipc-industry", "industry_ipc_concordance.csv"))
            .Select(r => (IndustryMapper.KeyOf(r["ipc_raw"]), r["industry_code"])));
        TechFields = new TechFieldMapper(ReadCsv(Path.Combine(DataFolder, "reference", "ipc", "ipc_technology.csv"))
            .Where(r => r["IPC_code"].EndsWith('%'))
            .Select(r => (r["IPC_code"], int.Parse(r["Field_number"], CultureInfo.InvariantCulture), r["Field_en"], r["Sector_en"])));
        TechFieldNames = TechFieldSeed.ChineseNames(TechFields);
        IndustryNames = ReadCsv(Path.Combine(DataFolder, "reference", "ipc-industry", "industries.csv"))
            .Where(r => r["industry_code"].Length > 0)
            .GroupBy(r => r["industry_code"]).ToDictionary(g => g.Key, g => g.First()["industry_name"]);
        log.LogInformation("Reference data from {Folder}: {Regions} regions, {Townships} townships, {Ipc} IPC→industry keys, {Fields} technology fields",
            DataFolder, Gazetteer.Regions.Count, Resolver.Townships.Count, Industries.Count, TechFields.Fields.Count);
    }

    public bool IsAvailable => Gazetteer is not null;

    public static IEnumerable<Dictionary<string, string>> ReadCsv(string path, char delimiter = ',')
    {
        if (!File.Exists(path)) yield break;
        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(), BadDataFound = null, MissingFieldFound = null, TrimOptions = TrimOptions.Trim,
            Mode = delimiter == '\t' ? CsvMode.NoEscape : CsvMode.RFC4180,
        });
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(header.Length);
            for (var i = 0; i < header.Length; i++) row[header[i]] = csv.GetField(i) ?? "";
            yield return row;
        }
    }
}

/// <summary>The Chinese names of the WIPO technology fields (Seeds/tech-fields.json, with the source of the translation).</summary>
public sealed record TechFieldSeed(string Source, IReadOnlyList<TechFieldSeed.Name> Sectors, IReadOnlyList<TechFieldSeed.Field> Fields)
{
    public sealed record Name(string En, string Zh);
    public sealed record Field(int Number, string En, string Zh);

    /// <summary>Field number → (Chinese name, Chinese sector) for every field of the concordance; a field the seed lacks keeps its English name.</summary>
    public static IReadOnlyDictionary<int, (string Name, string Sector)> ChineseNames(TechFieldMapper mapper)
    {
        var seed = EmbeddedSeeds.Read<TechFieldSeed>("Records", "tech-fields.json");
        var sectors = seed.Sectors.ToDictionary(s => s.En, s => s.Zh, StringComparer.Ordinal);
        var fields = seed.Fields.ToDictionary(f => f.Number);
        return mapper.Fields.ToDictionary(kv => kv.Key, kv => (fields.TryGetValue(kv.Key, out var f) ? f.Zh : kv.Value.Name, sectors.GetValueOrDefault(kv.Value.Sector, kv.Value.Sector)));
    }
}

/// <summary>
/// Copies the reference sets into the ref_* tables at start-up (once per data folder; reloaded when a set is empty),
/// so SQL (facets, indicators, the region cascader) can join on them.
/// </summary>
public sealed class ReferenceDataLoader(NpgsqlDataSource db, RecordsReference reference, ILogger<ReferenceDataLoader> log) : IStartupTask
{
    public int Order => 5;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!reference.IsAvailable) return;
        await using var conn = await db.OpenConnectionAsync(ct);
        var loaded = new HashSet<string>();
        await using (var cmd = new NpgsqlCommand("SELECT name FROM ref_loaded WHERE rows > 0", conn))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) loaded.Add(r.GetString(0));

        var folder = reference.DataFolder;
        if (!loaded.Contains("regions"))
            await LoadAsync(conn, "regions", "ref_regions", "code, name, level, parent_code, province_code, city_code, is_dev_zone",
                reference.Gazetteer!.Regions.Select(r => new object?[]
                {
                    r.Code, r.Name, r.Level.ToString().ToLowerInvariant(), r.ParentCode, r.ProvinceCode, r.CityCode, r.IsDevelopmentZone,
                }), Path.Combine(folder, "reference", "admin-divisions"), ct);
        if (!loaded.Contains("population"))
            await LoadAsync(conn, "population", "ref_population", "region_code, year, population, basis, source",
                RecordsReference.ReadCsv(Path.Combine(folder, "reference", "population.csv")).Select(r => new object?[]
                {
                    r["region_code"], int.Parse(r["year"], CultureInfo.InvariantCulture), long.Parse(r["population"], CultureInfo.InvariantCulture), r["basis"], r["source"],
                }), Path.Combine(folder, "reference", "population.csv"), ct);
        if (!loaded.Contains("ipc"))
        {
            var titlesZh = RecordsReference.ReadCsv(Path.Combine(folder, "reference", "ipc-industry", "industry_ipc_concordance.csv"))
                .GroupBy(r => IndustryMapper.KeyOf(r["ipc_raw"])).ToDictionary(g => g.Key, g => g.First()["ipc_title_zh"]);
            var subclasses = RecordsReference.ReadCsv(Path.Combine(folder, "reference", "ipc", "ipc-2022-en", "labels_group_id_4.tsv"), '\t')
                .Select(r => new object?[] { r["id"], "subclass", r["title"], titlesZh.GetValueOrDefault(r["id"]) });
            var groups = RecordsReference.ReadCsv(Path.Combine(folder, "reference", "ipc", "ipc-2022-en", "labels_group_id_6.tsv"), '\t')
                .Select(r => new object?[] { r["id"] + "/00", "group", r["title"], titlesZh.GetValueOrDefault(r["id"].Replace(" ", "")) });
            await LoadAsync(conn, "ipc", "ref_ipc", "symbol, level, title_en, title_zh", subclasses.Concat(groups).DistinctBy(r => (string)r[0]!),
                Path.Combine(folder, "reference", "ipc"), ct);
        }
        if (!loaded.Contains("industries"))
        {
            var y2017 = RecordsReference.ReadCsv(Path.Combine(folder, "reference", "gbt4754_2017.csv"))
                .Select(r => new object?[] { "GB/T 4754-2017", r["code"], r["name"], r["level_name"], NullIfEmpty(r["parent_code"]), r["section"] });
            var y2011 = RecordsReference.ReadCsv(Path.Combine(folder, "reference", "ipc-industry", "industries.csv"))
                .Where(r => r["industry_code"].Length > 0)
                .Select(r => new object?[] { "GB/T 4754-2011", r["industry_code"], r["industry_name"], r["level"], ParentOf(r["industry_code"], r["section"]), r["section"] });
            await LoadAsync(conn, "industries", "ref_industries", "standard, code, name, level, parent_code, section",
                y2017.Concat(y2011).DistinctBy(r => ((string)r[0]!, (string)r[1]!)), Path.Combine(folder, "reference"), ct);
        }
        if (!loaded.Contains("ipc_industry"))
            await LoadAsync(conn, "ipc_industry", "ref_ipc_industry", "ipc, industry_code, star",
                RecordsReference.ReadCsv(Path.Combine(folder, "reference", "ipc-industry", "industry_ipc_concordance.csv"))
                    .Select(r => new object?[] { IndustryMapper.KeyOf(r["ipc_raw"]), r["industry_code"], r["ipc_raw"].EndsWith('*') })
                    .DistinctBy(r => ((string)r[0]!, (string)r[1]!)), Path.Combine(folder, "reference", "ipc-industry"), ct);
        if (!loaded.Contains("nice"))
        {
            await LoadAsync(conn, "nice", "ref_nice_classes", "class_no, name, description",
                RecordsReference.ReadCsv(Path.Combine(folder, "reference", "nice", "nice_classes_cn.csv")).Select(r =>
                {
                    var text = r["name_cn"];
                    var sp = text.IndexOf(' ');
                    return new object?[] { int.Parse(r["class"], CultureInfo.InvariantCulture), sp > 0 ? text[..sp] : text, sp > 0 ? text[(sp + 1)..] : null };
                }), Path.Combine(folder, "reference", "nice"), ct);
            await LoadAsync(conn, "nice_groups", "ref_nice_groups", "group_code, class_no, name",
                RecordsReference.ReadCsv(Path.Combine(folder, "reference", "nice", "similar_groups.csv"))
                    .Select(r => new object?[] { r["group_code"], int.Parse(r["class"], CultureInfo.InvariantCulture), r["group_name"] })
                    .DistinctBy(r => (string)r[0]!), Path.Combine(folder, "reference", "nice"), ct);
        }
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static string? ParentOf(string code, string section) =>
        code.Length switch { 1 => null, 2 => section, _ => code[..^1] };

    private async Task LoadAsync(NpgsqlConnection conn, string name, string table, string columns, IEnumerable<object?[]> rows, string source, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var del = new NpgsqlCommand($"DELETE FROM {table}", conn, tx)) await del.ExecuteNonQueryAsync(ct);
        var n = 0;
        await using (var w = await conn.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await w.StartRowAsync(ct);
                foreach (var v in row)
                    switch (v)
                    {
                        case null: await w.WriteNullAsync(ct); break;
                        case string s: await w.WriteAsync(s, NpgsqlDbType.Text, ct); break;
                        case int i: await w.WriteAsync(i, NpgsqlDbType.Integer, ct); break;
                        case long l: await w.WriteAsync(l, NpgsqlDbType.Bigint, ct); break;
                        case bool b: await w.WriteAsync(b, NpgsqlDbType.Boolean, ct); break;
                        default: throw new InvalidOperationException($"Unsupported reference value {v.GetType()}");
                    }
                n++;
            }
            await w.CompleteAsync(ct);
        }
        await using (var mark = new NpgsqlCommand("""
            INSERT INTO ref_loaded (name, rows, source) VALUES ($1, $2, $3)
            ON CONFLICT (name) DO UPDATE SET rows = EXCLUDED.rows, source = EXCLUDED.source, loaded_at = now()
            """, conn, tx) { Parameters = { new() { Value = name }, new() { Value = n }, new() { Value = source } } })
            await mark.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Loaded {Rows} rows of reference set {Name} into {Table}", n, name, table);
    }
}
