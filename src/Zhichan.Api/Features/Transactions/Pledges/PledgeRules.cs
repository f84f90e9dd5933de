using Zhichan.Api.Platform.Workflow;

namespace Zhichan.Api.Features.Transactions.Pledges;

public static class PledgeStates
{
    public const string Applied = "applied", Effective = "effective", Changed = "changed", Released = "released", Defaulted = "defaulted", Disposed = "disposed";
    public static readonly string[] All = [Applied, Effective, Changed, Released, Defaulted, Disposed];

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [Applied] = "申请", [Effective] = "登记生效", [Changed] = "变更", [Released] = "注销", [Defaulted] = "违约", [Disposed] = "处置",
    };

    /// <summary>The states in which the pledge secures a loan (effective, possibly changed since).</summary>
    public static readonly string[] InForce = [Effective, Changed];
}

public static class ValuationMethods
{
    public const string Cost = "cost", Market = "market", Income = "income";
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string> { [Cost] = "成本法", [Market] = "市场法", [Income] = "收益法" };
}

public static class ClaimStates
{
    public const string Submitted = "submitted", Approved = "approved", Rejected = "rejected";
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string> { [Submitted] = "待审核", [Approved] = "已批准", [Rejected] = "已驳回" };
}

/// <summary>
/// The pledge state machine (ADR 0033, on the shared workflow of ADR 0039): 申请 → 登记生效 → 变更 (again) → 注销 on repayment, or
/// 违约 → 处置. The pledgee bank performs every transition; the enterprise applies.
/// </summary>
public static class PledgeStateMachine
{
    public const string Bank = "bank";

    public static readonly StateMachine Machine = new("质押", PledgeStates.Labels, new Dictionary<string, string> { [Bank] = "质权银行" },
    [
        new("register", [PledgeStates.Applied], PledgeStates.Effective, Bank, "登记生效"),
        new("change", PledgeStates.InForce, PledgeStates.Changed, Bank, "变更登记"),
        new("release", PledgeStates.InForce, PledgeStates.Released, Bank, "注销（已还款）"),
        new("default", PledgeStates.InForce, PledgeStates.Defaulted, Bank, "宣告违约"),
        new("dispose", [PledgeStates.Defaulted], PledgeStates.Disposed, Bank, "处置质物"),
    ], new Dictionary<string, string> { ["apply"] = "提交质押申请", ["import"] = "导入存量质押" });

    /// <summary>The actors the caller holds on a pledge: the bank that is its pledgee.</summary>
    public static IReadOnlyCollection<string> ActorsOf(CurrentUser me, long bankUnitId) =>
        me.Role == Roles.Bank && me.OrgUnitId == bankUnitId ? [Bank] : [];
}

/// <summary>Who may see and do what with pledges, valuations and claims (ADR 0030 row filters).</summary>
public static class PledgeAccess
{
    /// <summary>The roles that see pledges at all; the others get 403 (not the policy's text: the endpoints are open to signed-in users).</summary>
    public static void EnsurePledgeReader(CurrentUser me)
    {
        if (me.Role is not (Roles.Admin or Roles.Bureau or Roles.District or Roles.Enterprise or Roles.Bank))
            throw new DomainException("质押融资仅向知识产权局、县区、出质企业和质权银行开放", 403, "禁止访问");
    }

    /// <summary>A pledge (aliased <c>p</c>): its region, its entity (the pledgor) and its pledgee bank's unit.</summary>
    private static readonly RowScope Pledges = new("p.region_code", Enterprise: "p.entity_id", Unit: "p.bank_unit_id", Roles.Bank);

    /// <summary>A valuation (aliased <c>v</c>): the region and unit of its entity, the unit of its agency.</summary>
    private static readonly RowScope Valuations = new("(SELECT region_code FROM entities WHERE id = v.entity_id)", Enterprise: "v.entity_id",
        Unit: "SELECT org_unit_id FROM agencies WHERE id = v.agency_id", Roles.Agency);

    /// <summary>SQL condition on a pledge aliased <c>p</c>, with parameters @org and @prefix (<see cref="RowScope.Args"/>).</summary>
    public static string PledgeFilter(CurrentUser me) => Pledges.Sql(me);

    /// <summary>SQL condition on a valuation aliased <c>v</c>; a bank sees the valuations its pledges use (a rule of its own, beside the scope).</summary>
    public static string ValuationFilter(CurrentUser me) => me.Role == Roles.Bank
        ? "v.id IN (SELECT valuation_id FROM pledges WHERE bank_unit_id = @org AND valuation_id IS NOT NULL)"
        : Valuations.Sql(me);

    /// <summary>Amounts in 元 with two decimals, positive.</summary>
    public static void Amount(Validation v, string field, decimal? value, string label, bool required = true)
    {
        if (value is null) { if (required) v.Add(field, $"{label}不能为空"); return; }
        if (value <= 0) v.Add(field, $"{label}应大于 0");
        else if (value > 99_999_999_999_999m) v.Add(field, $"{label}过大");
        else if (decimal.Round(value.Value, 2) != value) v.Add(field, $"{label}最多保留两位小数（单位：元）");
    }

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string Yuan(decimal amount) => amount >= 10000m ? $"{amount / 10000m:0.####} 万元" : $"{amount:0.##} 元";
}
