using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Transactions.Filings;

public static class OpenLicenceStates
{
    public const string Draft = "draft", Published = "published", Withdrawn = "withdrawn";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string> { [Draft] = "未发布", [Published] = "已发布", [Withdrawn] = "已撤回" };
}

/// <summary>The declaration form: the patent (any number form), the fee terms and the term (≥ 1 year, within the patent's lifetime).</summary>
public sealed record OpenLicenceForm(string? Number, string? FeeBasis, decimal? Amount, decimal? RoyaltyRate, DateOnly? TermFrom, DateOnly? TermTo, string? Note);

public sealed record OpenLicenceView(long Id, long RecordId, string ApplicationNumber, string? Title, string RightType, string RightTypeName, string HolderName,
    string FeeBasis, string FeeBasisName, decimal? Amount, decimal? RoyaltyRate, DateOnly TermFrom, DateOnly TermTo, DateOnly? Expiry, string State,
    string StateName, DateOnly? PublishedOn, DateOnly? WithdrawnOn, string? Note, bool IsMine);

public static class OpenLicenceViews
{
    public static OpenLicenceView View(OpenLicence o, CurrentUser me) =>
        new(o.Id, o.RecordId, o.ApplicationNumber, o.Title, o.RightType, RightTypes.Names.GetValueOrDefault(o.RightType, o.RightType), o.HolderName, o.FeeBasis,
            FilingRules.FeeBases[o.FeeBasis], o.Amount, o.RoyaltyRate, o.TermFrom, o.TermTo, FilingRules.Expiry(o.RightType, o.ApplicationDate), o.State,
            OpenLicenceStates.Names[o.State], o.PublishedOn, o.WithdrawnOn, o.Note, me.OrgUnitId is { } org && o.HolderOrgUnitId == org);

    /// <summary>The holder's own declaration, else 404 (another holder's draft is invisible).</summary>
    public static async Task<OpenLicence> LoadOwnAsync(ZhichanDb db, CurrentUser me, long id, CancellationToken ct) =>
        await db.Set<OpenLicence>().FirstOrDefaultAsync(o => o.Id == id && o.HolderOrgUnitId == me.OrgUnitId, ct) ?? throw new DomainException("开放许可声明不存在", 404);
}
