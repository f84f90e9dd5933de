using Dapper;
using Npgsql;
using Zhichan.Api.Platform;
using Zhichan.Api.Platform.Audit;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Database;

namespace Zhichan.Api.Features.Indicators;

/// <summary>Where a value comes from.</summary>
public static class IndicatorSources
{
    public const string Records = "records", Module = "module", Reported = "reported";
    public static readonly string[] All = [Records, Module, Reported];
}

public static class CountingRules
{
    public const string FirstApplicant = "first_applicant", AllApplicants = "all_applicants", NotApplicable = "not_applicable";
    public static readonly string[] All = [FirstApplicant, AllApplicants, NotApplicable];
}

public static class TimeBases
{
    public const string ApplicationDate = "application_date", PublicationDate = "publication_date", GrantDate = "grant_date",
        StockYearEnd = "stock_year_end", FlowYear = "flow_year", Reported = "reported";
    public static readonly string[] All = [ApplicationDate, PublicationDate, GrantDate, StockYearEnd, FlowYear, Reported];
}

/// <summary>One version of an indicator definition (a row of indicator_definitions).</summary>
public sealed class IndicatorDefinition
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public string Unit { get; set; } = "";
    public string Direction { get; set; } = "higher";
    public string Category { get; set; } = "";
    public string Source { get; set; } = IndicatorSources.Reported;
    public string? Method { get; set; }
    public string[] RightTypes { get; set; } = [];
    public string Counting { get; set; } = CountingRules.NotApplicable;
    public bool Fractional { get; set; }
    public bool DomesticOnly { get; set; } = true;
    public string TimeBasis { get; set; } = TimeBases.Reported;
    public bool PerCapita { get; set; }
    public string RuleText { get; set; } = "";
    public string? OwnerUnit { get; set; }
    public string? DataNote { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SupersededAt { get; set; }

    /// <summary>The fields whose change makes a new version (everything but identity and timestamps).</summary>
    public string Fingerprint() => string.Join("|", Name, Unit, Direction, Category, Source, Method, string.Join(",", RightTypes), Counting,
        Fractional, DomesticOnly, TimeBasis, PerCapita, RuleText, OwnerUnit, DataNote);
}

/// <summary>
/// The catalogue of PRODUCT.md §Indicators: every indicator defined once with its counting rule (ADR 0100). Loaded at
/// start-up; a built-in definition that changed in code becomes a new version, never an edit of the old one.
/// </summary>
public static class IndicatorCatalogue
{
    private const string Inv = "patent_invention";
    private const string Domestic = "仅统计国内申请人（按第一申请人地址归属到地区；国外申请人不计入任何地区）";

    private static IndicatorDefinition D(string code, string name, string unit, string category, string source, string? method, string[] types,
        string counting, string timeBasis, string rule, bool perCapita = false, string direction = "higher", string? owner = null, string? note = null,
        bool fractional = false) => new()
    {
        Code = code, Name = name, Unit = unit, Category = category, Source = source, Method = method, RightTypes = types, Counting = counting, Fractional = fractional,
        TimeBasis = timeBasis, RuleText = rule, PerCapita = perCapita, Direction = direction, OwnerUnit = owner, DataNote = note,
        DomesticOnly = source == IndicatorSources.Records,
    };

