using System.Text;

namespace Zhichan.Api.Features.Records.Normalisation;

/// <summary>Kind of a party (申请人/权利人类型), stored as-is.</summary>
public static class PartyKinds
{
    public const string Enterprise = "enterprise";   // 企业（含合作社、个体工商户、事务所）
    public const string University = "university";   // 高校（大学、学院、高等专科学校）
    public const string Institute = "institute";     // 科研院所（研究所/院、科学院、中心、检验检测机构）
    public const string Individual = "individual";   // 个人
    public const string Government = "government";   // 机关团体（政府、委员会、局、部队）
    public const string Foreign = "foreign";         // 国外申请人
    public const string Other = "other";             // 其他（医院、中小学、协会、无法判断）

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Enterprise] = "企业", [University] = "高校", [Institute] = "科研院所", [Individual] = "个人",
        [Government] = "机关团体", [Foreign] = "国外", [Other] = "其他",
    };
}

/// <summary>
/// Applicant / owner names: a display form, a matching key and the party kind.
/// </summary>
public static class ApplicantName
{
    /// <summary>
    /// Display form: trimmed, full-width letters/digits/space folded to ASCII, whitespace runs collapsed to one space,
    /// spaces next to a Chinese character removed (深圳市 腾讯 → 深圳市腾讯), trailing ; , 。 、 removed, and for Chinese
    /// names the brackets written full-width （ ） as CNIPA prints them (博西华电器(江苏)有限公司 → 博西华电器（江苏）有限公司).
    /// </summary>
    public static string Clean(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var src = TextWidth.ToHalfWidth(name).AsSpan().Trim();
        var chinese = TextWidth.ContainsCjk(src);
        var sb = new StringBuilder(src.Length);
        for (var i = 0; i < src.Length; i++)
        {
            var c = src[i];
            if (char.IsWhiteSpace(c))
            {
                var j = i;
                while (j + 1 < src.Length && char.IsWhiteSpace(src[j + 1])) j++;
                var prev = sb.Length > 0 ? sb[^1] : ' ';
                var next = j + 1 < src.Length ? src[j + 1] : ' ';
                var tight = IsCjkLike(prev) || IsCjkLike(next) || prev == '(' || next == ')' || chinese && next == '(';
                if (!tight) sb.Append(' ');
                i = j;
                continue;
            }
            if (chinese) c = c switch { '(' => '（', ')' => '）', _ => c };
            sb.Append(c);
        }
        while (sb.Length > 0 && (IsTrailingPunctuation(sb[^1]) || chinese && sb[^1] == '.')) sb.Length--;
        return sb.ToString().TrimEnd();
    }

