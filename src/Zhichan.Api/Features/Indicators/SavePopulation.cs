using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Indicators;

public sealed record PopulationRequest(string? RegionCode, int? Year, long? Population, string? Basis, string? Source);

public sealed record PopulationSavedDto(PopulationRowDto Row, long RecomputeJobId);

/// <summary>The bureau corrects or adds a population figure (basis and source required); the per-10k values follow at the recomputation queued here.</summary>
public static class SavePopulation
{
    public static async Task<Ok<PopulationSavedDto>> HandleAsync(PopulationRequest req, NpgsqlDataSource db, JobQueue jobs, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        if (req.RegionCode is null || req.RegionCode.Length != 6 || !req.RegionCode.All(char.IsAsciiDigit)) v.Add("regionCode", "请填写 6 位行政区划代码");
        if (req.Year is null or < 1949 or > 2100) v.Add("year", "年份应在 1949 至 2100 之间");
        if (req.Population is null or <= 0) v.Add("population", "人口数应为正整数");
        v.Required("basis", req.Basis, "人口口径（如年末常住人口、普查）").MaxLength("basis", req.Basis, 200, "人口口径")
            .Required("source", req.Source, "数据来源").MaxLength("source", req.Source, 500, "数据来源");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM ref_regions WHERE code = @RegionCode)", new { req.RegionCode }))
            throw new RequestValidationException("regionCode", $"行政区划代码“{req.RegionCode}”不存在");
        await using var tx = await conn.BeginTransactionAsync(ct);
        var before = await conn.QuerySingleOrDefaultAsync<PopulationRowDto>(
            "SELECT region_code, NULL AS region_name, year, population, basis, source FROM ref_population WHERE region_code = @RegionCode AND year = @Year", new { req.RegionCode, req.Year }, tx);
        await conn.ExecuteAsync("""
            INSERT INTO ref_population (region_code, year, population, basis, source) VALUES (@RegionCode, @Year, @Population, @basis, @source)
            ON CONFLICT (region_code, year) DO UPDATE SET population = EXCLUDED.population, basis = EXCLUDED.basis, source = EXCLUDED.source
            """, new { req.RegionCode, req.Year, req.Population, basis = req.Basis!.Trim(), source = req.Source!.Trim() }, tx);
        await AuditLog.WriteAsync(conn, tx, me, before is null ? "create" : "update", "ref_population", $"{req.RegionCode},{req.Year}", before,
            new { req.RegionCode, req.Year, req.Population, req.Basis, req.Source }, ct);
        var jobId = await jobs.EnqueueAsync(RecomputeIndicatorsJob.JobKind, new { reason = "population" }, me.Id, ct, conn, tx);
        await tx.CommitAsync(ct);
        var row = await conn.QuerySingleAsync<PopulationRowDto>("""
            SELECT p.region_code, r.name AS region_name, p.year, p.population, p.basis, p.source FROM ref_population p LEFT JOIN ref_regions r ON r.code = p.region_code
            WHERE p.region_code = @RegionCode AND p.year = @Year
            """, new { req.RegionCode, req.Year });
        return TypedResults.Ok(new PopulationSavedDto(row, jobId));
    }
}
