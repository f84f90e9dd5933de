using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>The columns of the agency list in Excel (import and export share them).</summary>
public static class AgencySheet
{
    public static readonly SheetColumn[] Columns =
    [
        new("name", "机构名称", ["机构名称", "名称", "服务机构名称"], Required: true),
        new("creditCode", "统一社会信用代码", ["统一社会信用代码", "信用代码", "社会信用代码"]),
        new("licenceNumber", "执业许可证号", ["执业许可证号", "许可证号", "机构代码"]),
        new("kinds", "服务类别", ["服务类别", "类别", "机构类别"]),
        new("staffCount", "从业人员数", ["从业人员数", "从业人员", "员工数"]),
        new("agentCount", "专利代理师人数", ["专利代理师人数", "专利代理师", "代理师人数"]),
        new("region", "所在地区", ["所在地区", "地区", "行政区划代码", "区县"]),
        new("services", "服务内容", ["服务内容", "业务范围", "主要服务"]),
        new("address", "办公地址", ["办公地址", "地址"]),
        new("businessPhone", "业务电话", ["业务电话", "办公电话", "电话"]),
        new("businessEmail", "业务邮箱", ["业务邮箱", "邮箱"]),
        new("website", "网站", ["网站", "网址"]),
        new("contactName", "联系人", ["联系人"]),
        new("contactPhone", "联系人电话", ["联系人电话", "联系人手机", "手机"]),
        new("contactEmail", "联系人邮箱", ["联系人邮箱"]),
        new("registeredOn", "登记日期", ["登记日期", "成立日期", "备案日期"]),
    ];
}
