namespace Zhichan.Api.Features.Records.Search;

/// <summary>What a field code restricts a term to, and so how the term is matched (ADR 0016).</summary>
public enum SearchFieldKind
{
    /// <summary>Words and phrases in stored text that the search vector holds under one or two weights.</summary>
    Text,
    /// <summary>Words and phrases in the agency's name (not in the search vector: matched through the distinct names).</summary>
    Agency,
    /// <summary>Application, publication/grant or priority numbers in any accepted form (ADR 0015).</summary>
    Number,
    /// <summary>An IPC prefix: section, class, subclass, main group or (sub)group symbol.</summary>
    Ipc,
    /// <summary>A date or a range of dates.</summary>
    Date,
}

/// <summary>Which numbers a number field looks up.</summary>
[Flags]
public enum NumberKinds
{
    Application = 1,
    Publication = 2,
    Priority = 4,
    Any = Application | Publication | Priority,
}

/// <param name="Code">The code as the common Chinese patent databases write it (TI, AB …).</param>
/// <param name="Name">The Chinese name, also accepted as the field's alias.</param>
/// <param name="Weights">Text fields: the weights of the field's lexemes in the search vector (title A, parties B, abstract and claims C, address D).</param>
/// <param name="Columns">Text and agency fields: the SQL of the stored text the term must really occur in (one or more; any of them).
/// Date fields: the date columns (any of them in the range).</param>
/// <param name="Aliases">Other names accepted for the field (Chinese names as the databases label them).</param>
public sealed record SearchField(string Code, string Name, SearchFieldKind Kind, string Weights, string[] Columns, string[] Aliases,
    NumberKinds Numbers = 0)
{
    public override string ToString() => Code;
}

/// <summary>The field codes of a search expression (TI=…, 申请人=…) and their Chinese aliases.</summary>
public static class SearchFields
{
    public static readonly SearchField Title = new("TI", "名称", SearchFieldKind.Text, "A", ["r.title"], ["发明名称", "标题", "题名"]);
    public static readonly SearchField Abstract = new("AB", "摘要", SearchFieldKind.Text, "C", ["r.abstract"], []);
    public static readonly SearchField Claims = new("CL", "权利要求", SearchFieldKind.Text, "C", ["r.claims"], ["权利要求书", "权利要求书全文"]);
    public static readonly SearchField TitleAbstract = new("TIAB", "名称摘要", SearchFieldKind.Text, "AC", ["r.title", "r.abstract"], ["标题摘要", "名称或摘要"]);
    public static readonly SearchField Applicant = new("AP", "申请人", SearchFieldKind.Text, "B", ["array_to_string(r.applicants, E'\\n')"],
        ["专利权人", "权利人", "申请（专利权）人"]);
    public static readonly SearchField Inventor = new("IN", "发明人", SearchFieldKind.Text, "B", ["array_to_string(r.inventors, E'\\n')"], ["设计人", "发明（设计）人"]);
    public static readonly SearchField Agency = new("AG", "代理机构", SearchFieldKind.Agency, "", ["r.agency"], ["专利代理机构"]);
    public static readonly SearchField Address = new("ADDR", "地址", SearchFieldKind.Text, "D", ["r.address"], ["申请人地址"]);
    public static readonly SearchField ApplicationNumber = new("AN", "申请号", SearchFieldKind.Number, "", [], ["专利号"], NumberKinds.Application);
    public static readonly SearchField PublicationNumber = new("PN", "公开号", SearchFieldKind.Number, "", [], ["公告号", "公开（公告）号", "公布号", "授权公告号"],
        NumberKinds.Publication);
    public static readonly SearchField PriorityNumber = new("PR", "优先权号", SearchFieldKind.Number, "", [], ["优先权"], NumberKinds.Priority);
    public static readonly SearchField Ipc = new("IPC", "分类号", SearchFieldKind.Ipc, "", [], ["IPC分类号", "国际分类号"]);
    public static readonly SearchField ApplicationDate = new("AD", "申请日", SearchFieldKind.Date, "", ["r.application_date"], []);
    // a record holds its A publication and its grant: 公开（公告）日 is either of them
    public static readonly SearchField PublicationDate = new("PD", "公开日", SearchFieldKind.Date, "", ["r.publication_date", "r.grant_date"],
        ["公告日", "公开（公告）日", "公布日"]);
    public static readonly SearchField GrantDate = new("GD", "授权日", SearchFieldKind.Date, "", ["r.grant_date"], ["授权公告日"]);

    public static readonly IReadOnlyList<SearchField> All =
        [Title, Abstract, Claims, TitleAbstract, Applicant, Inventor, Agency, Address, ApplicationNumber, PublicationNumber, PriorityNumber, Ipc,
         ApplicationDate, PublicationDate, GrantDate];

    // names with full-width characters folded, as the parser reads the expression
    private static readonly Dictionary<string, SearchField> ByName = All
        .SelectMany(f => new[] { f.Code, f.Name }.Concat(f.Aliases).Select(n => (Name: Normalisation.TextWidth.ToHalfWidth(n), Field: f)))
        .ToDictionary(x => x.Name, x => x.Field, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every code and alias (full-width characters folded), longest first: the parser tries them in this order.</summary>
    public static readonly IReadOnlyList<string> Names = ByName.Keys.OrderByDescending(n => n.Length).ToList();

    /// <summary>The field a code or alias names (case-insensitive, full-width characters folded), or null.</summary>
    public static SearchField? Find(string name) => ByName.GetValueOrDefault(Normalisation.TextWidth.ToHalfWidth(name));

    /// <summary>"TI（名称）、AB（摘要）…" for error messages.</summary>
    public static string List => string.Join("、", All.Select(f => $"{f.Code}（{f.Name}）"));
}
