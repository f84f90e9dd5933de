using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Zhichan.Api.Platform;
using Zhichan.Api.Platform.Audit;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Errors;
using Zhichan.Api.Platform.Jobs;
using Zhichan.Api.Platform.Database;

namespace Zhichan.Api.Features.Indicators;

public sealed class IndicatorsModule : IFeatureModule
{
    public int Order => 40;

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IndicatorComputer>();
        services.AddSingleton<IJobHandler, RecomputeIndicatorsJob>();
        services.AddSingleton<IStartupTask, IndicatorCatalogueLoader>();
        if (!Platform.Database.DatabaseSetup.IsBuildTimeDocumentGeneration) services.AddHostedService<RecomputeAfterImports>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/indicators").WithTags("Indicators").RequireAuthorization(Policies.Government);
        g.MapGet("/", IndicatorsApi.ListAsync).WithName("ListIndicators").WithSummary("指标目录：定义、单位、方向、计数规则、时间口径、来源与当前版本");
        g.MapGet("/{code}", IndicatorsApi.GetAsync).WithName("GetIndicator").WithSummary("指标定义及全部历史版本");
        g.MapPut("/{code}", IndicatorsApi.UpdateAsync).WithName("UpdateIndicatorDefinition").WithSummary("修改指标定义（生成新版本，已有数值保留原版本）")
            .RequireAuthorization(Policies.Staff);
        g.MapGet("/{code}/values", IndicatorsApi.ValuesAsync).WithName("GetIndicatorValues")
            .WithSummary("指标数值：按地区与年份，含定义版本、数据截至时间、人口数及口径、下钻链接；无数据时明确标注");
        g.MapGet("/{code}/values/records", IndicatorsApi.DrillDownAsync).WithName("GetIndicatorValueRecords").WithSummary("下钻：构成某一数值的记录清单");
        g.MapPost("/{code}/values", IndicatorsApi.ReportAsync).WithName("ReportIndicatorValue").WithSummary("填报指标数值（非数据中心计算的指标，由责任单位填报，待审核）");
        g.MapPost("/values/{id:long}/review", IndicatorsApi.ReviewAsync).WithName("ReviewIndicatorValue").WithSummary("审核填报的指标数值（通过/退回）")
            .RequireAuthorization(Policies.Staff);
        g.MapPost("/recompute", IndicatorsApi.RecomputeAsync).WithName("RecomputeIndicators").WithSummary("重新计算全部数据中心指标（后台任务，可查看进度）")
            .RequireAuthorization(Policies.Staff);
        g.MapGet("/population", PopulationApi.ListAsync).WithName("ListPopulation").WithSummary("人均指标所用的人口数（年份、口径、来源）");
        g.MapPut("/population", PopulationApi.SaveAsync).WithName("SavePopulation").WithSummary("新增或更正人口数（须写明口径与来源；随后自动重新计算）")
            .RequireAuthorization(Policies.Staff);
        g.MapGet("/values/{id:long}/versions", IndicatorsApi.VersionsAsync).WithName("ListIndicatorValueVersions")
            .WithSummary("一个指标数值的全部版本（当前值与被后来审核通过的报告取代的历史值）");
        g.MapGet("/units", CustomUnits.ListAsync).WithName("ListCustomUnits").WithSummary("自定义考核单元（由若干地区组成，如沿海三区）");
        g.MapPost("/units", CustomUnits.CreateAsync).WithName("CreateCustomUnit").WithSummary("新建自定义考核单元（成员为行政区划代码；随后自动重新计算）")
            .RequireAuthorization(Policies.Staff);
        g.MapPut("/units/{id:long}", CustomUnits.UpdateAsync).WithName("UpdateCustomUnit").WithSummary("修改自定义考核单元的名称或成员（随后自动重新计算）")
            .RequireAuthorization(Policies.Staff);
        g.MapGet("/computations", IndicatorsApi.ComputationsAsync).WithName("ListIndicatorComputations").WithSummary("最近的指标计算任务及进度");
    }
}

public sealed record IndicatorDto(string Code, int Version, long DefinitionId, string Name, string Unit, string Direction, string Category, string Source,
    string SourceName, string? Method, string[] RightTypes, string Counting, string CountingName, bool Fractional, bool DomesticOnly, string TimeBasis,
    string TimeBasisName, bool PerCapita, string RuleText, string? OwnerUnit, string? DataNote, bool Computable, DateTime CreatedAt, DateTime? SupersededAt);

public sealed record IndicatorDetailDto(IndicatorDto Current, IReadOnlyList<IndicatorDto> Versions);

public sealed record IndicatorDefinitionRequest(string? Name, string? Unit, string? Direction, string? Counting, string? TimeBasis, string? RuleText,
    bool? DomesticOnly, string? DataNote, string? OwnerUnit, bool? Fractional = null);

