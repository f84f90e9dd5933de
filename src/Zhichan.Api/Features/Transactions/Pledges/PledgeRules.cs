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

/// <summary>One transition of the pledge state machine: its name, label, the states it leaves from, the state it reaches.</summary>
public sealed record PledgeTransition(string Name, string Label, string[] From, string To);

/// <summary>
/// The pledge state machine (ADR 0033): 申请 → 登记生效 → 变更 (again) → 注销 on repayment, or 违约 → 处置. The pledgee bank performs
/// every transition; the enterprise applies. One table, so that what the page offers and what the server accepts never differ.
/// </summary>
public static class PledgeStateMachine
{
    public static readonly PledgeTransition[] Transitions =
    [
        new("register", "登记生效", [PledgeStates.Applied], PledgeStates.Effective),
        new("change", "变更登记", PledgeStates.InForce, PledgeStates.Changed),
        new("release", "注销（已还款）", PledgeStates.InForce, PledgeStates.Released),
        new("default", "宣告违约", PledgeStates.InForce, PledgeStates.Defaulted),
        new("dispose", "处置质物", [PledgeStates.Defaulted], PledgeStates.Disposed),
    ];

    public static readonly IReadOnlyDictionary<string, PledgeTransition> ByName = Transitions.ToDictionary(t => t.Name);

    public static IEnumerable<PledgeTransition> AllowedFrom(string state) => Transitions.Where(t => t.From.Contains(state));

    /// <summary>The event labels of the timeline (the transitions plus the application and the import).</summary>
    public static string ActionLabel(string action) => action switch
    {
        "apply" => "提交质押申请",
        "import" => "导入存量质押",
        _ => ByName.TryGetValue(action, out var t) ? t.Label : action,
    };
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

    /// <summary>SQL condition on a pledge aliased <c>p</c>, with parameters @org and @prefix.</summary>
    public static string PledgeFilter(CurrentUser me) => me.Role switch
    {
        Roles.Admin or Roles.Bureau => "TRUE",
        Roles.District => "p.region_code LIKE @prefix || '%'",
        Roles.Enterprise => "p.entity_id IN (SELECT id FROM entities WHERE org_unit_id = @org)",
        Roles.Bank => "p.bank_unit_id = @org",
        _ => "FALSE",
    };

    /// <summary>SQL condition on a valuation aliased <c>v</c>: the agency its own, the enterprise its own, the bank those its pledges use.</summary>
    public static string ValuationFilter(CurrentUser me) => me.Role switch
    {
        Roles.Admin or Roles.Bureau => "TRUE",
        Roles.District => "v.entity_id IN (SELECT id FROM entities WHERE region_code LIKE @prefix || '%')",
        Roles.Enterprise => "v.entity_id IN (SELECT id FROM entities WHERE org_unit_id = @org)",
        Roles.Agency => "v.agency_id IN (SELECT id FROM agencies WHERE org_unit_id = @org)",
        Roles.Bank => "v.id IN (SELECT valuation_id FROM pledges WHERE bank_unit_id = @org AND valuation_id IS NOT NULL)",
        _ => "FALSE",
    };

    public static object Args(CurrentUser me) => new { org = me.OrgUnitId ?? -1, prefix = me.RegionPrefix ?? "" };

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
