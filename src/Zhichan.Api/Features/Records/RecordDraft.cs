namespace Zhichan.Api.Features.Records;

/// <summary>Right types held by the data centre (全门类). Values are stored as-is in records.right_type.</summary>
public static class RightTypes
{
    public const string Invention = "patent_invention";      // 发明
    public const string UtilityModel = "patent_utility";     // 实用新型
    public const string Design = "patent_design";            // 外观设计
    public const string Trademark = "trademark";             // 商标
    public const string CopyrightWork = "copyright_work";    // 作品著作权
    public const string Software = "copyright_software";     // 软件著作权
    public const string GeographicalIndication = "gi";       // 地理标志
    public const string IcLayout = "ic_layout";              // 集成电路布图设计
    public const string PlantVariety = "plant_variety";      // 植物新品种

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Invention] = "发明专利", [UtilityModel] = "实用新型", [Design] = "外观设计", [Trademark] = "商标",
        [CopyrightWork] = "作品著作权", [Software] = "软件著作权", [GeographicalIndication] = "地理标志",
        [IcLayout] = "集成电路布图设计", [PlantVariety] = "植物新品种",
    };
}

/// <summary>Party roles.</summary>
public static class PartyRoles
{
    public const string Applicant = "applicant";   // 申请人
    public const string Owner = "owner";           // 权利人/专利权人/注册人
    public const string Inventor = "inventor";     // 发明人/设计人
    public const string Agent = "agent";           // 代理人
    public const string Agency = "agency";         // 代理机构
}

/// <summary>
/// One record as read from a source file, before normalisation: every value is the raw text of the source.
/// Importers (CSV, XLSX, CNIPA XML, WIPO ST.36/ST.96) produce drafts; the normalisation pipeline turns them into rows.
/// </summary>
public sealed class RecordDraft
{
    public string RightType { get; set; } = RightTypes.Invention;
    /// <summary>Office / country code of the record (CN, US, WO, EP…).</summary>
    public string? Office { get; set; }
    public string? ApplicationNumber { get; set; }
    public string? ApplicationDate { get; set; }
    public string? PublicationNumber { get; set; }
    /// <summary>Kind code (A, B, U, S, C…) when the source gives it separately from the number.</summary>
    public string? PublicationKind { get; set; }
    public string? PublicationDate { get; set; }
    public string? GrantNumber { get; set; }
    public string? GrantDate { get; set; }
    public string? Title { get; set; }
    public string? Abstract { get; set; }
    public string? Claims { get; set; }
    /// <summary>Parties in source order; the first applicant is the first with Role == applicant.</summary>
    public List<PartyDraft> Parties { get; } = [];
    /// <summary>IPC symbols as written in the source (first = main).</summary>
    public List<string> Ipc { get; } = [];
    /// <summary>Locarno classes for designs, e.g. "12-08".</summary>
    public List<string> Locarno { get; } = [];
    /// <summary>Nice classes for trademarks, e.g. "9", "35".</summary>
    public List<string> Nice { get; } = [];
    /// <summary>Legal events as found in the source (status codes are mapped later).</summary>
    public List<EventDraft> Events { get; } = [];
    /// <summary>Priority claims as "CC number date" strings.</summary>
    public List<string> Priorities { get; } = [];
    /// <summary>The patent family the source assigns (EPO DOCDB family-id).</summary>
    public string? FamilyId { get; set; }
    /// <summary>Type-specific and unmapped fields (商标名称, 作品类别, 主权项, 法律状态 …), kept for the record page.</summary>
    public Dictionary<string, string> Extra { get; } = [];
    /// <summary>Where the draft came from: file name and row number or document id, for error reports.</summary>
    public string? SourceRef { get; set; }
}

public sealed record PartyDraft(string Role, string Name, string? Address = null, string? Country = null, string? Postcode = null);

/// <summary>A legal event: Code is one of LegalEventCodes when the importer knows it, else the source's own text.</summary>
public sealed record EventDraft(string Code, string? Date, string? Description = null);

