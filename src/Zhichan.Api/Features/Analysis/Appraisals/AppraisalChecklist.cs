namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>One item of the checklist: its stage, label, what the guidelines ask to look at, whether it is required, and which platform search fills it.</summary>
/// <param name="Collector">records, portfolio, fto, validity, ownership, credit or talent; null: checked by hand only.</param>
public sealed record ChecklistItem(string Code, string Stage, string Label, string Guidance, string? Collector, Func<Appraisal, bool> RequiredFor);

/// <summary>
/// The checklist of an appraisal (ADR 0053), taken from the contents the guidelines list for 分析评议: the state and legal status
/// of the rights involved; their ownership, validity and transactions; the risk of infringing others' rights (freedom to operate);
/// disputes and credit records; for 人才引进 the person's patents filed as inventor for prior employers; the consistency of the
/// rights with the project's technical plan and the IP clauses of its contracts.
/// </summary>
public static class AppraisalChecklist
{
    private static bool Always(Appraisal _) => true;
    private static bool Never(Appraisal _) => false;

    public static readonly IReadOnlyList<ChecklistItem> Items =
    [
        new("records", AppraisalStates.Search, "关联专利检索", "按申请号和检索式检索项目涉及的专利，核对类别、数量、法律状态和存续期限", "records", Always),
        new("portfolio", AppraisalStates.Search, "项目主体专利组合", "项目主体（创新主体登记）名下的专利：数量、类型、授权情况", "portfolio", Always),
        new("fto", AppraisalStates.Risk, "侵权风险（自由实施 FTO）", "拟实施技术方案与他人专利的相似程度，识别可能构成侵权的他人专利", "fto", Always),
        new("validity", AppraisalStates.Risk, "关键专利有效性与稳定性", "关键专利的授权、无效宣告、终止、届满等法律状态", "validity", Always),
        new("ownership", AppraisalStates.Risk, "权属与交易（转让、许可、质押）", "权利归属的真实性，转让、许可、质押、保全等处分情况", "ownership", Always),
        new("litigation", AppraisalStates.Risk, "诉讼与信用记录", "项目主体的严重失信名单记录、侵权纠纷投诉和案件", "credit", Always),
        new("talent", AppraisalStates.Risk, "人才知识产权风险", "引进人才在原单位作为发明人的专利（职务发明权属、竞业限制风险）", "talent", a => a.ActivityKind == AppraisalKinds.Talent),
        new("contracts", AppraisalStates.Risk, "合同知识产权条款", "投资、并购、技术转让等合同中知识产权归属、许可、担保条款是否完备合法", null, Never),
        new("consistency", AppraisalStates.Opinion, "知识产权与技术方案一致性", "项目所依托的知识产权与项目技术方案、产品是否一致，能否支撑项目实施", null, Always),
    ];

    public static ChecklistItem? Find(string code) => Items.FirstOrDefault(i => i.Code == code);

    /// <summary>The rows a new appraisal starts with: the talent item is 不适用 unless the activity is 人才引进.</summary>
    public static IEnumerable<AppraisalCheck> Initial(Appraisal a) => Items.Select(i => new AppraisalCheck
    {
        Code = i.Code, Stage = i.Stage, Required = i.RequiredFor(a),
        State = i.Code == "talent" && !i.RequiredFor(a) ? AppraisalRisk.NotApplicable : AppraisalRisk.Unchecked,
    });
}
