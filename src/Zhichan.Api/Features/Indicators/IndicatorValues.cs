using System.Text.Json;

namespace Zhichan.Api.Features.Indicators;

/// <summary>
/// What the indicator use cases share: the display names of statuses and rules, the mapping of a definition to its DTO, the
/// current definition of a code, and reading a stored value with its lineage.
/// </summary>
public static class IndicatorValues
{
    public static readonly IReadOnlyDictionary<string, string> StatusNames = new Dictionary<string, string>
    {
        ["computed"] = "数据中心计算", ["partial"] = "部分可计算", ["not_computable"] = "不可计算", ["reported"] = "已填报待审核",
        ["accepted"] = "填报已审核", ["returned"] = "填报已退回", ["no_data"] = "无数据", ["pending_report"] = "待填报",
    };

    internal static readonly Dictionary<string, string> SourceNames = new()
    {
        [IndicatorSources.Records] = "数据中心记录计算", [IndicatorSources.Module] = "业务模块统计（上线前由责任单位填报）", [IndicatorSources.Reported] = "责任单位填报",
    };

    internal static readonly Dictionary<string, string> CountingNames = new()
    {
        [CountingRules.FirstApplicant] = "第一申请人归属，整数计数", [CountingRules.AllApplicants] = "全部申请人归属（每个地区整数计 1 次）",
        [CountingRules.NotApplicable] = "不适用",
    };

    internal static readonly Dictionary<string, string> TimeBasisNames = new()
    {
        [TimeBases.ApplicationDate] = "申请日（年度流量）", [TimeBases.PublicationDate] = "公开日（年度流量）", [TimeBases.GrantDate] = "授权公告日（年度流量）",
        [TimeBases.StockYearEnd] = "年末存量", [TimeBases.FlowYear] = "年度流量", [TimeBases.Reported] = "按填报",
    };

    public static IndicatorDto ToDto(IndicatorDefinition d) => new(d.Code, d.Version, d.Id, d.Name, d.Unit, d.Direction, d.Category, d.Source,
        SourceNames.GetValueOrDefault(d.Source, d.Source), d.Method, d.RightTypes, d.Counting,
        d.Fractional ? "全部申请人归属，分数计数（每件按 1/n 计入每个申请人所在地区）" : CountingNames.GetValueOrDefault(d.Counting, d.Counting),
        d.Fractional, d.DomesticOnly, d.TimeBasis, TimeBasisNames.GetValueOrDefault(d.TimeBasis, d.TimeBasis), d.PerCapita, d.RuleText, d.OwnerUnit, d.DataNote,
        d.Source == IndicatorSources.Records && d.Method != IndicatorMethods.NotInData, d.CreatedAt, d.SupersededAt);

    internal static async Task<IndicatorDefinition> CurrentAsync(NpgsqlConnection conn, string code, NpgsqlTransaction? tx = null) =>
        await conn.QuerySingleOrDefaultAsync<IndicatorDefinition>("SELECT * FROM indicator_definitions WHERE code = @code AND superseded_at IS NULL", new { code }, tx)
        ?? throw new DomainException($"指标“{code}”不存在", 404);

    public static async Task<Ok<IndicatorDetailDto>> GetAsync(string code, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var current = await CurrentAsync(conn, code);
        var versions = await conn.QueryAsync<IndicatorDefinition>("SELECT * FROM indicator_definitions WHERE code = @code ORDER BY version", new { code });
        return TypedResults.Ok(new IndicatorDetailDto(ToDto(current), versions.Select(ToDto).ToList()));
    }

