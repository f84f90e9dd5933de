using System.Text.Json;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>
/// The fields of an agency as the bureau enters them, an agency asks to change them and an import row fills them. In a
/// change request (<see cref="AgencyRules.Validate"/> with partial) only the fields sent count; an empty string clears one.
/// </summary>
public sealed class AgencyForm
{
    public string? Name { get; set; }
    public string? CreditCode { get; set; }
    public string? LicenceNumber { get; set; }
    public string[]? Kinds { get; set; }
    public int? StaffCount { get; set; }
    public int? AgentCount { get; set; }
    public string? RegionCode { get; set; }
    public string? Services { get; set; }
    public string? Address { get; set; }
    public string? BusinessPhone { get; set; }
    public string? BusinessEmail { get; set; }
    public string? Website { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public DateOnly? RegisteredOn { get; set; }
}

/// <summary>The staff's form: the agency's fields plus the account unit it belongs to and its status.</summary>
public sealed class AgencyStaffForm
{
    public AgencyForm Fields { get; set; } = new();
    public long? OrgUnitId { get; set; }
    public string? Status { get; set; }
    public DateOnly? CancelledOn { get; set; }
    public string? Note { get; set; }
}

/// <summary>Kinds, statuses, validation and application of the agency fields (shared by the register, changes and import).</summary>
public static class AgencyRules
{
    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>
    {
        ["agency"] = "代理", ["operation"] = "运营", ["valuation"] = "评估", ["legal"] = "法律", ["information"] = "信息", ["training"] = "培训",
    };