    /// <summary>
    /// Matching key: two names with the same key are taken for the same party. Rules, in order:
    /// <list type="number">
    /// <item>full-width → half-width; Latin letters lower-cased;</item>
    /// <item>every bracket form （）()【】[]〔〕{}〈〉《》 → "(" ")";</item>
    /// <item>all whitespace and punctuation dropped (. , · • - ' " ; 、 。 …), so trailing punctuation goes too;</item>
    /// <item>English company forms unified word by word: company → co, limited → ltd, corporation → corp,
    /// incorporated → inc (Co., Ltd. = Co.,Ltd = Company Limited → "coltd");</item>
    /// <item>Chinese company forms unified as the Company Law allows them to be written (公司法第七条 (2023)：有限责任公司
    /// 名称中须标明“有限责任公司”或者“有限公司”；股份有限公司须标明“股份有限公司”或者“股份公司”): 有限责任公司 → 有限公司,
    /// 股份有限公司 → 股份公司. A 股份有限公司 and a 有限公司 of the same stem stay DISTINCT: they are different legal
    /// forms, usually different registered entities (a company re-registered as 股份 is a name change, recorded as such).</item>
    /// </list>
    /// </summary>
    public static string NormaliseForMatching(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var sb = new StringBuilder(name.Length);
        var word = new StringBuilder();
        foreach (var ch in name)
        {
            var c = TextWidth.ToHalfWidth(ch);
            if (c is >= 'A' and <= 'Z') c = (char)(c + 32);
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                word.Append(c);
                continue;
            }
            FlushWord(sb, word);
            switch (c)
            {
                case '(' or '【' or '[' or '〔' or '{' or '〈' or '《' or '（':
                    sb.Append('(');
                    break;
                case ')' or '】' or ']' or '〕' or '}' or '〉' or '》' or '）':
                    sb.Append(')');
                    break;
                case '&' or '+':
                    sb.Append(c);
                    break;
                default:
                    if (char.IsLetter(c)) sb.Append(c);   // CJK, kana, accented Latin; punctuation and spaces are dropped
                    break;
            }
        }
        FlushWord(sb, word);
        sb.Replace("股份有限公司", "股份公司").Replace("有限责任公司", "有限公司");
        return sb.ToString();
    }

    /// <summary>
    /// Party kind from the name (and, when known, whether the address is abroad). Rules in order, first hit wins
    /// ("ends with" rules only for names of 4 characters or more: 龚典局, 王宝会 are people):
    /// <list type="number">
    /// <item>foreign: the address is abroad; kana; 株式会社/会社/(株); a Latin company form (GmbH, AG, A/S, Inc, Ltd, S.A. …);
    /// no Chinese character at all; a name starting with a foreign country (韩国科学技术研究院) unless it has a bracketed part
    /// — 日本电产理德机器装置(浙江)有限公司 is a company registered in China;</item>
    /// <item>enterprise: 公司 厂 集团 企业 合作社 合伙 商行 事务所 工作室 经营部 服务部 门市部 银行 商店 网店, or ends with 店 场 庄 坊 社;</item>
    /// <item>other: hospitals (医院);</item>
    /// <item>university: 大学;</item>
    /// <item>institute: 研究 科学院 中心 实验室 设计院 检验 检测 监测 测试所 推广站 试验站 工作站 总站 技术站 植物园;</item>
    /// <item>other: 中学, 小学; university: 学院, 学校 (高等专科学校, 职业技术学院 …);</item>
    /// <item>institute: ends with 院 or 所;</item>
    /// <item>government: 政府 委员会 管委会 部队 海关 公安 法院 检察院 办公室 管理处 管理站 管理所 武警 解放军, or ends with
    /// 局 厅 委 办 署;</item>
    /// <item>other: ends like an organisation (会 队 馆 站 处 室 台 社 院 所 校 基地);</item>
    /// <item>individual: 2–4 Chinese characters, a masked name (陈*洪), or a transliterated name with · (凯伦·玛丽·莫瑞斯);</item>
    /// <item>other.</item>
    /// </list>
    /// </summary>
    public static string Classify(string? name, bool foreignAddress = false) =>
        foreignAddress ? PartyKinds.Foreign : Classify(name, NormaliseForMatching(name), false);

    /// <summary>
    /// <see cref="Classify(string?, bool)"/> with the name's <see cref="NormaliseForMatching"/> form already at hand.
    /// <paramref name="inChina"/>: the applicant is in China though its name is romanised (an EP or DOCDB record of a Chinese
    /// company): a Latin name is then read by its English words (<see cref="ClassifyRomanised"/>) instead of being foreign.
    /// </summary>
    public static string Classify(string? name, string matchKey, bool foreignAddress, bool inChina = false)
    {
        if (foreignAddress) return PartyKinds.Foreign;
        if (inChina && name is not null && !TextWidth.ContainsCjk(name)) return ClassifyRomanised(name);
        var n = matchKey;
        if (n.Length == 0) return PartyKinds.Other;

        var cjk = 0;
        var latin = false;
        foreach (var c in n)
        {
            if (TextWidth.IsKana(c)) return PartyKinds.Foreign;
            if (TextWidth.IsCjk(c)) cjk++;
            else if (c is >= 'a' and <= 'z') latin = true;
        }
        if (cjk == 0) return latin ? PartyKinds.Foreign : PartyKinds.Other;
        if (n.Contains("会社") || n.Contains("(株)") || latin && HasLatinCompanyForm(name!)) return PartyKinds.Foreign;
        if (ForeignNames.StartsWithCountry(n) && !n.Contains('(')) return PartyKinds.Foreign;

        var longName = n.Length >= 4;
        if (ContainsAny(n, EnterpriseWords) || longName && EndsWithAny(n, EnterpriseEndings)) return PartyKinds.Enterprise;
        if (n.Contains("医院")) return PartyKinds.Other;
        if (n.Contains("大学")) return PartyKinds.University;
        if (ContainsAny(n, InstituteWords)) return PartyKinds.Institute;
        if (n.Contains("中学") || n.Contains("小学")) return PartyKinds.Other;
        if (n.Contains("学院") || n.Contains("学校")) return PartyKinds.University;
        if (longName && EndsWithAny(n, InstituteEndings)) return PartyKinds.Institute;
        if (ContainsAny(n, GovernmentWords) || longName && EndsWithAny(n, GovernmentEndings)) return PartyKinds.Government;
        if (longName && EndsWithAny(n, OrganisationEndings)) return PartyKinds.Other;

        var raw = name!;
        if (!latin && n.Length is >= 2 and <= 4) return PartyKinds.Individual;
        if (raw.Contains('*') && cjk is >= 1 and <= 3 && raw.Trim().Length is >= 2 and <= 4) return PartyKinds.Individual;
        if (raw.Contains('·') || raw.Contains('•') || raw.Contains('.')) return PartyKinds.Individual;
        return PartyKinds.Other;
    }

    private static readonly HashSet<string> LatinCompanyForms =
    [
        "gmbh", "ag", "kg", "a/s", "aps", "inc", "llc", "ltd", "limited", "corp", "corporation", "incorporated", "plc",
        "s.a.", "sa", "sas", "s.p.a.", "spa", "srl", "b.v.", "bv", "n.v.", "nv", "ab", "oy", "oyj", "pty", "co.", "s.a.s.",
    ];

    /// <summary>
    /// The kind of a romanised name of an applicant in China: university (University, College), institute (Institute,
    /// Academy, Research, Laboratory, Center/Centre), enterprise (a company form or Company, Corporation, Group, Technology,
    /// Factory), else an individual when it has two or three words (ZHANG WEI), else other.
    /// </summary>
    public static string ClassifyRomanised(string name)
    {
        var words = TextWidth.ToHalfWidth(name).ToLowerInvariant().Split([' ', ',', '.', '(', ')', '&', '-'], StringSplitOptions.RemoveEmptyEntries);
        bool Any(params string[] w) => words.Any(x => w.Contains(x));
        if (Any("university", "college", "univ")) return PartyKinds.University;
        if (Any("institute", "academy", "research", "laboratory", "lab", "center", "centre", "inst")) return PartyKinds.Institute;
        if (HasLatinCompanyForm(name) || Any("company", "corporation", "corp", "group", "technology", "technologies", "tech", "factory", "co", "industry", "industries"))
            return PartyKinds.Enterprise;
        return words.Length is 2 or 3 ? PartyKinds.Individual : PartyKinds.Other;
    }

    private static bool HasLatinCompanyForm(string name)
    {
        var lower = TextWidth.ToHalfWidth(name).ToLowerInvariant();
        foreach (var token in lower.Split([' ', ',', '，', '(', ')', '（', '）'], StringSplitOptions.RemoveEmptyEntries))
            if (LatinCompanyForms.Contains(token)) return true;
        return false;
    }

    private static readonly string[] EnterpriseWords =
        ["公司", "厂", "集团", "企业", "合作社", "合伙", "商行", "事务所", "工作室", "经营部", "服务部", "门市部", "银行", "商店", "网店"];
    private static readonly string[] EnterpriseEndings = ["店", "场", "庄", "坊", "社"];
    private static readonly string[] InstituteWords =
        ["研究", "科学院", "中心", "实验室", "设计院", "检验", "检测", "监测", "测试所", "推广站", "试验站", "工作站", "总站", "技术站", "植物园"];
    private static readonly string[] InstituteEndings = ["院", "所"];
    private static readonly string[] GovernmentWords =
        ["政府", "委员会", "管委会", "部队", "海关", "公安", "法院", "检察院", "办公室", "管理处", "管理站", "管理所", "武警", "解放军"];
    private static readonly string[] GovernmentEndings = ["局", "厅", "委", "办", "署"];
    /// <summary>Last characters that make a short name an organisation rather than a person (红十字会, 气象台 …).</summary>
    private static readonly string[] OrganisationEndings = ["会", "队", "馆", "站", "处", "室", "台", "社", "院", "所", "校", "基地"];

    private static bool ContainsAny(string s, string[] words)
    {
        foreach (var w in words) if (s.Contains(w, StringComparison.Ordinal)) return true;
        return false;
    }

    private static bool EndsWithAny(string s, string[] words)
    {
        foreach (var w in words) if (s.EndsWith(w, StringComparison.Ordinal)) return true;
        return false;
    }

    private static void FlushWord(StringBuilder sb, StringBuilder word)
    {
        if (word.Length == 0) return;
        var w = word.ToString();
        sb.Append(w switch
        {
            "company" => "co",
            "limited" => "ltd",
            "corporation" => "corp",
            "incorporated" => "inc",
            _ => w,
        });
        word.Clear();
    }

    private static bool IsCjkLike(char c) => TextWidth.IsCjk(c) || c is '（' or '）' or '·';

    private static bool IsTrailingPunctuation(char c) => c is ';' or ',' or '。' or '、' or ':' or '：' or '；' or '，' or ' ';
}