public sealed record PopulationDto(long Population, int Year, string Basis, string Source);

public sealed record ComponentDto(string Key, string Name, string Status, decimal? Value, string Reason);

public sealed record IndicatorValueDto(long? Id, string RegionCode, string? RegionName, int Year, decimal? Value, string Status, string StatusName,
    string Display, int DefinitionVersion, long DefinitionId, decimal? Numerator, PopulationDto? Population, IReadOnlyList<ComponentDto>? Components,
    string? Note, DateTime? DataAsOf, DateTime? ComputedAt, string? ReportedUnit, string? ReviewComment, string? RecordsLink, string? DrillDownLink,
    ValueLineageDto? Lineage = null);

/// <summary>
/// Where a value comes from: the definition version and data date; for a custom unit the member regions it was computed over;
/// for a reported value the progress report, the reporting unit and who accepted it when, and its version (1, 2 … per acceptance).
/// </summary>
public sealed record ValueLineageDto(string Text, int DefinitionVersion, int ValueVersion, IReadOnlyList<string>? MemberCodes, IReadOnlyList<string>? MemberNames,
    long? ProgressReportId, string? ReportingUnit, string? ReportedBy, string? AcceptedBy, DateTime? AcceptedAt);

public sealed record ValueVersionDto(int ValueVersion, decimal? Value, string Status, string? Note, long? ProgressReportId, string? ReportingUnit, string? ReportedBy,
    string? AcceptedBy, DateTime? AcceptedAt, DateTime? ComputedAt, DateTime? SupersededAt, long? SupersededByReport, bool Current);

public sealed record IndicatorValuesDto(IndicatorDto Definition, IReadOnlyList<IndicatorValueDto> Values, DateTime? LastComputedAt);

public sealed record DrillDownRecordDto(long Id, string? ApplicationNumber, string? Title, string? FirstApplicant, DateOnly? ApplicationDate, DateOnly? GrantDate,
    string? CountyCode, string? Status, decimal? Share = null);

public sealed record DrillDownDto(string Code, string RegionCode, int Year, int DefinitionVersion, long Total, IReadOnlyList<DrillDownRecordDto> Items, string RecordsLink,
    IReadOnlyList<string>? MemberCodes = null, decimal? ShareTotal = null);

public sealed record ReportValueRequest(string? RegionCode, int? Year, decimal? Value, string? Note);

public sealed record ReviewRequest(string? Decision, string? Comment);

public sealed record JobStartedDto(long JobId, string Message);

public sealed record ComputationDto(long Id, long? JobId, DateTime StartedAt, DateTime? FinishedAt, DateTime? RecordsAsOf, int ValuesWritten, long? DurationMs,
    string? JobStatus, long? JobProgress, long? JobTotal, string? JobMessage);

public static class IndicatorsApi
{
    public static readonly IReadOnlyDictionary<string, string> StatusNames = new Dictionary<string, string>
    {
        ["computed"] = "数据中心计算", ["partial"] = "部分可计算", ["not_computable"] = "不可计算", ["reported"] = "已填报待审核",
        ["accepted"] = "填报已审核", ["returned"] = "填报已退回", ["no_data"] = "无数据", ["pending_report"] = "待填报",
    };

    private static readonly Dictionary<string, string> SourceNames = new()
    {
        [IndicatorSources.Records] = "数据中心记录计算", [IndicatorSources.Module] = "业务模块统计（上线前由责任单位填报）", [IndicatorSources.Reported] = "责任单位填报",
    };

    private static readonly Dictionary<string, string> CountingNames = new()
    {
        [CountingRules.FirstApplicant] = "第一申请人归属，整数计数", [CountingRules.AllApplicants] = "全部申请人归属（每个地区整数计 1 次）",
        [CountingRules.NotApplicable] = "不适用",
    };

    private static readonly Dictionary<string, string> TimeBasisNames = new()
    {
        [TimeBases.ApplicationDate] = "申请日（年度流量）", [TimeBases.PublicationDate] = "公开日（年度流量）", [TimeBases.GrantDate] = "授权公告日（年度流量）",
        [TimeBases.StockYearEnd] = "年末存量", [TimeBases.FlowYear] = "年度流量", [TimeBases.Reported] = "按填报",
    };

    public static IndicatorDto ToDto(IndicatorDefinition d) => new(d.Code, d.Version, d.Id, d.Name, d.Unit, d.Direction, d.Category, d.Source,
        SourceNames.GetValueOrDefault(d.Source, d.Source), d.Method, d.RightTypes, d.Counting,
        d.Fractional ? "全部申请人归属，分数计数（每件按 1/n 计入每个申请人所在地区）" : CountingNames.GetValueOrDefault(d.Counting, d.Counting),
        d.Fractional, d.DomesticOnly, d.TimeBasis, TimeBasisNames.GetValueOrDefault(d.TimeBasis, d.TimeBasis), d.PerCapita, d.RuleText, d.OwnerUnit, d.DataNote,
        d.Source == IndicatorSources.Records && d.Method != IndicatorMethods.NotInData, d.CreatedAt, d.SupersededAt);

