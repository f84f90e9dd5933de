using System.Globalization;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>The columns of the entity list in Excel (import and export) and the cell parsers the import uses.</summary>
public static class EntitySheet
{
    public static readonly SheetColumn[] Columns =
    [
        new("name", "主体名称", ["主体名称", "名称", "企业名称", "单位名称", "申请人名称"], Required: true),
        new("creditCode", "统一社会信用代码", ["统一社会信用代码", "信用代码", "社会信用代码"]),
        new("kind", "主体类型", ["主体类型", "类型", "单位类型"]),
        new("region", "所在地区", ["所在地区", "行政区划代码", "地区", "区划代码", "所在区县"]),
        new("industry", "行业代码", ["行业代码", "所属行业", "国民经济行业代码"]),
        new("scale", "企业规模", ["企业规模", "规模"]),
        new("address", "地址", ["地址", "注册地址", "通讯地址"]),
        new("formerNames", "曾用名", ["曾用名"]),
        new("aliases", "别名", ["别名", "简称"]),
        new("contactName", "联系人", ["联系人"]),
        new("contactPhone", "联系电话", ["联系电话", "电话", "手机"]),
        new("contactEmail", "电子邮箱", ["电子邮箱", "邮箱", "Email"]),
        new("label", "标签", ["标签", "认定类型", "资质"]),
        new("labelLevel", "级别", ["级别", "标签级别", "认定级别"]),
        new("labelFrom", "生效日期", ["生效日期", "认定日期", "发证日期"]),
        new("labelTo", "到期日期", ["到期日期", "有效期至", "证书有效期至"]),
        new("certificateNumber", "证书编号", ["证书编号"]),
        new("certifyingBody", "认证机构", ["认证机构", "发证机构"]),
        new("labelSource", "标签来源", ["标签来源", "来源", "认定文件", "文号"]),
    ];

    public static string Label(string field) => Columns.First(c => c.Field == field).Label;

    /// <summary>A date as Excel keeps it (a serial number) or as people write it (2024-01-31, 2024/1/31, 2024.01.31, 20240131, 2024年1月31日).</summary>
    public static DateOnly? ParseDate(string? text, out bool ok)
    {
        ok = true;
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 10000 and < 80000)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        t = t.Replace("年", "-").Replace("月", "-").Replace("日", "").Replace('/', '-').Replace('.', '-');
        string[] formats = ["yyyy-M-d", "yyyyMMdd", "yyyy-MM-dd"];
        if (DateOnly.TryParseExact(t, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        ok = false;
        return null;
    }

    /// <summary>Names in one cell, separated by ；;、,，or line breaks.</summary>
    public static IEnumerable<string> Names(string? cell) =>
        string.IsNullOrWhiteSpace(cell) ? [] : cell.Split(['；', ';', '、', '，', ',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
