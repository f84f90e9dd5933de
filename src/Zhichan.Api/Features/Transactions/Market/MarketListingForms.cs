using Zhichan.Api.Platform.Workflow;
using System.Text.RegularExpressions;
using Zhichan.Api.Features.Transactions.Rights;
using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Transactions.Market;

public sealed record RightInput(string Kind, string Number);

/// <summary>The form of an offer or a need (Side is read on creation only).</summary>
public sealed record MarketListingForm(string? Side, string? Title, string? Description, string[]? IpForms, string[]? TradeModes, int? Maturity,
    decimal? Price, decimal? Budget, string[]? Ipc, string[]? Industries, string? RegionCode, DateOnly? ValidUntil,
    string? ContactName, string? ContactPhone, string? ContactEmail, IReadOnlyList<RightInput>? Rights);

/// <summary>Validation and writing of the listing form, and the transitions of the listing machine.</summary>
public static partial class MarketListingForms
{
    [GeneratedRegex(@"^([A-H][0-9]{2}[A-Z])\s*([0-9]{1,4})?(/[0-9]{1,6})?$")]
    private static partial Regex IpcPattern();

    [GeneratedRegex(@"^[0-9+\-() ]{5,20}$")]
    private static partial Regex PhonePattern();

    /// <summary>A symbol as the matcher compares it: its subclass (A61K) or its main group (A61K 31); null when not an IPC symbol.</summary>
    public static string? NormaliseIpc(string raw)
    {
        var m = IpcPattern().Match(raw.Trim().ToUpperInvariant());
        if (!m.Success) return null;
        return m.Groups[2].Success ? $"{m.Groups[1].Value} {int.Parse(m.Groups[2].Value)}" : m.Groups[1].Value;
    }

    public static async Task<IReadOnlyList<RightRef>> ApplyAsync(ZhichanDb db, NpgsqlDataSource ds, MarketListing l, MarketListingForm f, DateOnly today, bool creating, CancellationToken ct)
    {
        var v = new Validation();
        if (creating) { v.Required("side", f.Side, "类型").OneOf("side", f.Side, MarketSides.Names.Keys, "类型"); }
        var side = creating ? f.Side ?? "" : l.Side;
        v.Required("title", f.Title, "标题").MaxLength("title", f.Title?.Trim(), 100, "标题").PlainText("title", f.Title, "标题");
        v.Required("description", f.Description, "简介").MaxLength("description", f.Description?.Trim(), 4000, "简介").PlainText("description", f.Description, "简介");
        foreach (var x in f.IpForms ?? []) v.OneOf("ipForms", x, MarketVocab.IpForms.Keys, "知识产权类型");
        foreach (var x in f.TradeModes ?? []) v.OneOf("tradeModes", x, MarketVocab.TradeModes.Keys, "交易方式");
        if (side == MarketSides.Offer && (f.TradeModes ?? []).Length == 0) v.Add("tradeModes", "请至少选择一种交易方式");
        if (f.Maturity is < 1 or > 9) v.Add("maturity", "技术成熟度应为 1 至 9 级");
        if (f.Price is < 0 or > 1_000_000_000_000m) v.Add("price", "价格应为不小于 0 的金额（元）");
        if (f.Budget is < 0 or > 1_000_000_000_000m) v.Add("budget", "预算应为不小于 0 的金额（元）");
        var ipc = new List<string>();
        foreach (var raw in f.Ipc ?? [])
        {
            if (string.IsNullOrWhiteSpace(raw)) continue;
            if (NormaliseIpc(raw) is { } s) { if (!ipc.Contains(s)) ipc.Add(s); }
            else v.Add("ipc", $"IPC 分类号“{raw}”格式不正确（如 A61K 或 A61K 31/00）");
        }
        var industries = (f.Industries ?? []).Select(x => x.Trim()).Where(x => x.Length > 0).Distinct().ToList();
        if (industries.Count > 0)
        {
            var known = await MarketQueries.IndustryNamesAsync(db, industries, ct);
            foreach (var x in industries.Where(x => !known.ContainsKey(x) || x.Length is not (2 or 4))) v.Add("industries", $"行业代码“{x}”不是国民经济行业分类的大类或小类");
        }
        if (f.RegionCode is { } rc && (await MarketQueries.RegionNamesAsync(db, [rc], ct)).Count == 0) v.Add("regionCode", $"地区代码“{rc}”不存在");
        if (side == MarketSides.Need && f.ValidUntil is null) v.Add("validUntil", "请填写需求截止日期");
        if (f.ValidUntil is { } until && until < today) v.Add("validUntil", "有效期/截止日期不能早于今天");
        v.Required("contactName", f.ContactName, "联系人").MaxLength("contactName", f.ContactName, 50, "联系人");
        if (string.IsNullOrWhiteSpace(f.ContactPhone) && string.IsNullOrWhiteSpace(f.ContactEmail)) v.Add("contactPhone", "请填写联系电话或电子邮箱");
        if (!string.IsNullOrWhiteSpace(f.ContactPhone) && !PhonePattern().IsMatch(f.ContactPhone.Trim())) v.Add("contactPhone", "联系电话格式不正确");
        v.Email("contactEmail", f.ContactEmail, "电子邮箱");

        var rights = (f.Rights ?? []).Where(r => !string.IsNullOrWhiteSpace(r.Number)).ToList();
        IReadOnlyList<RightRef> refs = [];
        if (rights.Count > 0)
        {
            if (side == MarketSides.Need) v.Add("rights", "需求不关联专利或商标");
            else
            {
                refs = await RightReferences.ResolveAsync(rights.Select(r => (r.Kind, r.Number)).ToList(), ds, ct);
                RightReferences.Check(v, refs);
            }
        }
        v.ThrowIfInvalid();

        // the linked records' own classification comes first: what the office classified is what a need's field is compared with
        var recordIds = refs.Where(r => r.RecordId is not null).Select(r => r.RecordId!.Value).ToArray();
        if (recordIds.Length > 0)
        {
            var conn = await MarketQueries.ConnAsync(db, ct);
            var derived = (await conn.QueryAsync<(string[] Ipc, string[] Industries)>(new CommandDefinition(
                "SELECT ipc, industry_codes FROM records WHERE id = ANY(@recordIds)", new { recordIds }, cancellationToken: ct))).ToList();
            ipc = derived.SelectMany(d => d.Ipc).Select(NormaliseIpc).OfType<string>().Concat(ipc).Distinct().Take(20).ToList();
            industries = derived.SelectMany(d => d.Industries).Where(c => c.Length == 4).Concat(industries).Distinct().Take(20).ToList();
        }

        if (creating) l.Side = side;
        l.Title = f.Title!.Trim();
        l.Description = f.Description!.Trim();
        l.IpForms = (f.IpForms ?? []).Distinct().ToArray();
        l.TradeModes = (f.TradeModes ?? []).Distinct().ToArray();
        l.Maturity = f.Maturity;
        l.Price = side == MarketSides.Offer ? f.Price : null;
        l.Budget = side == MarketSides.Need ? f.Budget : null;
        l.Ipc = ipc.ToArray();
        l.Industries = industries.ToArray();
        l.RegionCode = f.RegionCode ?? l.RegionCode;
        l.ValidUntil = f.ValidUntil;
        (l.ContactName, l.ContactPhone, l.ContactEmail) = (f.ContactName?.Trim(), Blank(f.ContactPhone), Blank(f.ContactEmail));
        l.Tokens = MarketScoring.Tokens(l.Title, l.Description);
        l.UpdatedAt = DateTimeOffset.UtcNow;

        return refs;
    }

