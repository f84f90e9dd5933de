using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Api.Platform.Files;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>
/// The experts' sheet (XLSX, Chinese headers) for import and export. The export writes the ID number, phone and e-mail masked; a
/// masked cell read back by the import leaves the stored value alone, so an exported sheet can be edited and imported again.
/// </summary>
public static class ExpertSheet
{
    public static readonly SheetColumn[] Columns =
    [
        new("name", "姓名", ["姓名", "专家姓名"], Required: true),
        new("idNumber", "身份证号", ["身份证号", "身份证号码", "证件号码"]),
        new("title", "职称", ["职称", "技术职称"]),
        new("employer", "工作单位", ["工作单位", "现工作单位", "单位"]),
        new("position", "职务", ["职务"]),
        new("region", "所在地区", ["所在地区", "地区", "行政区划", "行政区划代码"]),
        new("specialties", "专业领域", ["专业领域", "专业", "专长"], Required: true),
        new("phone", "手机", ["手机", "手机号", "联系电话", "电话"]),
        new("email", "电子邮箱", ["电子邮箱", "邮箱", "Email"]),
        new("investigator", "技术调查官", ["技术调查官", "是否技术调查官"]),
        new("active", "状态", ["状态", "是否在库"]),
        new("appointedOn", "聘任日期", ["聘任日期"]),
        new("termEndsOn", "聘期至", ["聘期至", "聘期截止", "聘期结束"]),
        new("relations", "利害关系", ["利害关系", "申报利害关系", "回避单位"]),
        new("note", "备注", ["备注"]),
    ];

    public static IReadOnlyList<string> Header => Columns.Select(c => c.Headers[0]).Append("示例").ToList();

    public static IReadOnlyList<string?> Row(Expert e, RecordsReference reference) =>
    [
        e.Name, Masking.MaskIdNumber(e.IdNumber), e.Title, e.Employer, e.Position, RegistryRegions.Label(reference, e.RegionCode),
        string.Join("、", e.Specialties.Select(ExpertSpecialties.Label)), Masking.MaskPhone(e.Phone), Masking.MaskEmail(e.Email),
        e.IsInvestigator ? "是" : "否", e.IsActive ? "在库" : "停用", e.AppointedOn?.ToString("yyyy-MM-dd"), e.TermEndsOn?.ToString("yyyy-MM-dd"),
        string.Join("；", e.Relations.Select(r => $"{RelationKinds.Labels.GetValueOrDefault(r.Kind, r.Kind)}：{r.Party}")), e.Note, e.IsExample ? "示例" : "",
    ];

    /// <summary>是/否 cells (also Y/N, true/false, 1/0); null when blank, an error when something else.</summary>
    public static bool? YesNo(string? cell, string yes, string no, out string? error)
    {
        error = null;
        if (cell is null) return null;
        var c = cell.Trim().ToLowerInvariant();
        if (c == yes || c is "是" or "y" or "yes" or "true" or "1" or "√") return true;
        if (c == no || c is "否" or "n" or "no" or "false" or "0" or "×") return false;
        error = $"应填“{yes}”或“{no}”";
        return null;
    }

    /// <summary>专利代理、法律；C部 → codes; the unknown entries are returned for the row error.</summary>
    public static (string[] Codes, string[] Unknown) Specialties(string cell)
    {
        var parts = cell.Split(['、', ',', '，', ';', '；', '/', '|', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var codes = parts.Select(p => (p, code: ExpertSpecialties.Parse(p))).ToList();
        return (codes.Where(x => x.code is not null).Select(x => x.code!).Distinct().ToArray(), codes.Where(x => x.code is null).Select(x => x.p).ToArray());
    }

    /// <summary>近亲属任职单位：某某公司；持股：某某公司 → relations (a kind named by the start of its label, else 其他).</summary>
    public static RelationInput[] Relations(string cell) =>
        cell.Split(['；', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
        {
            var sep = part.IndexOfAny(['：', ':']);
            var kindText = sep > 0 ? part[..sep].Trim() : "";
            var party = sep > 0 ? part[(sep + 1)..].Trim() : part;
            var kind = kindText.Length == 0 ? null
                : RelationKinds.Labels.FirstOrDefault(k => k.Value == kindText || k.Value.StartsWith(kindText, StringComparison.Ordinal)).Key;
            return new RelationInput(kind ?? RelationKinds.Other, party, kind is null && kindText.Length > 0 ? kindText : null, null, null);
        }).ToArray();

    public static DateOnly? Date(string? cell, string label, Action<string> error)
    {
        if (cell is null) return null;
        if (DateParser.TryParse(cell, out var d, out _, excelSerial: true)) return d;
        error($"{label}“{cell}”不是有效日期（如 2026-01-15）");
        return null;
    }

    public static byte[] Export(IEnumerable<Expert> experts, RecordsReference reference) =>
        SheetImport.Write(Header, experts.Select(e => Row(e, reference)));
}
