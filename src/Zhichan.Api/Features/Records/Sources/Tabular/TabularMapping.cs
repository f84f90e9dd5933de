using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Records.Sources.Tabular;

/// <summary>A field of the record a column can be mapped to.</summary>
public sealed record TargetField(string Key, string Label, bool Required = false);

/// <summary>
/// Column mappings for CSV/XLSX: target field → source column. Built in: the CNIPA bibliographic CSV and the Chinese
/// commercial database export (61 Chinese columns). Users save their own for other layouts. Columns not mapped are kept
/// in the record's extra fields under their header name.
/// </summary>
public static class TabularMapping
{
    public const string CnipaCsv = "cnipa-csv", CnDbExport = "cn-db-export";

    public static readonly TargetField[] Targets =
    [
        new("applicationNumber", "申请号", true), new("applicationDate", "申请日"),
        new("publicationNumber", "公开（公告）号"), new("publicationDate", "公开（公告）日"),
        new("grantNumber", "授权公告号"), new("grantDate", "授权公告日"),
        new("rightType", "专利类型/权利类型"), new("office", "受理局/国家"),
        new("title", "名称"), new("abstract", "摘要"), new("claims", "主权项/权利要求"),
        new("applicants", "申请人/权利人（多个以 ; 分隔）"), new("address", "申请人地址"), new("postcode", "邮编"),
        new("inventors", "发明人/设计人"), new("agents", "代理人"), new("agency", "代理机构"),
        new("ipcMain", "主分类号"), new("ipc", "IPC 分类号"), new("locarno", "洛迦诺分类"), new("nice", "尼斯分类（类别）"),
        new("legalStatus", "法律状态"), new("priority", "优先权"),
        new("assignedDate", "转让日期"), new("licensedDate", "许可日期"), new("pledgedDate", "质押日期"),
        new("lapsedDate", "失效日期"), new("invalidatedDate", "无效宣告日期"),
    ];

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> BuiltIn = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        [CnipaCsv] = new Dictionary<string, string>
        {
            ["applicationNumber"] = "application_no", ["applicationDate"] = "application_date", ["publicationNumber"] = "publication_no",
            ["publicationDate"] = "publication_date", ["ipc"] = "ipc", ["applicants"] = "applicant", ["inventors"] = "inventor",
            ["title"] = "title", ["address"] = "applicant_address", ["postcode"] = "applicant_postcode",
        },
        [CnDbExport] = new Dictionary<string, string>
        {
            ["applicationNumber"] = "申请号", ["applicationDate"] = "申请日", ["publicationNumber"] = "公开号", ["publicationDate"] = "公开日",
            ["grantNumber"] = "授权公告号", ["grantDate"] = "授权公告日", ["rightType"] = "专利类型", ["title"] = "专利名称",
            ["abstract"] = "申请摘要", ["claims"] = "主权项", ["applicants"] = "申请人", ["inventors"] = "发明人", ["address"] = "申请人地址",
            ["ipcMain"] = "主分类号", ["ipc"] = "分类号", ["agents"] = "专利代理人", ["agency"] = "专利代理机构", ["legalStatus"] = "法律状态",
            ["priority"] = "优先权", ["assignedDate"] = "转让日期", ["licensedDate"] = "许可日期", ["pledgedDate"] = "质押日期",
            ["lapsedDate"] = "失效日期", ["invalidatedDate"] = "无效宣告日期",
        },
    };

    /// <summary>The built-in layout whose columns the header contains, if any.</summary>
    public static string? DetectBuiltIn(string[] header)
    {
        var set = header.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, map) in BuiltIn)
            if (map.Values.All(set.Contains)) return name;
        return null;
    }

    /// <summary>A best guess for an unknown layout: columns whose header is a target's key or contains its Chinese label.</summary>
    public static Dictionary<string, string> Suggest(string[] header)
    {
        var result = new Dictionary<string, string>();
        var aliases = new Dictionary<string, string[]>
        {
            ["applicationNumber"] = ["申请号", "application_no", "application number", "注册号", "登记号"],
            ["applicationDate"] = ["申请日", "application_date", "申请日期"],
            ["publicationNumber"] = ["公开号", "公告号", "公开（公告）号", "publication_no"],
            ["publicationDate"] = ["公开日", "公告日", "公开（公告）日", "publication_date"],
            ["grantNumber"] = ["授权公告号", "授权号"], ["grantDate"] = ["授权公告日", "授权日", "注册日期"],
            ["rightType"] = ["专利类型", "类型"], ["title"] = ["名称", "专利名称", "标题", "title", "商标名称", "作品名称"],
            ["abstract"] = ["摘要", "abstract"], ["claims"] = ["主权项", "权利要求"],
            ["applicants"] = ["申请人", "专利权人", "权利人", "注册人", "著作权人", "applicant"],
            ["address"] = ["地址", "申请人地址", "address"], ["postcode"] = ["邮编", "postcode"],
            ["inventors"] = ["发明人", "设计人", "inventor"], ["agents"] = ["代理人"], ["agency"] = ["代理机构"],
            ["ipcMain"] = ["主分类号"], ["ipc"] = ["分类号", "ipc"], ["nice"] = ["类别", "国际分类", "尼斯分类"], ["legalStatus"] = ["法律状态"],
        };
        foreach (var (target, names) in aliases)
        {
            var col = header.FirstOrDefault(h => names.Any(n => string.Equals(h.Trim(), n, StringComparison.OrdinalIgnoreCase)))
                      ?? header.FirstOrDefault(h => names.Any(n => n.Length >= 3 && h.Contains(n, StringComparison.OrdinalIgnoreCase)));
            if (col is not null && !result.ContainsValue(col)) result[target] = col;
        }
        return result;
    }

    /// <summary>Validates a mapping against a header; returns Chinese errors (missing required field, unknown column).</summary>
    public static List<string> Check(IReadOnlyDictionary<string, string> mapping, string[] header)
    {
        var errors = new List<string>();
        var cols = header.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var t in Targets.Where(t => t.Required && !mapping.ContainsKey(t.Key))) errors.Add($"必填字段“{t.Label}”未对应任何列");
        foreach (var (target, col) in mapping)
        {
            if (Targets.All(t => t.Key != target)) errors.Add($"未知的目标字段“{target}”");
            else if (!cols.Contains(col)) errors.Add($"文件中没有列“{col}”（对应“{Targets.First(t => t.Key == target).Label}”）");
        }
        return errors;
    }

    /// <summary>Builds a draft from one row using the mapping; unmapped non-empty columns go to Extra.</summary>
    public static RecordDraft ToDraft(TabularRow row, string[] header, IReadOnlyDictionary<string, int> columnOf, IReadOnlySet<int> mappedColumns, string sourceName)
    {
        string? Get(string target) => columnOf.TryGetValue(target, out var i) && i < row.Cells.Length && row.Cells[i] is { Length: > 0 } v ? v.Trim() : null;

        var d = new RecordDraft { SourceRef = $"{sourceName}#{row.RowNumber}" };
        var type = Get("rightType");
        if (type is not null) d.RightType = RightTypeOf(type) ?? d.RightType;
        d.Office = Get("office");
        d.ApplicationNumber = Get("applicationNumber");
        d.ApplicationDate = Get("applicationDate");
        d.PublicationNumber = Get("publicationNumber");
        d.PublicationDate = Get("publicationDate");
        d.GrantNumber = Get("grantNumber");
        d.GrantDate = Get("grantDate");
        d.Title = Get("title");
        d.Abstract = Get("abstract");
        d.Claims = Get("claims");
        var address = Get("address");
        var postcode = Get("postcode");
        var first = true;
        foreach (var a in Split(Get("applicants")))
        {
            d.Parties.Add(new PartyDraft(PartyRoles.Applicant, a, first ? address : null, null, first ? postcode : null));
            first = false;
        }
        if (first && address is not null) d.Parties.Add(new PartyDraft(PartyRoles.Applicant, "", address, null, postcode));
        // an inventor is a natural person (专利法实施细则): an organisation in the inventor column is a co-applicant
        // (the CNIPA bibliographic CSV puts the record's second name there)
        foreach (var i in Split(Get("inventors")))
        {
            var kind = Normalisation.ApplicantName.Classify(i);
            d.Parties.Add(new PartyDraft(kind is Normalisation.PartyKinds.Individual or Normalisation.PartyKinds.Other ? PartyRoles.Inventor : PartyRoles.Applicant, i));
        }
        foreach (var a in Split(Get("agents"))) d.Parties.Add(new PartyDraft(PartyRoles.Agent, a));
        if (Get("agency") is { } agency) d.Parties.Add(new PartyDraft(PartyRoles.Agency, agency));
        if (Get("ipcMain") is { } main) d.Ipc.Add(main);
        if (Get("ipc") is { } ipc) d.Ipc.Add(ipc);
        foreach (var l in Split(Get("locarno"))) d.Locarno.Add(l);
        foreach (var n in Split(Get("nice"), ',', '，', ';', '；', ' ')) d.Nice.Add(n);
        foreach (var p in Split(Get("priority"))) d.Priorities.Add(p);
        if (Get("legalStatus") is { } status)
        {
            d.Extra["法律状态"] = status;
            if (EventOfStatus(status) is { } code) d.Events.Add(new EventDraft(code, null, status));
        }
        AddDates(d, Get("assignedDate"), LegalEventCodes.Assigned);
        AddDates(d, Get("licensedDate"), LegalEventCodes.Licensed);
        AddDates(d, Get("pledgedDate"), LegalEventCodes.Pledged);
        AddDates(d, Get("lapsedDate"), LegalEventCodes.Terminated);
        AddDates(d, Get("invalidatedDate"), LegalEventCodes.Invalidated);
        for (var i = 0; i < header.Length && i < row.Cells.Length; i++)
            if (!mappedColumns.Contains(i) && row.Cells[i] is { Length: > 0 } v && v.Trim() is { Length: > 0 and <= 4000 } t && t != "0")
                d.Extra[header[i]] = t;
        // a dated status event replaces the undated one taken from the status text
        if (d.Events.Count(e => e.Code == LegalEventCodes.Terminated || e.Code == LegalEventCodes.Invalidated) > 1)
            d.Events.RemoveAll(e => e.Date is null && e.Code is LegalEventCodes.Terminated or LegalEventCodes.Invalidated);
        return d;
    }

    private static void AddDates(RecordDraft d, string? raw, string code)
    {
        foreach (var date in Split(raw)) if (date != "0") d.Events.Add(new EventDraft(code, date));
    }

    public static string? RightTypeOf(string text) => text.Trim() switch
    {
        var t when t.StartsWith("发明") => RightTypes.Invention,
        var t when t.StartsWith("实用新型") => RightTypes.UtilityModel,
        var t when t.StartsWith("外观") => RightTypes.Design,
        var t when t.Contains("商标") => RightTypes.Trademark,
        var t when t.Contains("软件") => RightTypes.Software,
        var t when t.Contains("作品") || t.Contains("著作权") => RightTypes.CopyrightWork,
        var t when t.Contains("地理标志") => RightTypes.GeographicalIndication,
        var t when t.Contains("布图") => RightTypes.IcLayout,
        var t when t.Contains("植物") => RightTypes.PlantVariety,
        _ => null,
    };

    /// <summary>Maps a Chinese legal-status text (有权-审定授权, 无权-未缴年费终止 …) to a status-changing event.</summary>
    public static string? EventOfStatus(string status) => status switch
    {
        var s when s.Contains("届满") => LegalEventCodes.Expired,
        var s when s.Contains("无效") => LegalEventCodes.Invalidated,
        var s when s.Contains("未缴年费") || s.Contains("终止") || s.Contains("放弃") => LegalEventCodes.Terminated,
        var s when s.Contains("撤回") => LegalEventCodes.Withdrawn,
        var s when s.Contains("驳回") => LegalEventCodes.Rejected,
        var s when s.Contains("实审") || s.Contains("实质审查") => LegalEventCodes.Examination,
        _ => null,
    };

    private static IEnumerable<string> Split(string? raw, params char[] separators)
    {
        if (string.IsNullOrWhiteSpace(raw)) yield break;
        var seps = separators.Length > 0 ? separators : [';', '；', '\n'];
        foreach (var p in raw.Split(seps, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) yield return p;
    }
}