    internal sealed class ValueRow
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
        public decimal? PendingValue { get; set; }
        public string? PendingNote { get; set; }
        public string? PendingUnit { get; set; }
        public string? PendingBy { get; set; }
        public DateTime? PendingAt { get; set; }
        public string? SourceTitle { get; set; }
        public string? SourceUrl { get; set; }
        public DateOnly? SourceDate { get; set; }
        public string? PeriodNote { get; set; }
    }

    internal const string ValueSelect = """
        SELECT v.id, v.definition_id, d.version, v.region_code, COALESCE(rg.name, cu.name) AS region_name, v.year, v.value, v.status, v.numerator, v.population,
               v.population_year, v.population_basis, v.population_source, v.components::text AS components, v.note, v.data_as_of, v.computed_at,
               ou.name AS reported_unit, v.review_comment, v.member_codes, v.progress_report_id, v.value_version,
               ru.display_name AS reported_by, rv.display_name AS reviewed_by_name, v.reviewed_at,
               v.pending_value, v.pending_note, pu.name AS pending_unit, pb.display_name AS pending_by, v.pending_at,
               v.source_title, v.source_url, v.source_date, v.period_note
        FROM indicator_values v JOIN indicator_definitions d ON d.id = v.definition_id
        LEFT JOIN ref_regions rg ON rg.code = v.region_code LEFT JOIN custom_units cu ON cu.code = v.region_code
        LEFT JOIN org_units ou ON ou.id = v.reported_unit_id LEFT JOIN users ru ON ru.id = v.reported_by LEFT JOIN users rv ON rv.id = v.reviewed_by
        LEFT JOIN org_units pu ON pu.id = v.pending_unit_id LEFT JOIN users pb ON pb.id = v.pending_by
        """ + "\n";

    internal static bool IsRegionCode(string s) => s.Length == 6 && s.All(char.IsAsciiDigit);

    /// <summary>The code prefix of everything inside a region: 32 for 320000, 3207 for 320700, the code itself for a county.</summary>
    internal static string RegionPrefixOf(string code) => code.EndsWith("0000", StringComparison.Ordinal) ? code[..2] : code.EndsWith("00", StringComparison.Ordinal) ? code[..4] : code;

    internal static async Task<Dictionary<string, string>> RegionNamesAsync(NpgsqlConnection conn, IEnumerable<string> codes)
    {
        var arr = codes.Distinct().ToArray();
        if (arr.Length == 0) return [];
        return (await conn.QueryAsync<(string Code, string Name)>("SELECT code, name FROM ref_regions WHERE code = ANY(@arr)", new { arr })).ToDictionary(x => x.Code, x => x.Name);
    }

    internal static ValueLineageDto Lineage(IndicatorDefinition def, ValueRow r, IReadOnlyDictionary<string, string> memberNames)
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

    internal static IndicatorValueDto ToValueDto(IndicatorDefinition def, ValueRow r, IReadOnlyDictionary<string, string>? memberNames = null)
    {
        var display = r.Value is { } val ? $"{val:0.####} {def.Unit}" : r.Status switch
        {
            "partial" => "部分可计算（见构成）",
            "not_computable" => "不可计算",
            "returned" => "待重新填报",
            _ => "无数据",
        };
        var drillable = def.Source == IndicatorSources.Records && r.Status is "computed" or "partial" or "not_computable";
        var moduleRows = def.Source == IndicatorSources.Module && r.Status == "computed";
        var statusName = moduleRows ? "业务模块统计" : StatusNames.GetValueOrDefault(r.Status, r.Status);
        return new IndicatorValueDto(r.Id, r.RegionCode, r.RegionName, r.Year, r.Value, r.Status, statusName, display,
            r.Version, r.DefinitionId, r.Numerator,
            r.Population is { } p ? new PopulationDto(p, r.PopulationYear ?? r.Year, r.PopulationBasis ?? "", r.PopulationSource ?? "") : null,
            r.Components is null ? null : JsonSerializer.Deserialize<List<ComponentDto>>(r.Components, JsonSerializerOptions.Web),
            r.Note, r.DataAsOf, r.ComputedAt, r.ReportedUnit, r.ReviewComment,
            drillable ? RecordsLink(def, r.RegionCode, r.Year) : null,
            drillable ? $"/api/indicators/{def.Code}/values/records?region={r.RegionCode}&year={r.Year}&version={r.Version}"
            : moduleRows ? $"/api/indicators/{def.Code}/values/rows?region={r.RegionCode}&year={r.Year}" : null,
            Lineage(def, r, memberNames ?? new Dictionary<string, string>()),
            r.PendingValue is { } pending ? new PendingCorrectionDto(pending, r.PendingNote, r.PendingUnit, r.PendingBy, r.PendingAt ?? DateTime.UtcNow) : null,
            r.SourceTitle is { } title ? new PublicationDto(title, r.SourceUrl, r.SourceDate, r.PeriodNote) : null);
    }

    /// <summary>The records search (SearchRecords) with the filters that reproduce a flow count (stock counts add the in-force condition).</summary>
    public static string RecordsLink(IndicatorDefinition def, string region, int year)
    {
        var dateField = def.TimeBasis switch { TimeBases.GrantDate or TimeBases.StockYearEnd => "grant", TimeBases.PublicationDate => "publication", _ => "application" };
        var from = def.TimeBasis == TimeBases.StockYearEnd ? "1985-01-01" : $"{year}-01-01";
        return $"/api/records?region={region}&dateField={dateField}&from={from}&to={year}-12-31&types={string.Join(",", def.RightTypes.Take(def.Method == IndicatorMethods.InventionShare ? 3 : 9))}";
    }

    internal static async Task<ValueRow> LoadValueAsync(NpgsqlConnection conn, long id) => await conn.QuerySingleAsync<ValueRow>(ValueSelect + " WHERE v.id = @id", new { id });

    /// <summary>
    /// Who may report a value of an indicator (issue 18, finding 5): the bureau, or the unit named as its owner (责任单位) — its
    /// org unit's name contains the owner's name, e.g. "连云港市中级人民法院" owns "市中级人民法院"'s indicators. Nobody else.
    /// </summary>
    internal static bool MayReport(IndicatorDefinition def, CurrentUser me)
    {
        return me.IsStaff || OwnedBy(def.OwnerUnit, me.OrgUnitName);
    }

    /// <summary>Whether the org unit of <paramref name="orgUnitName"/> is the indicator owner <paramref name="ownerUnit"/> (short names expanded).</summary>
    internal static bool OwnedBy(string? ownerUnit, string? orgUnitName)
    {
        if (string.IsNullOrWhiteSpace(ownerUnit) || string.IsNullOrWhiteSpace(orgUnitName)) return false;
        var owner = ownerUnit.Trim();
        var names = new List<string> { owner };
        foreach (var (shortName, fullName) in OwnerAbbreviations) if (owner.Contains(shortName, StringComparison.Ordinal)) names.Add(owner.Replace(shortName, fullName));
        return names.Any(n => orgUnitName.Contains(n, StringComparison.Ordinal));
    }

    /// <summary>Short names the catalogue uses for owners, and the full names org units carry.</summary>
    private static readonly (string Short, string Full)[] OwnerAbbreviations =
        [("人社局", "人力资源和社会保障局"), ("市场监管局", "市场监督管理局"), ("金融监管分局", "金融监督管理局")];

    /// <summary>The definition of <paramref name="code"/>: its current version, or the given past one.</summary>
    internal static async Task<IndicatorDefinition> DefinitionAsync(NpgsqlConnection conn, string code, int? version) =>
        version is null ? await CurrentAsync(conn, code)
        : await conn.QuerySingleOrDefaultAsync<IndicatorDefinition>("SELECT * FROM indicator_definitions WHERE code = @code AND version = @version", new { code, version })
          ?? throw new DomainException($"指标“{code}”没有第 {version} 版定义", 404);
}