    public static readonly IReadOnlyList<IndicatorDefinition> BuiltIn =
    [
        D("invention_applications", "发明专利申请量", "件", "创造", IndicatorSources.Records, IndicatorMethods.Flow, [Inv], CountingRules.FirstApplicant, TimeBases.ApplicationDate,
            $"按申请日所在年份统计当年提交的发明专利申请件数（流量）；整数计数，每件申请在其第一申请人所在的县、市、省各计 1 件；{Domestic}。"),
        D("invention_applications_fractional", "发明专利申请量（分数计数）", "件", "创造", IndicatorSources.Records, IndicatorMethods.Flow, [Inv],
            CountingRules.AllApplicants, TimeBases.ApplicationDate,
            "按申请日所在年份统计当年提交的发明专利申请（流量）；分数计数：一件申请有 n 个申请人时，每个申请人为其所在的县、市、省各计 1/n 件——第一申请人按申请时地址归属，其他申请人按主体库中的所在地区归属；国外申请人及所在地区不明的申请人的份额不计入任何地区，因此各地区之和可小于申请件数。",
            note: "其他申请人的所在地区取自主体库，尚未识别地区的申请人份额不计入", fractional: true),
        D("invention_applications_per_10k", "每万人口发明专利申请量", "件/万人", "创造", IndicatorSources.Records, IndicatorMethods.PerCapitaOf("invention_applications"), [Inv],
            CountingRules.FirstApplicant, TimeBases.ApplicationDate,
            "发明专利申请量（同上规则）÷ 常住人口 × 10000；人口取同年数据，无同年数据时取相差不超过 3 年的最近年份，并在数值旁注明人口数、年份与口径。", perCapita: true),
        D("patent_applications", "专利申请量（三种专利）", "件", "创造", IndicatorSources.Records, IndicatorMethods.FlowAllTypesRequired, [Inv, "patent_utility", "patent_design"],
            CountingRules.FirstApplicant, TimeBases.ApplicationDate,
            $"按申请日所在年份统计发明、实用新型、外观设计申请件数之和；{Domestic}。数据中心须已收录三种专利，否则不计算。",
            note: "需实用新型、外观设计记录；数据中心未收录时显示“无数据”"),
        D("invention_application_share", "发明专利申请占比", "%", "创造", IndicatorSources.Records, IndicatorMethods.InventionShare, [Inv, "patent_utility", "patent_design"],
            CountingRules.FirstApplicant, TimeBases.ApplicationDate,
            "发明专利申请量 ÷ 三种专利申请量 × 100%（同一申请日年份、同一地区，第一申请人归属）。数据中心须已收录实用新型与外观设计，否则不计算。",
            note: "需实用新型、外观设计记录；数据中心未收录时显示“无数据”"),
        D("invention_grants", "发明专利授权量（新增发明专利授权）", "件", "创造", IndicatorSources.Records, IndicatorMethods.Flow, [Inv], CountingRules.FirstApplicant, TimeBases.GrantDate,
            $"按授权公告日所在年份统计当年授权的发明专利件数（流量）；地区按第一申请人（专利权人）归属；{Domestic}。"),
        D("valid_invention_stock", "有效发明专利拥有量", "件", "创造", IndicatorSources.Records, IndicatorMethods.Stock, [Inv], CountingRules.FirstApplicant, TimeBases.StockYearEnd,
            $"年末存量：授权公告日不晚于当年 12 月 31 日、且截至该日无终止/届满/无效/撤回事件的发明专利件数；地区按第一专利权人归属；{Domestic}。",
            note: "仅含数据中心已收录的授权记录；未收录历年授权数据时存量偏低"),
        D("invention_per_10k", "每万人口发明专利拥有量", "件/万人", "创造", IndicatorSources.Records, IndicatorMethods.PerCapitaOf("valid_invention_stock"), [Inv],
            CountingRules.FirstApplicant, TimeBases.StockYearEnd,
            "有效发明专利拥有量（年末存量，同上规则）÷ 常住人口 × 10000；人口数、年份与口径随数值给出。", perCapita: true,
            note: "仅含数据中心已收录的授权记录；未收录历年授权数据时偏低"),
        D("high_value_invention_per_10k", "每万人口高价值发明专利拥有量", "件/万人", "创造", IndicatorSources.Records, IndicatorMethods.HighValue, [Inv],
            CountingRules.FirstApplicant, TimeBases.StockYearEnd,
            "国家知识产权局口径的五类有效发明专利（去重）÷ 常住人口 × 10000：①战略性新兴产业的发明专利；②在海外有同族专利权的发明专利；③维持年限超过 10 年的发明专利；④实现较高质押融资金额（1000 万元以上）的发明专利；⑤获得国家科学技术奖或中国专利奖的发明专利。每类在数据具备时计算，不具备时标明“不可计算”；五类未全部可算时不给出合计值。",
            perCapita: true, note: "数据中心缺少战略性新兴产业分类对照、海外同族、质押金额与获奖数据"),
        D("pct_applications", "PCT 国际专利申请量", "件", "创造", IndicatorSources.Records, IndicatorMethods.NotInData, [], CountingRules.FirstApplicant, TimeBases.ApplicationDate,
            "按国际申请日所在年份统计以本地申请人为第一申请人的 PCT 国际申请件数。", note: "数据中心尚未收录 PCT 国际申请数据"),
        D("valid_trademarks", "有效注册商标量", "件", "创造", IndicatorSources.Records, IndicatorMethods.Stock, ["trademark"], CountingRules.FirstApplicant, TimeBases.StockYearEnd,
            "年末存量：注册日不晚于当年 12 月 31 日且未注销、未届满、未无效的注册商标件数；地区按第一注册人归属；仅国内注册人。",
            note: "需商标注册记录；未导入时显示“无数据”"),
        D("gi_trademarks", "地理标志商标量", "件", "创造", IndicatorSources.Records, IndicatorMethods.Stock, ["gi"], CountingRules.FirstApplicant, TimeBases.StockYearEnd,
            "年末存量：已注册的地理标志证明商标和集体商标件数，地区按注册人归属。", note: "需地理标志记录；未导入时显示“无数据”"),
        D("well_known_trademarks", "驰名商标数", "件", "创造", IndicatorSources.Reported, null, [], CountingRules.NotApplicable, TimeBases.StockYearEnd,
            "年末累计认定的驰名商标件数，由市场监管部门填报。", owner: "市场监督管理局"),
        D("copyright_registrations", "著作权登记量", "件", "创造", IndicatorSources.Records, IndicatorMethods.Flow, ["copyright_work", "copyright_software"], CountingRules.FirstApplicant,
            TimeBases.ApplicationDate, "按登记日所在年份统计作品著作权与软件著作权登记件数（流量），地区按第一著作权人归属。",
            note: "需著作权登记记录；未导入时显示“无数据”"),
        D("licence_assignment_filings", "专利商标许可转让备案数", "件", "运用", IndicatorSources.Module, null, [], CountingRules.NotApplicable, TimeBases.FlowYear,
            "当年完成备案的专利、商标实施许可合同与转让登记件数（运用模块登记），模块上线前由牵头单位填报。", owner: "知识产权局"),
        D("pledge_financing_amount", "知识产权质押融资额", "亿元", "运用", IndicatorSources.Module, null, [], CountingRules.NotApplicable, TimeBases.FlowYear,
            "当年登记的专利、商标质押融资金额合计（运用模块质押登记），模块上线前由金融监管部门填报。", owner: "金融监管分局"),
        D("standard_compliant_enterprises", "贯标企业数", "家", "管理", IndicatorSources.Module, null, [], CountingRules.NotApplicable, TimeBases.StockYearEnd,
            "年末通过《企业知识产权合规管理体系》（GB/T 29490）认证的企业数（服务与人才模块），模块上线前由知识产权局填报。", owner: "知识产权局"),
        D("demo_enterprises", "知识产权示范/优势企业数", "家", "管理", IndicatorSources.Module, null, [], CountingRules.NotApplicable, TimeBases.StockYearEnd,
            "年末有效期内的国家级、省级知识产权示范企业与优势企业数（申报评审模块认定结果）。", owner: "知识产权局"),
        D("service_agencies", "知识产权服务机构数", "家", "服务", IndicatorSources.Module, null, [], CountingRules.NotApplicable, TimeBases.StockYearEnd,
            "年末在册的知识产权服务机构（含代理机构分支机构）数量（服务与人才模块）。", owner: "知识产权局"),
        D("training_attendance", "知识产权培训人次", "人次", "服务", IndicatorSources.Module, null, [], CountingRules.NotApplicable, TimeBases.FlowYear,
            "当年举办的知识产权培训签到人次之和（服务与人才模块），模块上线前由主办单位填报。", owner: "人社局"),
        D("case_closure_rate", "知识产权案件结案率", "%", "保护", IndicatorSources.Module, null, [], CountingRules.NotApplicable, TimeBases.FlowYear,
            "当年结案的案件数 ÷ 当年受理及上年结转案件数 × 100%（保护模块案件流程），模块上线前由办案单位填报。", owner: "市中级人民法院"),
        D("case_avg_duration", "案件平均办理时长", "工作日", "保护", IndicatorSources.Module, null, [], CountingRules.NotApplicable, TimeBases.FlowYear,
            "当年结案案件从受理到结案的工作日数的平均值（保护模块）。", direction: "lower", owner: "知识产权局"),
        D("satisfaction", "权利人满意度", "%", "保护", IndicatorSources.Reported, null, [], CountingRules.NotApplicable, TimeBases.FlowYear,
            "当年结案回访中“满意”和“基本满意”的比例；由知识产权局依据满意度调查填报。", owner: "知识产权局"),
    ];

