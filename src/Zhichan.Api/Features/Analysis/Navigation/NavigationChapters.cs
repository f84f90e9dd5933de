namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>A report chapter: its key, title, the analyses it shows and what its narrative should address.</summary>
public sealed record NavigationChapter(string Key, string Title, string[] Analyses, string Guidance);

/// <summary>The chapters of a report per kind, after the structure of GB/T 39551.2–.6-2020 (ADR 0051).</summary>
public static class NavigationChapters
{
    private static NavigationChapter C(string key, string title, string guidance, params string[] analyses) => new(key, title, analyses, guidance);

    public static readonly IReadOnlyDictionary<string, NavigationChapter[]> ByKind = new Dictionary<string, NavigationChapter[]>
    {
        [NavigationKinds.Regional] =
        [
            C("basis", "一、区域产业发展基础", "本地区该产业的专利总量、增长与在对比地区中的比重。", "trend", "localShare", "regions"),
            C("direction", "二、产业发展方向", "产业技术所处的生命周期、技术构成与新兴技术分支。", "lifecycle", "technology", "emerging"),
            C("positioning", "三、区域产业发展定位", "本地在产业中的位置：专利密集度与区位熵、主要创新主体及其类型。", "position", "applicants", "applicantKinds"),
            C("actors", "四、创新主体与人才", "主要申请人的趋势、新进入者、本地发明人与合作网络。", "applicantTrends", "entrants", "inventors", "network"),
            C("operation", "五、专利运营与保护状况", "专利的法律状态与转让、许可、质押。", "legalStatus", "transactions"),
            C("paths", "六、发展路径与建议", "产业结构优化、企业培育、人才引进、技术创新与专利运营的路径建议。"),
        ],
        [NavigationKinds.Industry] =
        [
            C("status", "一、产业专利现状", "产业的专利申请与授权趋势、生命周期与地区分布。", "trend", "lifecycle", "regions"),
            C("direction", "二、产业发展方向", "技术构成与新兴技术分支。", "technology", "emerging"),
            C("competition", "三、产业竞争格局", "主要申请人、其趋势与类型、合作网络与新进入者。", "applicants", "applicantTrends", "applicantKinds", "network", "entrants"),
            C("positioning", "四、本地产业定位", "本地所占比重、专利密集度与区位熵、本地发明人。", "localShare", "position", "inventors"),
            C("operation", "五、专利运营状况", "法律状态与转让、许可、质押。", "legalStatus", "transactions"),
            C("paths", "六、产业发展路径", "产业规划的重点方向、招商引资与人才引进、专利布局建议。"),
        ],
        [NavigationKinds.Enterprise] =
        [
            C("landscape", "一、企业所在产业的专利态势", "产业的趋势、生命周期与技术构成。", "trend", "lifecycle", "technology"),
            C("competitors", "二、竞争对手分析", "主要竞争者、其趋势与新进入者。", "applicants", "applicantTrends", "entrants"),
            C("cooperation", "三、合作与专利运营", "合作网络、转让许可质押与法律状态。", "network", "transactions", "legalStatus"),
            C("position", "四、企业所在地区的产业地位", "本地比重、专利密集度与区位熵。", "localShare", "position"),
            C("decisions", "五、经营决策建议", "投资、并购、合作、产品布局与风险防控建议。"),
        ],
        [NavigationKinds.Rnd] =
        [
            C("status", "一、技术发展现状", "技术的申请趋势与生命周期。", "trend", "lifecycle"),
            C("hotspots", "二、技术构成与研发热点", "IPC 大组构成与新兴技术分支。", "technology", "emerging"),
            C("actors", "三、主要研发主体", "主要申请人、其趋势与合作网络。", "applicants", "applicantTrends", "network"),
            C("talent", "四、研发人才", "本地主要发明人。", "inventors"),
            C("risk", "五、法律状态与风险", "专利的有效、审中与失效状况。", "legalStatus"),
            C("plan", "六、研发方向与专利布局建议", "研发立项方向、规避设计与专利布局建议。"),
        ],
        [NavigationKinds.Talent] =
        [
            C("landscape", "一、领域专利态势", "领域的申请趋势与生命周期。", "trend", "lifecycle"),
            C("distribution", "二、创新人才的地区分布", "地区分布、本地比重与区位熵。", "regions", "localShare", "position"),
            C("inventors", "三、核心发明人", "本地主要发明人。", "inventors"),
            C("teams", "四、创新主体与合作团队", "主要申请人、类型与合作网络。", "applicants", "applicantKinds", "network"),
            C("advice", "五、人才引进与培养建议", "人才引进对象、培养方向与评价建议。"),
        ],
    };
}
