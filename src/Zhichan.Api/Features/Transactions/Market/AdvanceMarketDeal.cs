using Zhichan.Api.Platform.Workflow;
using Zhichan.Api.Features.Transactions.Filings;
using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Transactions.Market;

/// <summary>
/// FilingNumber: the 备案号 of the licence or assignment filing (stage filed). The 对接 is linked to the filing of the filings
/// register with that number when there is one; FilingId, when given, must be that filing.
/// </summary>
public sealed record AdvanceMarketDealRequest(string? Stage, string? Note, string? FilingNumber, long? FilingId);

/// <summary>Either party moves its 对接 on (已约谈 → 已签约 → 已备案) or ends it (终止, with a reason); each step is a timeline row.</summary>
public static class AdvanceMarketDeal
{
    public static async Task<Ok<MarketDealDetail>> HandleAsync(long id, AdvanceMarketDealRequest req, ZhichanDb db, CurrentUser user, CancellationToken ct)
    {
        var deal = await db.Set<MarketDeal>().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (deal is null || !(MarketDealQueries.IsParty(user, deal) || user.IsStaff)) throw new DomainException("对接记录不存在或无权查看", StatusCodes.Status404NotFound);
        var actors = DealStages.ActorsOf(user, deal);
        if (actors.Count == 0) throw new DomainException("对接进展由对接双方填写", StatusCodes.Status403Forbidden);
        var v = new Validation();
        v.Required("stage", req.Stage, "阶段").OneOf("stage", req.Stage, DealStages.Names.Keys, "阶段").MaxLength("note", req.Note, 1000, "说明");
        if (req.Stage == DealStages.Terminated && string.IsNullOrWhiteSpace(req.Note)) v.Add("note", "请说明终止的理由");
        if (req.Stage == DealStages.Filed && string.IsNullOrWhiteSpace(req.FilingNumber)) v.Add("filingNumber", "请填写许可或转让合同的备案号");
        v.MaxLength("filingNumber", req.FilingNumber, 60, "备案号");
        v.ThrowIfInvalid();
        var t = DealStages.Machine.Find(req.Stage!, deal.Stage, actors, req.Note);
        var from = deal.Stage;
        deal.Stage = t.To!;
        deal.UpdatedAt = DateTimeOffset.UtcNow;
        if (deal.Stage == DealStages.Filed)
        {
            var number = req.FilingNumber!.Trim();
            var filing = await db.Set<LicenceFiling>().AsNoTracking().Where(f => f.FilingNumber == number).Select(f => (long?)f.Id).FirstOrDefaultAsync(ct);
            if (req.FilingId is { } given && given != filing)
                new Validation().Add("filingId", $"备案号“{number}”与所选备案记录不一致").ThrowIfInvalid();
            (deal.FilingNumber, deal.FilingId) = (number, filing);
        }
        if (deal.Stage == DealStages.Terminated) deal.EndReason = req.Note!.Trim();
        var label = deal.Stage == DealStages.Filed ? $"备案号 {deal.FilingNumber}" : null;
        var note = string.Join("；", new[] { label, req.Note?.Trim() }.Where(s => !string.IsNullOrEmpty(s)));
        db.Set<MarketDealEvent>().Add(new MarketDealEvent { DealId = deal.Id }.Of<MarketDealEvent>(t, from, user, note));
        var other = user.OrgUnitId == deal.InitiatorUnitId ? deal.CounterpartUnitId : deal.InitiatorUnitId;
        await Notifier.ToUnitAsync(db, other, new NotificationMessage("market_deal", $"对接进展：{DealStages.Names[deal.Stage]}",
            $"{user.OrgUnitName ?? user.Name}将对接记录更新为“{DealStages.Names[deal.Stage]}”。{note}", $"/transactions/market/deals/{deal.Id}", "market_deals", deal.Id.ToString()), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await GetMarketDeal.DetailAsync(db, user, deal, ct));
    }
}