    public static async Task<List<IndicatorDefinition>> CurrentAsync(NpgsqlConnection conn, NpgsqlTransaction? tx = null) =>
        (await conn.QueryAsync<IndicatorDefinition>("SELECT * FROM indicator_definitions WHERE superseded_at IS NULL ORDER BY id", transaction: tx)).ToList();

    /// <summary>Creates the built-in definitions that are missing, and a new version of any whose built-in text changed.</summary>
    public static async Task EnsureAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(AdvisoryLocks.XactLock(AdvisoryLocks.IndicatorDefinitions), transaction: tx);
        var current = (await CurrentAsync(conn, tx)).ToDictionary(d => d.Code);
        foreach (var def in BuiltIn)
        {
            if (current.TryGetValue(def.Code, out var existing))
            {
                // a definition changed by the bureau is theirs: the built-in only re-applies over its own version 1
                if (existing.Version > 1 || existing.Fingerprint() == def.Fingerprint()) continue;
            }
            await SaveNewVersionAsync(conn, tx, def, existing, CurrentUser.System, ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Supersedes <paramref name="existing"/> (if any) and inserts <paramref name="def"/> as the next version; audited.</summary>
    public static async Task<IndicatorDefinition> SaveNewVersionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IndicatorDefinition def,
        IndicatorDefinition? existing, CurrentUser actor, CancellationToken ct)
    {
        if (existing is not null)
            await conn.ExecuteAsync("UPDATE indicator_definitions SET superseded_at = now() WHERE id = @Id", new { existing.Id }, tx);
        def.Version = (existing?.Version ?? 0) + 1;
        def.Id = await conn.ExecuteScalarAsync<long>("""
            INSERT INTO indicator_definitions (code, version, name, unit, direction, category, source, method, right_types, counting, fractional,
                domestic_only, time_basis, per_capita, rule_text, owner_unit, data_note, created_by)
            VALUES (@Code, @Version, @Name, @Unit, @Direction, @Category, @Source, @Method, @RightTypes, @Counting, @Fractional,
                @DomesticOnly, @TimeBasis, @PerCapita, @RuleText, @OwnerUnit, @DataNote, @CreatedBy)
            RETURNING id
            """, new
        {
            def.Code, def.Version, def.Name, def.Unit, def.Direction, def.Category, def.Source, def.Method, def.RightTypes, def.Counting, def.Fractional,
            def.DomesticOnly, def.TimeBasis, def.PerCapita, def.RuleText, def.OwnerUnit, def.DataNote, CreatedBy = actor.Id,
        }, tx);
        await AuditLog.WriteAsync(conn, tx, actor, existing is null ? "create" : "new_version", "indicator_definitions", def.Id.ToString(),
            existing is null ? null : new { existing.Code, existing.Version, existing.Id },
            new { def.Code, def.Version, def.Name, def.Unit, def.Counting, def.TimeBasis, def.RuleText, def.Method }, ct);
        return def;
    }
}

/// <summary>Loads the catalogue at start-up (every start: it is idempotent and versions built-in changes).</summary>
public sealed class IndicatorCatalogueLoader(NpgsqlDataSource db) : IStartupTask
{
    public int Order => 40;
    public Task RunAsync(CancellationToken ct) => IndicatorCatalogue.EnsureAsync(db, ct);
}
