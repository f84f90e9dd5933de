using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>The server-side rules of an appraisal: the fields of a request, the gate of each stage, the deadlines.</summary>
public static class AppraisalRules
{
    /// <summary>
    /// Before a working stage is completed: every required checklist item of that stage must be checked, and the opinion and
    /// conclusion stages need their texts. A 400 with one Chinese field error per missing item.
    /// </summary>
    public static void StageGate(Appraisal a, string action, IReadOnlyList<AppraisalCheck> checks)
    {
        if (!action.StartsWith("complete_", StringComparison.Ordinal) && action != "archive") return;
        var v = new Validation();
        foreach (var c in checks.Where(c => c.Stage == a.Status && c.Required && c.State == AppraisalRisk.Unchecked))
            v.Add($"checks.{c.Code}", $"“{AppraisalChecklist.Find(c.Code)?.Label ?? c.Code}”尚未核查，不能完成{AppraisalStates.Machine.StateName(a.Status)}");
        if (a.Status == AppraisalStates.Opinion)
        {
            if (string.IsNullOrWhiteSpace(a.ScopeText)) v.Add("scopeText", "请填写评议范围");
            if (string.IsNullOrWhiteSpace(a.MethodText)) v.Add("methodText", "请填写评议方法");
            if (string.IsNullOrWhiteSpace(a.OpinionText)) v.Add("opinionText", "请填写评议意见");
        }
        if (a.Status == AppraisalStates.Conclusion)
        {
            if (string.IsNullOrWhiteSpace(a.ConclusionText)) v.Add("conclusionText", "请填写评议结论");
            if (string.IsNullOrWhiteSpace(a.Recommendations)) v.Add("recommendations", "请填写对策建议");
        }
        v.ThrowIfInvalid();
    }

    /// <summary>The due day of a stage entered on <paramref name="start"/>: its time limit in working days, none for the states without one.</summary>
    public static DateOnly? DueOn(string state, DateOnly start, WorkCalendar cal) =>
        AppraisalStates.TimeLimits.TryGetValue(state, out var days) ? cal.AddWorkingDays(start, days) : null;

    /// <summary>Application numbers as the records store them; a field error per number that does not parse.</summary>
    public static string[] Numbers(IEnumerable<string>? raw, Validation v)
    {
        var list = new List<string>();
        foreach (var (s, i) in (raw ?? []).Select((s, i) => (s, i)))
        {
            if (string.IsNullOrWhiteSpace(s)) continue;
            var n = ApplicationNumber.TryParse(s, out var error);
            if (n is null) v.Add($"applicationNumbers[{i}]", $"申请号“{s.Trim()}”无效：{error}");
            else if (!list.Contains(n.Canonical)) list.Add(n.Canonical);
        }
        if (list.Count > 100) v.Add("applicationNumbers", "关键专利最多 100 件，其余请用检索式");
        return [.. list];
    }

    private static readonly System.Text.RegularExpressions.Regex Ipc = new(@"^[A-H]\d{2}[A-Z](\s?\d{1,4}(/\d{1,6})?)?$");

    public static string[] IpcCodes(IEnumerable<string>? raw, Validation v)
    {
        var list = new List<string>();
        foreach (var (s, i) in (raw ?? []).Select((s, i) => (s, i)))
        {
            var code = s?.Trim().ToUpperInvariant() ?? "";
            if (code.Length == 0) continue;
            if (!Ipc.IsMatch(code)) v.Add($"ipcCodes[{i}]", $"IPC 分类号“{code}”格式不正确，应如 A61K 或 A61K 31/4439");
            else if (!list.Contains(code)) list.Add(code);
        }
        return [.. list];
    }
}