    public static readonly IReadOnlyDictionary<string, string> Statuses = new Dictionary<string, string> { ["active"] = "在册", ["cancelled"] = "已注销" };

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Field errors of a form; in partial mode (a change request) absent fields are not required.</summary>
    public static void Validate(AgencyForm f, Validation v, bool partial, string prefix = "")
    {
        if (!partial || f.Name is not null) v.Required(prefix + "name", f.Name, "机构名称");
        v.MaxLength(prefix + "name", f.Name, 200, "机构名称").PlainText(prefix + "name", f.Name, "机构名称");
        if (!string.IsNullOrWhiteSpace(f.CreditCode) && CreditCodes.Problem(CreditCodes.Normalise(f.CreditCode)) is { } p) v.Add(prefix + "creditCode", p);
        if (f.Kinds is not null)
        {
            if (!partial && f.Kinds.Length == 0) v.Add(prefix + "kinds", "请至少选择一个服务类别");
            foreach (var k in f.Kinds.Where(k => !Kinds.ContainsKey(k)))
                v.Add(prefix + "kinds", $"服务类别“{k}”无效，应为：{string.Join("、", Kinds.Select(x => $"{x.Key}（{x.Value}）"))}");
        }
        else if (!partial) v.Add(prefix + "kinds", "请至少选择一个服务类别");
        if (f.StaffCount is < 0 or > 100_000) v.Add(prefix + "staffCount", "从业人员数应在 0 至 100000 之间");
        if (f.AgentCount is < 0 or > 100_000) v.Add(prefix + "agentCount", "专利代理师人数应在 0 至 100000 之间");
        if (f.StaffCount is { } s && f.AgentCount is { } a && a > s) v.Add(prefix + "agentCount", "专利代理师人数不能多于从业人员数");
        if (!string.IsNullOrWhiteSpace(f.RegionCode) && !(f.RegionCode.Trim().Length == 6 && f.RegionCode.Trim().All(char.IsAsciiDigit)))
            v.Add(prefix + "regionCode", "所在地区应为 6 位行政区划代码");
        v.MaxLength(prefix + "services", f.Services, 2000, "服务内容").PlainText(prefix + "services", f.Services, "服务内容");
        v.MaxLength(prefix + "address", f.Address, 300, "办公地址");
        v.MaxLength(prefix + "licenceNumber", f.LicenceNumber, 100, "执业许可证号");
        v.MaxLength(prefix + "contactName", f.ContactName, 50, "联系人");
        foreach (var (field, value, label) in new[] { ("businessPhone", f.BusinessPhone, "业务电话"), ("contactPhone", f.ContactPhone, "联系人电话") })
            if (!string.IsNullOrWhiteSpace(value) && (value.Trim().Length > 30 || !value.Trim().All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '+' or '(' or ')')))
                v.Add(prefix + field, $"{label}只能包含数字、空格和 - + ( )，不超过 30 位");
        v.Email(prefix + "businessEmail", f.BusinessEmail, "业务邮箱").Email(prefix + "contactEmail", f.ContactEmail, "联系人邮箱").Url(prefix + "website", f.Website, "网站");
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Writes the form onto the row; in partial mode only the fields sent.</summary>
    public static void Apply(Agency a, AgencyForm f, bool partial)
    {
        if (!partial || f.Name is not null) a.Name = f.Name!.Trim();
        if (!partial || f.CreditCode is not null) a.CreditCode = Clean(f.CreditCode) is { } c ? CreditCodes.Normalise(c) : null;
        if (!partial || f.LicenceNumber is not null) a.LicenceNumber = Clean(f.LicenceNumber);
        if (!partial || f.Kinds is not null) a.Kinds = (f.Kinds ?? []).Distinct().OrderBy(k => Kinds.Keys.ToList().IndexOf(k)).ToArray();
        if (!partial || f.StaffCount is not null) a.StaffCount = f.StaffCount;
        if (!partial || f.AgentCount is not null) a.AgentCount = f.AgentCount;
        if (!partial || f.RegionCode is not null) a.RegionCode = Clean(f.RegionCode);
        if (!partial || f.Services is not null) a.Services = f.Services?.Trim() ?? "";
        if (!partial || f.Address is not null) a.Address = Clean(f.Address);
        if (!partial || f.BusinessPhone is not null) a.BusinessPhone = Clean(f.BusinessPhone);
        if (!partial || f.BusinessEmail is not null) a.BusinessEmail = Clean(f.BusinessEmail);
        if (!partial || f.Website is not null) a.Website = Clean(f.Website);
        if (!partial || f.ContactName is not null) a.ContactName = Clean(f.ContactName);
        if (!partial || f.ContactPhone is not null) a.ContactPhone = Clean(f.ContactPhone);
        if (!partial || f.ContactEmail is not null) a.ContactEmail = Clean(f.ContactEmail);
        if (!partial || f.RegisteredOn is not null) a.RegisteredOn = f.RegisteredOn;
        a.UpdatedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>The form of a row (what a change request compares against).</summary>
    public static AgencyForm FormOf(Agency a) => new()
    {
        Name = a.Name, CreditCode = a.CreditCode, LicenceNumber = a.LicenceNumber, Kinds = a.Kinds, StaffCount = a.StaffCount, AgentCount = a.AgentCount,
        RegionCode = a.RegionCode, Services = a.Services, Address = a.Address, BusinessPhone = a.BusinessPhone, BusinessEmail = a.BusinessEmail, Website = a.Website,
        ContactName = a.ContactName, ContactPhone = a.ContactPhone, ContactEmail = a.ContactEmail, RegisteredOn = a.RegisteredOn,
    };

    /// <summary>Another agency already holds the name or the credit code: a field error rather than a bare 409.</summary>
    public static async Task CheckUniqueAsync(ZhichanDb db, Agency candidate, Validation v, CancellationToken ct, string prefix = "")
    {
        var id = candidate.Id;
        var name = candidate.Name;
        if (await db.Set<Agency>().AnyAsync(x => x.Id != id && x.Name == name, ct)) v.Add(prefix + "name", $"已有名为“{name}”的服务机构");
        if (candidate.CreditCode is { } code && await db.Set<Agency>().AnyAsync(x => x.Id != id && x.CreditCode == code, ct))
            v.Add(prefix + "creditCode", $"统一社会信用代码 {code} 已登记在另一家服务机构名下");
    }

    /// <summary>The due date of the annual report of a year: 30 June of the following year (ADR 0024).</summary>
    public static DateOnly AnnualReportDue(int year) => new(year + 1, 6, 30);

    public static async Task<Agency> FindAsync(ZhichanDb db, long id, CancellationToken ct) =>
        await db.Set<Agency>().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new DomainException($"服务机构 {id} 不存在", 404);

    /// <summary>The agency row of the caller's own unit (agency accounts); 404 with an explanation when the unit has none.</summary>
    public static async Task<Agency> MineAsync(ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var org = me.OrgUnitId ?? -1;
        return await db.Set<Agency>().FirstOrDefaultAsync(a => a.OrgUnitId == org, ct)
               ?? throw new DomainException("本单位尚未登记为服务机构，请联系知识产权局登记后再维护本机构信息", 404);
    }

    public static string KindLabels(IEnumerable<string> kinds) => string.Join("、", kinds.Select(k => Kinds.GetValueOrDefault(k, k)));
}
