using Zhichan.Api.Features.Records;
using Zhichan.Api.Platform.Workflow;

namespace Zhichan.Api.Features.Transactions.Filings;

public static class FilingKinds
{
    public const string Licence = "licence", Assignment = "assignment";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string> { [Licence] = "许可", [Assignment] = "转让" };
}

public static class FilingStates
{
    public const string Draft = "draft", Submitted = "submitted", Accepted = "accepted", Approved = "approved", Refused = "refused",
        Changing = "changing", Cancelled = "cancelled";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Draft] = "草稿", [Submitted] = "已提交", [Accepted] = "受理", [Approved] = "备案", [Refused] = "不予备案", [Changing] = "变更", [Cancelled] = "注销",
    };

    /// <summary>States in which the filing has been 备案 at least once (the indicator counts them).</summary>
    public static readonly string[] Filed = [Approved, Changing, Cancelled];
}

/// <summary>Who may perform a transition: the filer (enterprise party, agency on behalf, or staff entering it) or the bureau.</summary>
public static class FilingActors
{
    public const string Filer = "filer", Bureau = "bureau";
}

/// <summary>
/// The one transition table of a filing (ADR 0031, on the shared workflow of ADR 0039) and the field rules of the form: parties per
/// kind, licence types, fee bases, the term within the patents' lifetime, the 3-month submission limit and the 7-working-day
/// decision limit.
/// </summary>
public static class FilingRules
{
    public const int SubmitWithinMonths = 3, DecideWithinWorkingDays = 7;

    public static readonly StateMachine Machine = new("备案", FilingStates.Names,
        new Dictionary<string, string> { [FilingActors.Filer] = "当事人或代理机构", [FilingActors.Bureau] = "知识产权局" },
    [
        new("submit", [FilingStates.Draft], FilingStates.Submitted, FilingActors.Filer, "提交备案"),
        new("submit", [FilingStates.Refused], FilingStates.Submitted, FilingActors.Filer, "修改后重新提交"),
        new("submit", [FilingStates.Changing], FilingStates.Submitted, FilingActors.Filer, "提交变更"),
        new("accept", [FilingStates.Submitted], FilingStates.Accepted, FilingActors.Bureau, "受理"),
        new("approve", [FilingStates.Accepted], FilingStates.Approved, FilingActors.Bureau, "准予备案"),
        new("refuse", [FilingStates.Accepted], FilingStates.Refused, FilingActors.Bureau, "不予备案", NoteRequired: true, "不予备案须说明理由"),
        new("refuse_change", [FilingStates.Accepted], FilingStates.Approved, FilingActors.Bureau, "变更不予备案（原备案继续有效）", NoteRequired: true, "不予备案须说明理由"),
        new("change", [FilingStates.Approved], FilingStates.Changing, FilingActors.Filer, "申请变更"),
        new("cancel", [FilingStates.Approved], FilingStates.Cancelled, FilingActors.Filer, "注销备案", NoteRequired: true, "注销须说明理由"),
        new("cancel", [FilingStates.Approved], FilingStates.Cancelled, FilingActors.Bureau, "注销备案", NoteRequired: true, "注销须说明理由"),
    ], new Dictionary<string, string> { ["create"] = "新建", ["update"] = "修改", ["import"] = "导入（已备案）", ["take_open_licence"] = "取得开放许可（生成草稿）" });

    public static readonly IReadOnlyDictionary<string, string> PartyRoles = new Dictionary<string, string>
    {
        ["licensor"] = "许可方", ["licensee"] = "被许可方", ["assignor"] = "转让方", ["assignee"] = "受让方",
    };

    public static (string Giver, string Taker) RolesOf(string kind) => kind == FilingKinds.Licence ? ("licensor", "licensee") : ("assignor", "assignee");

    public static readonly IReadOnlyDictionary<string, string> LicenceTypes = new Dictionary<string, string>
    {
        ["exclusive"] = "独占许可", ["sole"] = "排他许可", ["ordinary"] = "普通许可", ["sublicence"] = "分许可",
    };

    public static readonly IReadOnlyDictionary<string, string> FeeBases = new Dictionary<string, string>
    {
        ["lump_sum"] = "一次总付", ["royalty"] = "提成", ["both"] = "入门费+提成",
    };

    /// <summary>The last day of a patent's term: 20 years (invention), 10 (utility model), 15 (design) from the filing date; null for other rights.</summary>
    public static DateOnly? Expiry(string? rightType, DateOnly? applicationDate)
    {
        if (applicationDate is not { } d) return null;
        int? years = rightType switch { RightTypes.Invention => 20, RightTypes.UtilityModel => 10, RightTypes.Design => 15, _ => null };
        return years is { } y ? d.AddYears(y).AddDays(-1) : null;
    }

    /// <summary>The last day to submit: 3 months after the contract's effective date.</summary>
    public static DateOnly SubmitBy(DateOnly effective) => effective.AddMonths(SubmitWithinMonths);

    /// <summary>Fee rules shared with open licences: amount for a lump sum, rate for a royalty, both for 入门费+提成.</summary>
    public static void CheckFee(Validation v, string? basis, decimal? amount, decimal? rate, string prefix = "")
    {
        v.Required(prefix + "feeBasis", basis, "付费方式");
        if (basis is not null) v.OneOf(prefix + "feeBasis", basis, FeeBases.Keys, "付费方式");
        if (basis is "lump_sum" or "both" && amount is null) v.Add(prefix + "amount", basis == "both" ? "入门费+提成须填写入门费金额（元）" : "一次总付须填写金额（元）");
        if (basis is "royalty" or "both" && rate is null) v.Add(prefix + "royaltyRate", "提成方式须填写提成比例（%）");
        if (amount is < 0) v.Add(prefix + "amount", "金额不能为负数");
        if (rate is < 0 or > 100) v.Add(prefix + "royaltyRate", "提成比例应在 0 至 100（%）之间");
    }

    /// <summary>Each patent's expiry must not come before the term's end (a licence beyond the patent's lifetime is refused).</summary>
    public static void CheckTermWithinExpiry(Validation v, DateOnly? termTo, IEnumerable<(int Index, string Number, string? RightType, DateOnly? ApplicationDate)> rights)
    {
        if (termTo is not { } to) return;
        foreach (var r in rights)
            if (Expiry(r.RightType, r.ApplicationDate) is { } exp && to > exp)
                v.Add("termTo", $"许可期限不能超过专利“{r.Number}”的保护期（{RightTypes.Names.GetValueOrDefault(r.RightType ?? "", "")}，申请日 {r.ApplicationDate:yyyy-MM-dd}，届满日 {exp:yyyy-MM-dd}）");
    }
}
