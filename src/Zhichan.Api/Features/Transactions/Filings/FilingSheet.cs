using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>The Chinese columns of the filing import and export (one row per filing; several numbers separated by 、).</summary>
public static class FilingSheet
{
    public static readonly IReadOnlyList<SheetColumn> Columns =
    [
        new("kind", "类型", ["类型", "备案类型"], Required: true),
        new("giver", "许可方/转让方", ["许可方/转让方", "许可方", "转让方", "让与人"], Required: true),
        new("taker", "被许可方/受让方", ["被许可方/受让方", "被许可方", "受让方", "受让人"], Required: true),
        new("patents", "专利号", ["专利号", "专利申请号", "申请号"]),
        new("trademarks", "商标注册号", ["商标注册号", "注册号"]),
        new("licenceType", "许可类型", ["许可类型", "许可种类"]),
        new("territory", "地域范围", ["地域范围", "许可地域"]),
        new("termFrom", "期限起始日", ["期限起始日", "许可起始日", "起始日"]),
        new("termTo", "期限终止日", ["期限终止日", "许可终止日", "终止日"]),
        new("feeBasis", "付费方式", ["付费方式", "费用支付方式"], Required: true),
        new("amount", "金额（元）", ["金额（元）", "金额", "合同金额"]),
        new("royaltyRate", "提成比例（%）", ["提成比例（%）", "提成比例"]),
        new("contractDate", "合同签订日", ["合同签订日", "签订日"], Required: true),
        new("effectiveDate", "合同生效日", ["合同生效日", "生效日"], Required: true),
        new("region", "地区", ["地区", "所在地区", "区划代码"], Required: true),
        new("filingNumber", "备案号", ["备案号"], Required: true),
        new("approvedOn", "备案日", ["备案日", "备案日期"], Required: true),
        new("giverCode", "许可方/转让方统一社会信用代码", ["许可方/转让方统一社会信用代码", "许可方统一社会信用代码", "转让方统一社会信用代码"]),
        new("takerCode", "被许可方/受让方统一社会信用代码", ["被许可方/受让方统一社会信用代码", "被许可方统一社会信用代码", "受让方统一社会信用代码"]),
    ];

    public static string Label(string field) => Columns.First(c => c.Field == field).Label;
}