/// <summary>
/// Legal event vocabulary modelled on WIPO ST.27 key events: what the bibliographic sources state (filed, published,
/// granted …) and what the CNIPA legal-status gazette adds (transfers, pledges, licences, preservation, changes,
/// corrections …, ADR 0017). Stored in records.events and legal_status_events.code.
/// </summary>
public static class LegalEventCodes
{
    public const string Filed = "filed";               // 申请
    public const string Published = "published";       // 公开/公布
    public const string Examination = "examination";   // 实审
    public const string Granted = "granted";           // 授权/注册
    public const string Assigned = "assigned";         // 转让（申请权、专利权的转移）
    public const string OwnerChanged = "owner_changed"; // 权利人姓名或名称、地址的变更
    public const string BibliographicChanged = "bibliographic_changed"; // 著录事项变更
    public const string Licensed = "licensed";         // 许可（实施许可合同备案的生效）
    public const string LicenceChanged = "licence_changed";     // 许可合同备案的变更
    public const string LicenceCancelled = "licence_cancelled"; // 许可合同备案的注销
    public const string Pledged = "pledged";           // 质押（质押合同登记的生效）
    public const string PledgeChanged = "pledge_changed";   // 质押合同登记的变更
    public const string PledgeReleased = "pledge_released"; // 质押解除（注销）
    public const string Preserved = "preserved";       // 专利权的保全
    public const string PreservationReleased = "preservation_released"; // 保全的解除
    public const string Invalidated = "invalidated";   // 全部无效
    public const string PartiallyInvalidated = "partially_invalidated"; // 部分无效（其余部分继续有效）
    public const string Terminated = "terminated";     // 终止 (未缴年费等)
    public const string Expired = "expired";           // 届满
    public const string Withdrawn = "withdrawn";       // 撤回
    public const string DeemedWithdrawn = "deemed_withdrawn"; // 视为撤回
    public const string Rejected = "rejected";         // 驳回
    public const string Abandoned = "abandoned";       // 主动放弃
    public const string DeemedAbandoned = "deemed_abandoned"; // 视为放弃
    public const string Corrected = "corrected";       // 更正（公报、申请文件）
    public const string NoticeServed = "notice_served"; // 文件的公告送达
    public const string Other = "other";               // 其他（来源中未知的法律状态，原文保留）

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Filed] = "申请", [Published] = "公开", [Examination] = "实质审查", [Granted] = "授权", [Assigned] = "转让",
        [OwnerChanged] = "权利人名称或地址变更", [BibliographicChanged] = "著录事项变更",
        [Licensed] = "许可备案", [LicenceChanged] = "许可备案变更", [LicenceCancelled] = "许可备案注销",
        [Pledged] = "质押登记", [PledgeChanged] = "质押登记变更", [PledgeReleased] = "质押解除",
        [Preserved] = "保全", [PreservationReleased] = "保全解除", [Invalidated] = "无效宣告", [PartiallyInvalidated] = "部分无效",
        [Terminated] = "权利终止", [Expired] = "期限届满", [Withdrawn] = "撤回", [DeemedWithdrawn] = "视为撤回", [Rejected] = "驳回",
        [Abandoned] = "主动放弃", [DeemedAbandoned] = "视为放弃", [Corrected] = "更正", [NoticeServed] = "公告送达", [Other] = "其他",
    };

    /// <summary>Events that end a right or an application: a record with one of these (dated on or before a day) was not in force that day.</summary>
    public static readonly IReadOnlyList<string> Lapses = [Terminated, Expired, Invalidated, Withdrawn, DeemedWithdrawn, Rejected, Abandoned, DeemedAbandoned];

    /// <summary>
    /// Order of events of one day: the filing before the publication, the publication before the examination and the
    /// grant, changes and transactions after the grant, and what ends a right last (a grant and a termination gazetted on
    /// the same day leave the right lapsed, whatever order the sources listed them in).
    /// </summary>
    public static int DayOrder(string code) => code switch
    {
        Filed => 0,
        Published => 1,
        Examination => 2,
        Granted => 3,
        _ when Lapses.Contains(code) || code == PartiallyInvalidated => 5,
        _ => 4,
    };
}
