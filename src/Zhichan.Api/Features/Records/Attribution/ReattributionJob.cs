using System.Text.Json;
using NpgsqlTypes;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Features.Records.Imports;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Records.Attribution;

/// <summary>
/// Re-attributes the stored records with the current rules (ADR 0019, 0020): each record's region from its stored address
/// and postcode (address rules, townships and zones, then what the stored data teaches: postcode → city, postcode →
/// county) and its industries from its stored IPC symbols; writes only the records whose attribution changes, then queues
/// a full recomputation of the indicators. Queued at start-up when the stored rules' version is older than
/// <see cref="RulesVersion"/> (<see cref="ReattributionStartup"/>), or by staff (<see cref="ReattributeRecords"/>).
/// The content hash is left as it is: the next import of an unchanged file rewrites its records once, with the same values.
/// </summary>
public sealed class ReattributionJob(NpgsqlDataSource db, RecordsReference reference, JobQueue jobs, ILogger<ReattributionJob> log) : IJobHandler
{
    public const string JobKind = "records.reattribute";

    /// <summary>The attribution rules the stored records follow; a new value re-attributes existing databases at start-up.</summary>
    public const string RulesVersion = "2026-12-issue19-townships-zones-postcodes-not-in-zones-streets-industry-levels";

    /// <summary>The ref_loaded row that holds the version the stored records follow.</summary>
    public const string VersionMark = "attribution-rules";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext job, CancellationToken ct)
    {
        if (reference.Resolver is not { } resolver) throw new JobFailedException("未加载参考数据（行政区划），无法重新归属");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var completion = await RegionCompletion.LearnAsync(db, resolver, ct);
        var total = await db.CreateCommand("SELECT count(*) FROM records").ExecuteScalarAsync(ct) is long n ? n : 0;
        await job.ReportAsync(0, total, "正在重新归属地区与行业", ct);

        var regions = new List<RegionUpdate>();
        var industries = new List<(long Id, string Json, string[] Codes)>();
        long read = 0;
        await using (var cmd = db.CreateCommand("""
            SELECT id, address, postcode, province_code, city_code, county_code, region_rule, region_confidence, ipc, industries::text
            FROM records ORDER BY id
            """))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                string? S(int k) => r.IsDBNull(k) ? null : r.GetString(k);
                var id = r.GetInt64(0);
                var (address, postcode) = (S(1), S(2));
                if (address is not null || postcode is not null)
                {
                    var m = resolver.Resolve(address, postcode);
                    m = completion.Complete(id, address, postcode, m)?.Match ?? m;
                    var storedConfidence = r.IsDBNull(7) ? (double?)null : Math.Round(r.GetFloat(7), 2);
                    if (m.ProvinceCode != S(3) || m.CityCode != S(4) || m.CountyCode != S(5) || m.Rule != S(6) || storedConfidence != Math.Round(m.Confidence, 2))
                        regions.Add(new RegionUpdate(id, m, resolver.Explain(m)));
                }
                var shares = reference.Industries.Map(IpcSymbol.ParseList(string.Join(';', r.GetFieldValue<string[]>(8))).Symbols);
                var stored = JsonSerializer.Deserialize(r.GetString(9), RecordJson.Columns.ListIndustryShare) ?? [];
                if (!shares.SequenceEqual(stored))
                {
                    var codes = new List<string>(shares.Count * 3);
                    foreach (var s in shares)
                        foreach (var c in RecordNormaliser.IndustryPrefixes(s.Code)) if (!codes.Contains(c)) codes.Add(c);
                    industries.Add((id, JsonSerializer.Serialize(shares, RecordJson.Columns.ListIndustryShare), [.. codes]));
                }
                if (++read % 50_000 == 0) await job.ReportAsync(read, total, $"已检查 {read:N0} 条", ct);
            }

        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            await RegionCompletion.ApplyAsync(conn, regions, ct);
            await WriteIndustriesAsync(conn, industries, ct);
            await using var mark = new NpgsqlCommand("""
                INSERT INTO ref_loaded (name, rows, source) VALUES ($1, $2, $3)
                ON CONFLICT (name) DO UPDATE SET rows = EXCLUDED.rows, source = EXCLUDED.source, loaded_at = now()
                """, conn) { Parameters = { new() { Value = VersionMark }, new() { Value = (int)Math.Min(total, int.MaxValue) }, new() { Value = RulesVersion } } };
            await mark.ExecuteNonQueryAsync(ct);
        }
        if (regions.Count + industries.Count > 0)
            await jobs.EnqueueAsync(RecomputeIndicatorsJob.JobKind, new { reason = "reattribution", incremental = false }, job.CreatedBy, ct);
        var message = $"已完成：检查 {read:N0} 条，地区更新 {regions.Count:N0} 条，行业更新 {industries.Count:N0} 条";
        await job.ReportAsync(read, total, message, ct);
        log.LogInformation("Re-attribution: {Read} records in {Ms} ms, {Regions} regions and {Industries} industry lists changed",
            read, clock.ElapsedMilliseconds, regions.Count, industries.Count);
    }

    /// <summary>The new industries through a temporary table: one COPY and one UPDATE rather than a statement per record.</summary>
    private static async Task WriteIndustriesAsync(NpgsqlConnection conn, List<(long Id, string Json, string[] Codes)> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE reattributed_industries (id bigint, industries json, industry_codes text[]) ON COMMIT DROP", conn, tx))
            await create.ExecuteNonQueryAsync(ct);
        await using (var w = await conn.BeginBinaryImportAsync("COPY reattributed_industries (id, industries, industry_codes) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (id, json, codes) in rows)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(id, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(json, NpgsqlDbType.Json, ct);
                await w.WriteAsync(codes, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var update = new NpgsqlCommand("""
            UPDATE records r SET industries = t.industries, industry_codes = t.industry_codes, updated_at = now(), change_xid = pg_current_xact_id()
            FROM reattributed_industries t WHERE r.id = t.id
            """, conn, tx) { CommandTimeout = 0 }) // every record when the rules change: minutes at 5M, beyond the default 30 s
            await update.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }
}

/// <summary>
/// At start-up: a database whose records follow older attribution rules (ref_loaded 'attribution-rules') gets a
/// re-attribution job; an empty one is marked current.
/// </summary>
public sealed class ReattributionStartup(NpgsqlDataSource db, RecordsReference reference, JobQueue jobs, ILogger<ReattributionStartup> log) : IStartupTask
{
    // after the reference data (5) and the demo import's queueing (20): demo records are imported with the current rules
    public int Order => 25;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!reference.IsAvailable) return;
        await using var conn = await db.OpenConnectionAsync(ct);
        var stored = await conn.ExecuteScalarAsync<string?>("SELECT source FROM ref_loaded WHERE name = @name", new { name = ReattributionJob.VersionMark });
        if (stored == ReattributionJob.RulesVersion) return;
        var pending = await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM jobs WHERE kind = @kind AND status IN ('queued', 'running'))", new { kind = ReattributionJob.JobKind });
        if (pending) return;
        if (!await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM records)"))
        {
            await conn.ExecuteAsync("""
                INSERT INTO ref_loaded (name, rows, source) VALUES (@name, 0, @version)
                ON CONFLICT (name) DO UPDATE SET source = EXCLUDED.source, loaded_at = now()
                """, new { name = ReattributionJob.VersionMark, version = ReattributionJob.RulesVersion });
            return;
        }
        var id = await jobs.EnqueueAsync(ReattributionJob.JobKind, new { reason = "rules", from = stored, to = ReattributionJob.RulesVersion }, null, ct);
        log.LogInformation("Stored records follow attribution rules {Stored}, now {Current}: queued re-attribution job {Id}", stored ?? "(none)", ReattributionJob.RulesVersion, id);
    }
}
