using System.Text.RegularExpressions;

namespace Zhichan.Api.Platform.Security;

/// <summary>
/// Masks personal data in texts shown to the public (ADR 0204): names of natural persons (surname kept, the rest → 某),
/// 18/15-digit ID numbers (first 6 and last 4 kept), mobile and fixed phones (middle digits hidden), and street addresses
/// below the county level. Enterprise names (…公司, …厂, …店 …) are kept: a penalty decision names the company.
/// </summary>
public static partial class Masking
{
    private static readonly string[] CompoundSurnames =
        ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "夏侯", "长孙", "宇文", "司徒", "端木", "西门", "南宫", "独孤", "申屠", "轩辕"];

    private static readonly string[] OrgSuffixes =
        ["公司", "厂", "店", "商行", "中心", "合作社", "事务所", "研究院", "研究所", "大学", "学院", "医院", "协会", "集团", "工作室", "经营部", "门市部", "分公司", "局", "委员会", "银行", "超市", "商场", "有限合伙"];

    public static bool LooksLikeOrganisation(string name) => OrgSuffixes.Any(s => name.TrimEnd().EndsWith(s, StringComparison.Ordinal));

    /// <summary>A natural person's name as Chinese records write it: 2–5 Chinese characters (or a 少数民族 name with ·), not an organisation.</summary>
    public static bool LooksLikePersonName(string name) =>
        PersonName().IsMatch(name.Trim()) && !LooksLikeOrganisation(name);

    [GeneratedRegex(@"^[\u4e00-\u9fa5]{2,5}$|^[\u4e00-\u9fa5]{1,8}·[\u4e00-\u9fa5]{1,8}$")]
    private static partial Regex PersonName();

    /// <summary>张三 → 张某, 李小龙 → 李某某, 欧阳小明 → 欧阳某某; organisations unchanged.</summary>
    public static string MaskName(string name, bool naturalPerson = true)
    {
        name = name.Trim();
        if (!naturalPerson || name.Length == 0 || LooksLikeOrganisation(name)) return name;
        var surname = CompoundSurnames.FirstOrDefault(s => name.StartsWith(s, StringComparison.Ordinal) && name.Length > s.Length) ?? name[..1];
        return surname + new string('某', Math.Max(1, name.Length - surname.Length));
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")]
    private static partial Regex Id18();
    [GeneratedRegex(@"(?<![0-9])(\d{6})(\d{6})(\d{3})(?![0-9])")]
    private static partial Regex Id15();
    [GeneratedRegex(@"(?<![0-9])(?:\+?86[-\s]?)?(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?![0-9])")]
    private static partial Regex MobilePhone();
    [GeneratedRegex(@"(?<![0-9])(0\d{2,3})[-—－\s]?(\d{3,4})(\d{4})(?![0-9])")]
    private static partial Regex FixedPhone();
    // an address: (省)(市)(区/县) then the street part down to the number/room — the street part is hidden
    [GeneratedRegex(@"((?:[\u4e00-\u9fa5]{2,8}?(?:省|自治区))?(?:[\u4e00-\u9fa5]{2,8}?(?:市|自治州|地区|盟))?(?:[\u4e00-\u9fa5]{1,8}?(?:区|县|旗))?)([\u4e00-\u9fa5A-Za-z0-9\-－#]{1,20}?(?:路|街|道|巷|弄|村|镇|乡|组|小区|花园|大厦|广场|苑)[\u4e00-\u9fa5A-Za-z0-9\-－#号栋幢单元室楼层]{0,16}?(?:\d{1,6}|[一二三四五六七八九十百]{1,4})(?:号|室|栋|幢|组|楼)(?:[A-Za-z0-9\-－#]{0,6}(?:号|室|栋|幢|单元|楼|层)){0,4})", RegexOptions.None, 2000)]
    private static partial Regex Address();
    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{0,63}@([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,5}\.[A-Za-z]{2,24})", RegexOptions.None, 1000)]
    private static partial Regex EmailAddress();
    // labels after which a natural person's name follows in Chinese decisions
    [GeneratedRegex(@"(当事人|被申请人|申请人|请求人|被请求人|投诉人|举报人|被投诉人|被举报人|法定代表人|负责人|经营者|委托代理人|代理人|联系人|户主|业主|证人|股东|姓名)(（[^）]{0,10}）)?([:：]?\s*)([\u4e00-\u9fa5]{2,4}?)(?=[，,。；;、\s（(]|男|女|$)")]
    private static partial Regex LabelledName();

    /// <summary>Masks a free text; <paramref name="knownNames"/> (natural persons named in the case) are masked wherever they appear.</summary>
    public static string MaskText(string text, IEnumerable<string>? knownNames = null) => MaskText(text, knownNames, out _);

    public static string MaskText(string text, IEnumerable<string>? knownNames, out List<string> masked)
    {
        var found = new List<string>();
        var s = Id18().Replace(text, m => m.Groups[1].Value + new string('*', 8) + m.Groups[3].Value);
        s = Id15().Replace(s, m => m.Groups[1].Value + new string('*', 9));
        s = MobilePhone().Replace(s, m => m.Groups[1].Value + "****" + m.Groups[3].Value);
        s = FixedPhone().Replace(s, m => m.Groups[1].Value + "-****" + m.Groups[3].Value);
        s = Address().Replace(s, m => m.Groups[2].Value.Length == 0 ? m.Value : m.Groups[1].Value + "****");
        s = EmailAddress().Replace(s, m => m.Groups[1].Value + "***@" + m.Groups[2].Value);
        var names = new HashSet<string>(knownNames?.Where(n => n.Trim().Length >= 2 && !LooksLikeOrganisation(n)).Select(n => n.Trim()) ?? []);
        foreach (Match m in LabelledName().Matches(s))
        {
            var n = m.Groups[4].Value;
            if (!LooksLikeOrganisation(n) && !n.StartsWith('某') && !n.Contains('某') && !NotNames.Contains(n)) names.Add(n);
        }
        foreach (var n in names.OrderByDescending(n => n.Length))
        {
            if (!s.Contains(n, StringComparison.Ordinal)) continue;
            found.Add(n);
            s = s.Replace(n, MaskName(n), StringComparison.Ordinal);
        }
        masked = found;
        return s;
    }

    /// <summary>110101199003071234 → 110101********1234 (18 digits; others keep only their first 2 characters).</summary>
    public static string MaskIdNumber(string? id) =>
        string.IsNullOrWhiteSpace(id) ? "" : id.Length == 18 ? id[..6] + new string('*', 8) + id[14..] : id[..Math.Min(2, id.Length)] + "****";

    /// <summary>13912345678 → 139****5678; a fixed phone keeps its area code and last four digits.</summary>
    public static string MaskPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return "";
        var d = phone.Trim();
        return d.Length >= 11 ? d[..3] + "****" + d[^4..] : d.Length > 4 ? new string('*', d.Length - 4) + d[^4..] : "****";
    }

    /// <summary>zhang.san@example.com → z***@example.com.</summary>
    public static string MaskEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return "";
        var at = email.IndexOf('@');
        return at <= 0 ? "***" : email[..1] + "***" + email[at..];
    }

    private static readonly HashSet<string> NotNames = ["本局", "本机关", "你单位", "该公司", "未到庭", "无异议", "对此", "系本案", "经查", "不服", "称其"];
}