    public static async Task<Ok<List<IndicatorDto>>> ListAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok((await IndicatorCatalogue.CurrentAsync(conn)).Select(ToDto).ToList());
    }

    private static async Task<IndicatorDefinition> CurrentAsync(NpgsqlConnection conn, string code, NpgsqlTransaction? tx = null) =>
        await conn.QuerySingleOrDefaultAsync<IndicatorDefinition>("SELECT * FROM indicator_definitions WHERE code = @code AND superseded_at IS NULL", new { code }, tx)
        ?? throw new DomainException($"指标“{code}”不存在", 404);

    public static async Task<Ok<IndicatorDetailDto>> GetAsync(string code, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var current = await CurrentAsync(conn, code);
        var versions = await conn.QueryAsync<IndicatorDefinition>("SELECT * FROM indicator_definitions WHERE code = @code ORDER BY version", new { code });
        return TypedResults.Ok(new IndicatorDetailDto(ToDto(current), versions.Select(ToDto).ToList()));
    }

    public static async Task<Ok<IndicatorDto>> UpdateAsync(string code, IndicatorDefinitionRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        v.MaxLength("name", req.Name, 100, "指标名称").MaxLength("unit", req.Unit, 20, "单位").MaxLength("ruleText", req.RuleText, 2000, "计数规则说明");
        if (req.Name is not null) v.Required("name", req.Name, "指标名称");
        if (req.Unit is not null) v.Required("unit", req.Unit, "单位");
        if (req.RuleText is not null) v.Required("ruleText", req.RuleText, "计数规则说明");
        v.OneOf("direction", req.Direction, ["higher", "lower"], "方向");
        v.OneOf("counting", req.Counting, CountingRules.All, "计数规则");
        v.OneOf("timeBasis", req.TimeBasis, TimeBases.All, "时间口径");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(AdvisoryLocks.XactLock(AdvisoryLocks.IndicatorDefinitions), transaction: tx);
        var old = await CurrentAsync(conn, code, tx);
        var next = new IndicatorDefinition
        {
            Code = old.Code, Name = req.Name?.Trim() ?? old.Name, Unit = req.Unit?.Trim() ?? old.Unit, Direction = req.Direction ?? old.Direction,
            Category = old.Category, Source = old.Source, Method = old.Method, RightTypes = old.RightTypes, Counting = req.Counting ?? old.Counting,
            Fractional = req.Fractional ?? old.Fractional, DomesticOnly = req.DomesticOnly ?? old.DomesticOnly, TimeBasis = req.TimeBasis ?? old.TimeBasis,
            PerCapita = old.PerCapita, RuleText = req.RuleText?.Trim() ?? old.RuleText, OwnerUnit = req.OwnerUnit ?? old.OwnerUnit,
            DataNote = req.DataNote ?? old.DataNote,
        };
        if (next.Fingerprint() == old.Fingerprint()) throw new RequestValidationException("name", "定义没有任何变化，未生成新版本");
        if (old.Source == IndicatorSources.Records && next.Counting == CountingRules.NotApplicable)
            throw new RequestValidationException("counting", "数据中心计算的指标必须指定计数规则（第一申请人或全部申请人）");
        if (next.Fractional && (old.Source != IndicatorSources.Records || next.Counting != CountingRules.AllApplicants))
            throw new RequestValidationException("fractional", "分数计数只适用于数据中心计算、按全部申请人归属的指标");
        var saved = await IndicatorCatalogue.SaveNewVersionAsync(conn, tx, next, old, me, ct);
        await tx.CommitAsync(ct);
        saved.CreatedAt = DateTime.UtcNow;
        return TypedResults.Ok(ToDto(saved));
    }

    private sealed class ValueRow
    {
        public long Id { get; set; }
        public long DefinitionId { get; set; }
        public int Version { get; set; }
        public string RegionCode { get; set; } = "";
        public string? RegionName { get; set; }
        public int Year { get; set; }
        public decimal? Value { get; set; }
        public string Status { get; set; } = "";
        public decimal? Numerator { get; set; }
        public long? Population { get; set; }
        public int? PopulationYear { get; set; }
        public string? PopulationBasis { get; set; }
        public string? PopulationSource { get; set; }
        public string? Components { get; set; }
        public string? Note { get; set; }
        public DateTime? DataAsOf { get; set; }
        public DateTime? ComputedAt { get; set; }
        public string? ReportedUnit { get; set; }
        public string? ReviewComment { get; set; }
        public string[]? MemberCodes { get; set; }
        public long? ProgressReportId { get; set; }
        public int ValueVersion { get; set; } = 1;
        public string? ReportedBy { get; set; }
        public string? ReviewedByName { get; set; }
        public DateTime? ReviewedAt { get; set; }
    }

    private const string ValueSelect = """
        SELECT v.id, v.definition_id, d.version, v.region_code, COALESCE(rg.name, cu.name) AS region_name, v.year, v.value, v.status, v.numerator, v.population,
               v.population_year, v.population_basis, v.population_source, v.components::text AS components, v.note, v.data_as_of, v.computed_at,
               ou.name AS reported_unit, v.review_comment, v.member_codes, v.progress_report_id, v.value_version,
               ru.display_name AS reported_by, rv.display_name AS reviewed_by_name, v.reviewed_at
        FROM indicator_values v JOIN indicator_definitions d ON d.id = v.definition_id
        LEFT JOIN ref_regions rg ON rg.code = v.region_code LEFT JOIN custom_units cu ON cu.code = v.region_code
        LEFT JOIN org_units ou ON ou.id = v.reported_unit_id LEFT JOIN users ru ON ru.id = v.reported_by LEFT JOIN users rv ON rv.id = v.reviewed_by
        """ + "\n";

    /// <summary>
    /// Values of one indicator. region: comma-separated codes; parent: the children of a region (e.g. 320000 → the 13 cities);
    /// version: a past definition version (default: current). District users see their own region only.
    /// </summary>
    public static async Task<Ok<IndicatorValuesDto>> ValuesAsync(string code, string? region, string? parent, int? year, int? version, bool? units,
        NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        var regions = (region ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var r in regions.Where(r => !IsRegionCode(r) && !CustomUnits.IsUnitCode(r))) v.Add("region", $"行政区划代码“{r}”应为 6 位数字（自定义考核单元为 U 加 5 位数字）");
        if (parent is not null && !IsRegionCode(parent)) v.Add("parent", $"上级行政区划代码“{parent}”应为 6 位数字");
        if (year is < 1985 or > 2100) v.Add("year", "年份应在 1985 至 2100 之间");
        v.ThrowIfInvalid();

        await using var conn = await db.OpenConnectionAsync(ct);
        var def = version is null ? await CurrentAsync(conn, code)
            : await conn.QuerySingleOrDefaultAsync<IndicatorDefinition>("SELECT * FROM indicator_definitions WHERE code = @code AND version = @version", new { code, version })
              ?? throw new DomainException($"指标“{code}”没有第 {version} 版定义", 404);
        var customUnits = (await CustomUnits.LoadAsync(conn)).ToDictionary(u => u.Code);
        foreach (var r in regions.Where(r => CustomUnits.IsUnitCode(r) && !customUnits.ContainsKey(r)))
            throw new DomainException($"自定义考核单元“{r}”不存在", 404);
        if (parent is not null)
            regions.AddRange(await conn.QueryAsync<string>("SELECT code FROM ref_regions WHERE parent_code = @parent ORDER BY code", new { parent }));
        if (units == true)
            regions.AddRange(customUnits.Values.Where(u => parent is null || u.MemberCodes.All(m => m != parent && m.StartsWith(RegionPrefixOf(parent), StringComparison.Ordinal)))
                .Select(u => u.Code));
        if (me.RegionPrefix is { } prefix)
        {
            if (regions.Count == 0) regions.Add(me.RegionCode!);
            regions = regions.Where(r => customUnits.TryGetValue(r, out var u) ? CustomUnits.VisibleTo(u, me) : r.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (regions.Count == 0) throw new DomainException("县区用户只能查看本地区的指标数值", 403, "无权访问");
        }

        var rows = (await conn.QueryAsync<ValueRow>(ValueSelect + """
            WHERE v.definition_id = @Id AND (cardinality(@regions) = 0 OR v.region_code = ANY(@regions)) AND (@year::int IS NULL OR v.year = @year)
            ORDER BY v.year DESC, v.region_code
            LIMIT 5000
            """, new { def.Id, regions = regions.ToArray(), year })).ToList();

        var memberNames = await RegionNamesAsync(conn, rows.SelectMany(r => r.MemberCodes ?? []));
        var values = rows.Select(r => ToValueDto(def, r, memberNames)).ToList();
        // regions asked for that have no value: say so (无数据 / 待填报), never 0
        if (regions.Count > 0 && year is { } y)
        {
            var names = (await conn.QueryAsync<(string Code, string Name)>("SELECT code, name FROM ref_regions WHERE code = ANY(@regions)", new { regions = regions.ToArray() }))
                .ToDictionary(x => x.Code, x => x.Name);
            foreach (var u in customUnits.Values) names[u.Code] = u.Name;
            foreach (var missing in regions.Where(r => rows.All(x => x.RegionCode != r)))
            {
                var status = def.Source == IndicatorSources.Records ? "no_data" : "pending_report";
                values.Add(new IndicatorValueDto(null, missing, names.GetValueOrDefault(missing), y, null, status, StatusNames[status],
                    status == "no_data" ? "无数据" : "待填报", def.Version, def.Id, null, null, null, def.DataNote, null, null, null, null, null, null));
            }
        }
        var last = await conn.ExecuteScalarAsync<DateTime?>("SELECT max(finished_at) FROM indicator_computations");
        return TypedResults.Ok(new IndicatorValuesDto(ToDto(def), values, last));
    }

    private static bool IsRegionCode(string s) => s.Length == 6 && s.All(char.IsAsciiDigit);

    /// <summary>The code prefix of everything inside a region: 32 for 320000, 3207 for 320700, the code itself for a county.</summary>
    private static string RegionPrefixOf(string code) => code.EndsWith("0000", StringComparison.Ordinal) ? code[..2] : code.EndsWith("00", StringComparison.Ordinal) ? code[..4] : code;

    private static async Task<Dictionary<string, string>> RegionNamesAsync(NpgsqlConnection conn, IEnumerable<string> codes)
    {
        var arr = codes.Distinct().ToArray();
        if (arr.Length == 0) return [];
        return (await conn.QueryAsync<(string Code, string Name)>("SELECT code, name FROM ref_regions WHERE code = ANY(@arr)", new { arr })).ToDictionary(x => x.Code, x => x.Name);
    }

    private static ValueLineageDto Lineage(IndicatorDefinition def, ValueRow r, IReadOnlyDictionary<string, string> memberNames)
    {
        var members = r.MemberCodes?.Select(m => memberNames.GetValueOrDefault(m, m)).ToList();
        var parts = new List<string> { $"定义第 {r.Version} 版" };
        if (members is not null) parts.Add($"自定义考核单元，由 {string.Join("、", members)} 合并计算（同一记录只计一次，人口为成员之和）");
        if (def.Source == IndicatorSources.Records && r.DataAsOf is { } asOf) parts.Add($"数据截至 {asOf:yyyy-MM-dd HH:mm}");
        if (r.ProgressReportId is { } pr) parts.Add($"来自进展报告 #{pr}");
        if (r.ReportedUnit is not null) parts.Add($"填报单位：{r.ReportedUnit}");
        if (r.Status == "accepted" && r.ReviewedAt is { } at) parts.Add($"{r.ReviewedByName ?? "知识产权局"} 于 {at:yyyy-MM-dd HH:mm} 审核通过");
        if (r.ValueVersion > 1) parts.Add($"第 {r.ValueVersion} 个数值版本（历史版本可查）");
        return new ValueLineageDto(string.Join("；", parts), r.Version, r.ValueVersion, r.MemberCodes, members, r.ProgressReportId, r.ReportedUnit, r.ReportedBy,
            r.Status == "accepted" ? r.ReviewedByName : null, r.Status == "accepted" ? r.ReviewedAt : null);
    }

    private static IndicatorValueDto ToValueDto(IndicatorDefinition def, ValueRow r, IReadOnlyDictionary<string, string>? memberNames = null)
    {
        var display = r.Value is { } val ? $"{val:0.####} {def.Unit}" : r.Status switch
        {
            "partial" => "部分可计算（见构成）",
            "not_computable" => "不可计算",
            "returned" => "待重新填报",
            _ => "无数据",
        };
        var drillable = def.Source == IndicatorSources.Records && r.Status is "computed" or "partial" or "not_computable";
        return new IndicatorValueDto(r.Id, r.RegionCode, r.RegionName, r.Year, r.Value, r.Status, StatusNames.GetValueOrDefault(r.Status, r.Status), display,
            r.Version, r.DefinitionId, r.Numerator,
            r.Population is { } p ? new PopulationDto(p, r.PopulationYear ?? r.Year, r.PopulationBasis ?? "", r.PopulationSource ?? "") : null,
            r.Components is null ? null : JsonSerializer.Deserialize<List<ComponentDto>>(r.Components, JsonSerializerOptions.Web),
            r.Note, r.DataAsOf, r.ComputedAt, r.ReportedUnit, r.ReviewComment,
            drillable ? RecordsLink(def, r.RegionCode, r.Year) : null,
            drillable ? $"/api/indicators/{def.Code}/values/records?region={r.RegionCode}&year={r.Year}&version={r.Version}" : null,
            Lineage(def, r, memberNames ?? new Dictionary<string, string>()));
    }

    /// <summary>The records search (SearchRecords) with the filters that reproduce a flow count (stock counts add the in-force condition).</summary>
    public static string RecordsLink(IndicatorDefinition def, string region, int year)
    {
        var dateField = def.TimeBasis switch { TimeBases.GrantDate or TimeBases.StockYearEnd => "grant", TimeBases.PublicationDate => "publication", _ => "application" };
        var from = def.TimeBasis == TimeBases.StockYearEnd ? "1985-01-01" : $"{year}-01-01";
        return $"/api/records?region={region}&dateField={dateField}&from={from}&to={year}-12-31&types={string.Join(",", def.RightTypes.Take(def.Method == IndicatorMethods.InventionShare ? 3 : 9))}";
    }

    /// <summary>The records behind one computed value, by the same rule as the computation (first-named or all applicants, date basis, stock).</summary>
    public static async Task<Ok<DrillDownDto>> DrillDownAsync(string code, string? region, int? year, int? version, int? page, int? pageSize,
        NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        if (region is null || (!IsRegionCode(region) && !CustomUnits.IsUnitCode(region))) v.Add("region", "请提供 6 位行政区划代码或自定义考核单元代码");
        if (year is null or < 1985 or > 2100) v.Add("year", "请提供 1985 至 2100 之间的年份");
        if (pageSize is < 1 or > 500) v.Add("pageSize", "每页条数应在 1 至 500 之间");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        var unit = CustomUnits.IsUnitCode(region!)
            ? (await CustomUnits.LoadAsync(conn)).FirstOrDefault(u => u.Code == region) ?? throw new DomainException($"自定义考核单元“{region}”不存在", 404)
            : null;
        if (me.RegionPrefix is { } prefix && (unit is null ? !region!.StartsWith(prefix, StringComparison.Ordinal) : !CustomUnits.VisibleTo(unit, me)))
            throw new DomainException("县区用户只能查看本地区的记录清单", 403, "无权访问");
        var codes = unit?.MemberCodes ?? [region!];
        var def = version is null ? await CurrentAsync(conn, code)
            : await conn.QuerySingleOrDefaultAsync<IndicatorDefinition>("SELECT * FROM indicator_definitions WHERE code = @code AND version = @version", new { code, version })
              ?? throw new DomainException($"指标“{code}”没有第 {version} 版定义", 404);
        if (def.Source != IndicatorSources.Records) throw new DomainException($"“{def.Name}”不是由数据中心记录计算的指标，没有记录清单", 400, "无法下钻");
        var types = def.Method switch
        {
            { } m when m.StartsWith("per_10k:", StringComparison.Ordinal) => def.RightTypes,
            _ => def.RightTypes,
        };
        var stock = def.TimeBasis == TimeBases.StockYearEnd;
        var col = def.TimeBasis switch { TimeBases.GrantDate => "grant_date", TimeBases.PublicationDate => "publication_date", _ => "application_date" };
        var dateCond = stock
            ? $"r.grant_date <= make_date(@year, 12, 31) AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(r.events) e WHERE e->>'code' IN ({IndicatorComputer.LapseEvents}) AND (e->>'date')::date <= make_date(@year, 12, 31))"
            : $"r.{col} >= make_date(@year, 1, 1) AND r.{col} <= make_date(@year, 12, 31)";
        if (def.Method == IndicatorMethods.HighValue) dateCond += " AND r.application_date <= make_date(@year - 10, 12, 31)";
        const string entityIn = "(e.region_code = ANY(@codes) OR substr(e.region_code, 1, 4) || '00' = ANY(@codes) OR substr(e.region_code, 1, 2) || '0000' = ANY(@codes))";
        var firstIn = "(r.province_code = ANY(@codes) OR r.city_code = ANY(@codes) OR r.county_code = ANY(@codes))";
        var domestic = def.DomesticOnly ? " AND r.province_code IS NOT NULL AND COALESCE(r.region_rule, '') <> 'foreign'" : "";
        string regionCond, share = "NULL::numeric";
        if (def.Fractional)
        {
            // the record's share in the region: (first applicant there + co-applicants there) / n — the same rule as the computation
            share = $"""
                ((CASE WHEN {firstIn}{domestic} THEN 1 ELSE 0 END)
                 + (SELECT count(*) FROM unnest(r.applicant_keys) WITH ORDINALITY k(key, pos) JOIN entities e ON e.match_key = k.key
                    WHERE k.pos > 1 AND e.region_code ~ '^[0-9]+$' AND length(e.region_code) = 6 AND {entityIn}))::numeric / GREATEST(cardinality(r.applicants), 1)
                """;
            regionCond = $"({share}) > 0";
            domestic = "";
        }
        else
        {
            regionCond = def.Counting == CountingRules.AllApplicants
                ? $"({firstIn} OR EXISTS (SELECT 1 FROM entities e WHERE e.id = ANY(r.applicant_entity_ids) AND {entityIn}))"
                : firstIn;
        }
        var where = $"r.right_type = ANY(@types) AND {dateCond} AND {regionCond}{domestic}";
        var size = pageSize ?? 50;
        var offset = Math.Max(0, (page ?? 1) - 1) * size;
        var args = new { types, year, codes, size, offset };
        var total = await conn.ExecuteScalarAsync<long>($"SELECT count(*) FROM records r WHERE {where}", args);
        decimal? shareTotal = def.Fractional ? Math.Round(await conn.ExecuteScalarAsync<decimal>($"SELECT COALESCE(sum({share}), 0) FROM records r WHERE {where}", args), 4) : null;
        var items = (await conn.QueryAsync<DrillDownRecordDto>($"""
            SELECT r.id, r.application_number, r.title, r.first_applicant, r.application_date, r.grant_date, r.county_code, r.status, round({share}, 4) AS share
            FROM records r WHERE {where} ORDER BY r.application_date, r.id LIMIT @size OFFSET @offset
            """, args)).ToList();
        return TypedResults.Ok(new DrillDownDto(code, region!, year!.Value, def.Version, total, items, RecordsLink(def, unit is null ? region! : string.Join(",", codes), year.Value),
            unit?.MemberCodes, shareTotal));
    }

    /// <summary>A unit reports a value of an indicator the data centre does not compute; the bureau then reviews it.</summary>
    public static async Task<Created<IndicatorValueDto>> ReportAsync(string code, ReportValueRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        if (req.RegionCode is null || !IsRegionCode(req.RegionCode)) v.Add("regionCode", "请填写 6 位行政区划代码");
        if (req.Year is null or < 1985 or > 2100) v.Add("year", "请填写 1985 至 2100 之间的年份");
        if (req.Value is null) v.Add("value", "请填写数值");
        else if (req.Value < 0) v.Add("value", "数值不能为负数");
        v.MaxLength("note", req.Note, 1000, "说明");
        v.ThrowIfInvalid();
        if (me.RegionPrefix is { } prefix && !req.RegionCode!.StartsWith(prefix, StringComparison.Ordinal))
            throw new DomainException("县区用户只能填报本地区的指标数值", 403, "无权访问");
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var def = await CurrentAsync(conn, code, tx);
        if (def.Source == IndicatorSources.Records)
            throw new RequestValidationException("code", $"“{def.Name}”由数据中心记录计算，不能填报");
        if (def.Unit == "%" && req.Value > 100) throw new RequestValidationException("value", "百分比不能超过 100");
        var before = await conn.QuerySingleOrDefaultAsync<ValueRow>("SELECT id, value, status FROM indicator_values WHERE definition_id = @Id AND region_code = @RegionCode AND year = @Year",
            new { def.Id, req.RegionCode, req.Year }, tx);
        if (before is { Status: "accepted" } && !me.IsStaff) throw new DomainException("该数值已审核通过，如需更正请联系知识产权局", 409);
        // an accepted value is kept as a version before it is replaced (ADR 0106)
        var keep = before is { Status: "accepted" };
        if (keep) await ReportedValues.ArchiveAsync(conn, tx, before!.Id, null);
        var id = await conn.ExecuteScalarAsync<long>("""
            INSERT INTO indicator_values (definition_id, region_code, year, value, status, note, reported_by, reported_unit_id, computed_at)
            VALUES (@Id, @RegionCode, @Year, @Value, 'reported', @Note, @UserId, @OrgUnitId, now())
            ON CONFLICT (definition_id, region_code, year) DO UPDATE SET value = EXCLUDED.value, status = 'reported', note = EXCLUDED.note,
                reported_by = EXCLUDED.reported_by, reported_unit_id = EXCLUDED.reported_unit_id, computed_at = now(), reviewed_by = NULL, reviewed_at = NULL, review_comment = NULL,
                progress_report_id = NULL, value_version = indicator_values.value_version + (CASE WHEN @keep THEN 1 ELSE 0 END)
            RETURNING id
            """, new { def.Id, req.RegionCode, req.Year, req.Value, req.Note, UserId = me.Id, me.OrgUnitId, keep }, tx);
        await AuditLog.WriteAsync(conn, tx, me, before is null ? "create" : "update", "indicator_values", id.ToString(),
            before is null ? null : new { before.Value, before.Status }, new { code, def.Version, req.RegionCode, req.Year, req.Value, status = "reported" }, ct);
        await tx.CommitAsync(ct);
        var row = await LoadValueAsync(conn, id);
        return TypedResults.Created($"/api/indicators/{code}/values?region={req.RegionCode}&year={req.Year}", ToValueDto(def, row));
    }

    private static async Task<ValueRow> LoadValueAsync(NpgsqlConnection conn, long id) => await conn.QuerySingleAsync<ValueRow>(ValueSelect + " WHERE v.id = @id", new { id });

    /// <summary>Every version of one value: the current row and the earlier ones it replaced (a later accepted report never overwrites silently).</summary>
    public static async Task<Ok<List<ValueVersionDto>>> VersionsAsync(long id, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var current = await conn.QuerySingleOrDefaultAsync<ValueRow>(ValueSelect + " WHERE v.id = @id", new { id }) ?? throw new DomainException("指标数值不存在", 404);
        if (me.RegionPrefix is { } prefix && !current.RegionCode.StartsWith(prefix, StringComparison.Ordinal))
            throw new DomainException("县区用户只能查看本地区的指标数值", 403, "无权访问");
        var old = await conn.QueryAsync<ValueVersionDto>("""
            SELECT h.value_version, h.value, h.status, h.note, h.progress_report_id, ou.name AS reporting_unit, ru.display_name AS reported_by,
                   CASE WHEN h.status = 'accepted' THEN rv.display_name END AS accepted_by, CASE WHEN h.status = 'accepted' THEN h.reviewed_at END AS accepted_at,
                   h.computed_at, h.superseded_at, h.superseded_by_report, false AS current
            FROM indicator_value_versions h LEFT JOIN org_units ou ON ou.id = h.reported_unit_id LEFT JOIN users ru ON ru.id = h.reported_by
            LEFT JOIN users rv ON rv.id = h.reviewed_by WHERE h.value_id = @id ORDER BY h.value_version DESC
            """, new { id });
        var list = new List<ValueVersionDto>
        {
            new(current.ValueVersion, current.Value, current.Status, current.Note, current.ProgressReportId, current.ReportedUnit, current.ReportedBy,
                current.Status == "accepted" ? current.ReviewedByName : null, current.Status == "accepted" ? current.ReviewedAt : null, current.ComputedAt, null, null, true),
        };
        list.AddRange(old);
        return TypedResults.Ok(list);
    }

    public static async Task<Ok<IndicatorValueDto>> ReviewAsync(long id, ReviewRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("decision", req.Decision, "审核结论").OneOf("decision", req.Decision, ["accept", "return"], "审核结论");
        if (req.Decision == "return") v.Required("comment", req.Comment, "退回理由");
        v.MaxLength("comment", req.Comment, 1000, "审核意见");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var status = await conn.ExecuteScalarAsync<string?>("SELECT status FROM indicator_values WHERE id = @id FOR UPDATE", new { id }, tx)
            ?? throw new DomainException("指标数值不存在", 404);
        if (status != "reported") throw new DomainException("只有待审核的填报数值可以审核", 409);
        var next = req.Decision == "accept" ? "accepted" : "returned";
        await conn.ExecuteAsync("UPDATE indicator_values SET status = @next, reviewed_by = @by, reviewed_at = now(), review_comment = @Comment WHERE id = @id",
            new { next, by = me.Id, req.Comment, id }, tx);
        await AuditLog.WriteAsync(conn, tx, me, "review", "indicator_values", id.ToString(), new { status }, new { status = next, req.Comment }, ct);
        await tx.CommitAsync(ct);
        var row = await LoadValueAsync(conn, id);
        var def = await conn.QuerySingleAsync<IndicatorDefinition>("SELECT * FROM indicator_definitions WHERE id = @DefinitionId", new { row.DefinitionId });
        return TypedResults.Ok(ToValueDto(def, row));
    }

    /// <summary>incremental=true: only the years touched by records changed since the last computation.</summary>
    public static async Task<Accepted<JobStartedDto>> RecomputeAsync(bool? incremental, JobQueue jobs, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var jobId = await jobs.EnqueueAsync(RecomputeIndicatorsJob.JobKind, new { reason = "manual", incremental = incremental == true }, me.Id, ct);
        await AuditLog.WriteAsync(db, me, "enqueue", "jobs", jobId.ToString(), null, new { kind = RecomputeIndicatorsJob.JobKind }, ct);
        return TypedResults.Accepted("/api/indicators/computations", new JobStartedDto(jobId, "已开始重新计算，可在计算记录中查看进度"));
    }

    public static async Task<Ok<List<ComputationDto>>> ComputationsAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<ComputationDto>("""
            SELECT * FROM (
              SELECT c.id, c.job_id, c.started_at, c.finished_at, c.records_as_of, c.values_written, c.duration_ms,
                     j.status AS job_status, j.progress AS job_progress, j.total AS job_total, j.message AS job_message
              FROM indicator_computations c LEFT JOIN jobs j ON j.id = c.job_id
              UNION ALL
              SELECT 0, j.id, j.created_at, NULL, NULL, 0, NULL, j.status, j.progress, j.total, j.message
              FROM jobs j WHERE j.kind = @kind AND j.status = 'queued') x
            ORDER BY started_at DESC LIMIT 20
            """, new { kind = RecomputeIndicatorsJob.JobKind });
        return TypedResults.Ok(rows.ToList());
    }
}