    /// <summary>Replaces the listing's rights by the checked ones (the listing must have its id).</summary>
    public static async Task ReplaceRightsAsync(ZhichanDb db, long listingId, IReadOnlyList<RightRef> refs, CancellationToken ct)
    {
        db.Set<MarketListingRight>().RemoveRange(await db.Set<MarketListingRight>().Where(r => r.ListingId == listingId).ToListAsync(ct));
        foreach (var r in refs)
            db.Set<MarketListingRight>().Add(new MarketListingRight { ListingId = listingId, Kind = r.Kind, Number = r.Number, RecordId = r.RecordId, Title = r.Title });
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Takes one transition: the state, the event row, the owner's notification; recomputes the matches when the listing enters or leaves the market.</summary>
    public static async Task TransitionAsync(ZhichanDb db, NpgsqlDataSource ds, CurrentUser actor, MarketListing l, string action, string? note, CancellationToken ct)
    {
        var t = MarketTransitions.Machine.Find(action, l.Status, MarketTransitions.ActorsOf(actor, l), note);
        if (note is { Length: > 1000 }) throw new RequestValidationException("note", "说明不能超过 1000 个字符");
        var from = l.Status;
        var to = t.To ?? from;
        l.Status = to;
        l.UpdatedAt = DateTimeOffset.UtcNow;
        if (t.Action is MarketTransitions.RequestRectify or MarketTransitions.Reject) l.ReviewNote = note?.Trim();
        if (to == MarketStatus.Published) { l.PublishedAt = DateTimeOffset.UtcNow; l.ReviewNote = null; }
        db.Set<MarketListingEvent>().Add(new MarketListingEvent { ListingId = l.Id }
            .Of<MarketListingEvent>(t, from, actor, string.IsNullOrWhiteSpace(note) ? t.Label : $"{t.Label}：{note.Trim()}"));
        var what = $"{MarketSides.Names[l.Side]}“{l.Title}”";
        if (t.Actor is MarketTransitions.Staff or MarketTransitions.System)
            await Notifier.ToUnitAsync(db, l.OrgUnitId, new NotificationMessage("market_review", $"{what}{MarketStatus.Names[to]}",
                note ?? t.Label, $"/transactions/market/listings/{l.Id}", "market_listings", l.Id.ToString()), ct);
        if (to == MarketStatus.Pending)
            foreach (var bureau in await db.OrgUnits.AsNoTracking().Where(o => o.Kind == OrgUnitKinds.Bureau && o.IsActive).Select(o => o.Id).ToListAsync(ct))
                await Notifier.ToUnitAsync(db, bureau, new NotificationMessage("market_review", $"待审核：{what}", $"{actor.OrgUnitName ?? actor.Name}提交了{what}，请审核。",
                    "/transactions/market/review", "market_listings", l.Id.ToString()), ct);
        await db.SaveChangesAsync(ct);
        if (from == MarketStatus.Published || to == MarketStatus.Published) await MarketMatches.RecomputeAsync(db, ds, actor, l.Id, ct);
    }

    /// <summary>Moves published listings past their validity or deadline to 已过期 (run before the market is read).</summary>
    public static async Task ExpireDueAsync(ZhichanDb db, NpgsqlDataSource ds, DateOnly today, CancellationToken ct)
    {
        var due = await db.Set<MarketListing>().Where(l => l.Status == MarketStatus.Published && l.ValidUntil != null && l.ValidUntil < today).ToListAsync(ct);
        foreach (var l in due) await TransitionAsync(db, ds, CurrentUser.System, l, MarketTransitions.Expire, null, ct);
    }
}
