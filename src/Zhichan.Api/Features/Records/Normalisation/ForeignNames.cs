namespace Zhichan.Api.Features.Records.Normalisation;

/// <summary>
/// Chinese names of countries and overseas territories as they begin foreign applicant addresses (日本东京都…, 英属开曼群岛…)
/// and some foreign applicant names (韩国电力公社). Taiwan, Hong Kong and Macao are NOT here: they are Chinese regions (71/81/82).
/// Only whole names are listed, so that no Chinese place name can be mistaken for a country (蒙古国, never 蒙古).
/// </summary>
public static class ForeignNames
{
    private static readonly string[] Countries =
    [
        "日本", "美国", "美利坚合众国", "韩国", "大韩民国", "朝鲜", "德国", "德意志联邦共和国", "法国", "法兰西", "英国", "英格兰", "苏格兰",
        "威尔士", "北爱尔兰", "瑞士", "荷兰", "瑞典", "意大利", "新加坡", "奥地利", "芬兰", "加拿大", "以色列", "丹麦", "澳大利亚", "澳洲",
        "比利时", "西班牙", "印度", "印度尼西亚", "印尼", "爱尔兰", "巴西", "卢森堡", "新西兰", "沙特", "俄罗斯", "列支敦士登", "挪威",
        "马来西亚", "捷克", "保加利亚", "土耳其", "波兰", "乌克兰", "希腊", "马耳他", "斯洛文尼亚", "斯洛伐克", "墨西哥", "南非", "菲律宾",
        "立陶宛", "拉脱维亚", "爱沙尼亚", "哈萨克斯坦", "乌兹别克斯坦", "吉尔吉斯斯坦", "塔吉克斯坦", "土库曼斯坦", "约旦", "巴基斯坦", "乌拉圭",
        "巴拉圭", "匈牙利", "塞浦路斯", "泰国", "阿根廷", "突尼斯", "秘鲁", "智利", "哥伦比亚", "委内瑞拉", "厄瓜多尔", "玻利维亚", "古巴",
        "牙买加", "哥斯达黎加", "多米尼加", "危地马拉", "巴拿马", "伯利兹", "葡萄牙", "冰岛", "罗马尼亚", "塞尔维亚", "克罗地亚", "白俄罗斯",
        "格鲁吉亚", "亚美尼亚", "阿塞拜疆", "摩纳哥", "安道尔", "圣马力诺", "蒙古国", "越南", "老挝", "柬埔寨", "缅甸", "泰王国", "文莱",
        "孟加拉", "斯里兰卡", "尼泊尔", "伊朗", "伊拉克", "叙利亚", "黎巴嫩", "科威特", "卡塔尔", "巴林", "阿曼", "也门", "阿联酋",
        "阿拉伯联合酋长国", "埃及", "利比亚", "阿尔及利亚", "摩洛哥", "尼日利亚", "肯尼亚", "埃塞俄比亚", "加纳", "坦桑尼亚", "乌干达",
        "津巴布韦", "毛里求斯", "塞舌尔", "萨摩亚", "巴巴多斯", "巴哈马", "百慕大", "开曼群岛", "维尔京群岛", "英属", "美属", "法属", "荷属",
        "直布罗陀", "波多黎各", "马绍尔群岛", "库克群岛", "泽西岛", "根西岛", "马恩岛", "安提瓜", "圣基茨", "库拉索", "关岛", "欧洲",
    ];

    private static readonly HashSet<string> Set = new(Countries, StringComparer.Ordinal);
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Set.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly int MaxLength = Countries.Max(c => c.Length);

    /// <summary>Length of the longest country name <paramref name="text"/> starts with, 0 when none.</summary>
    public static int MatchCountry(ReadOnlySpan<char> text)
    {
        for (var len = Math.Min(MaxLength, text.Length); len >= 2; len--)
            if (Lookup.Contains(text[..len])) return len;
        return 0;
    }

    public static bool StartsWithCountry(ReadOnlySpan<char> text) => MatchCountry(text) > 0;
}
