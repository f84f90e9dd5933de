using Zhichan.Api.Platform.Workflow;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Features.Records;
using static Zhichan.Api.Features.Transactions.Pledges.PledgeQueries;

namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>
/// One step of the pledge state machine (register, change, release, default, dispose), by the pledgee bank only. A refused step answers
/// 403 (another actor) or 409 (another state) with the reason; each step writes an event row (the timeline) and refreshes the pledge indicators.
/// </summary>
public static class TransitionPledge
{
    public static async Task<Ok<PledgeDetail>> HandleAsync(long id, PledgeTransitionRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me,
        RecordsReference reference, TimeProvider clock, IndicatorComputer indicators, CancellationToken ct)
    {
        await using var conn = await ds.OpenConnectionAsync(ct);
        var row = await VisibleRowAsync(conn, me, id, ct);
        var v = new Validation();
        v.Required("action", req.Action, "操作");
        if (req.Action is not null && PledgeStateMachine.Machine.Table.All(t => t.Action != req.Action))
            v.Add("action", $"操作“{req.Action}”无效，应为：{string.Join("、", PledgeStateMachine.Machine.Table.Select(t => t.Action))}");
        v.ThrowIfInvalid();
        var p = await db.Set<Pledge>().FirstAsync(x => x.Id == id, ct);
        var step = PledgeStateMachine.Machine.Find(req.Action!, p.State, PledgeStateMachine.ActorsOf(me, row.BankUnitId));
        var today = ChinaTime.Today(clock);
        var date = req.Date ?? today;
        if (date > today) v.Add("date", "日期不能晚于今天");
        var note = PledgeAccess.Clean(req.Note);
        v.MaxLength("note", note, 1000, "说明").PlainText("note", note, "说明");
        var detail = new List<string>();
        switch (step.Action)
        {
            case "register":
                var number = PledgeAccess.Clean(req.RegistrationNumber);
                if (number is null) v.Add("registrationNumber", "请填写质押登记号");
                else if (number.Length > 50) v.Add("registrationNumber", "质押登记号不能超过 50 个字符");
                else if (await db.Set<Pledge>().AnyAsync(x => x.RegistrationNumber == number && x.Id != id, ct))
                    v.Add("registrationNumber", $"质押登记号“{number}”已被另一笔质押使用");
                if (date < p.TermFrom.AddYears(-1)) v.Add("date", "登记日期早于借款期限一年以上，请核对");
                v.ThrowIfInvalid();
                p.RegistrationNumber = number;
                p.RegisteredOn = date;
                detail.Add($"登记号 {number}，登记日 {date:yyyy-MM-dd}");
                break;
            case "change":
                if (req.Amount is not null) PledgeAccess.Amount(v, "amount", req.Amount, "担保金额");
                if (req.TermTo is { } t && t < p.TermFrom) v.Add("termTo", "到期日早于起始日");
                if (req.Amount is null && req.TermTo is null && note is null) v.Add("note", "请填写变更内容（担保金额、到期日或说明）");
                v.ThrowIfInvalid();
                if (req.Amount is { } a && a != p.Amount) { detail.Add($"担保金额 {PledgeAccess.Yuan(p.Amount)} → {PledgeAccess.Yuan(a)}"); p.Amount = a; }
                if (req.TermTo is { } tt && tt != p.TermTo) { detail.Add($"到期日 {p.TermTo:yyyy-MM-dd} → {tt:yyyy-MM-dd}"); p.TermTo = tt; }
                break;
            case "release":
                v.ThrowIfInvalid();
                p.ReleasedOn = date;
                detail.Add($"注销日 {date:yyyy-MM-dd}");
                break;
            case "default":
                PledgeAccess.Amount(v, "outstandingPrincipal", req.OutstandingPrincipal, "未偿本金");
                if (req.OutstandingPrincipal > p.Amount) v.Add("outstandingPrincipal", $"未偿本金不能超过担保金额 {PledgeAccess.Yuan(p.Amount)}");
                v.ThrowIfInvalid();
                p.DefaultedOn = date;
                p.OutstandingPrincipal = req.OutstandingPrincipal;
                detail.Add($"违约日 {date:yyyy-MM-dd}，未偿本金 {PledgeAccess.Yuan(req.OutstandingPrincipal!.Value)}");
                break;
            case "dispose":
                if (req.RecoveredAmount is null) v.Add("recoveredAmount", "请填写处置回收金额（未回收填 0）");
                else if (req.RecoveredAmount < 0 || decimal.Round(req.RecoveredAmount.Value, 2) != req.RecoveredAmount) v.Add("recoveredAmount", "回收金额应为不小于 0 的金额（最多两位小数）");
                else if (req.RecoveredAmount > p.OutstandingPrincipal) v.Add("recoveredAmount", "回收金额不能超过未偿本金");
                if (p.DefaultedOn is { } d && date < d) v.Add("date", "处置日期早于违约日期");
                v.ThrowIfInvalid();
                p.DisposedOn = date;
                p.RecoveredAmount = req.RecoveredAmount;
                detail.Add($"处置日 {date:yyyy-MM-dd}，回收 {PledgeAccess.Yuan(req.RecoveredAmount!.Value)}");
                break;
        }
        var from = p.State;
        p.State = step.To!;
        p.UpdatedAt = DateTimeOffset.UtcNow;
        if (note is not null) detail.Add(note);
        db.Set<PledgeEvent>().Add(new PledgeEvent { PledgeId = p.Id }.Of<PledgeEvent>(step, from, me, detail.Count == 0 ? null : string.Join("；", detail)));
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, PledgeIndicator.Codes);
        row = await VisibleRowAsync(conn, me, id, ct);
        return TypedResults.Ok(await GetPledge.DetailAsync(conn, me, row, reference, ct));
    }
}
