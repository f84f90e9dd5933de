namespace Zhichan.Api.Features.Portal.Site;

/// <summary>门户 (anonymous): the header's and footer's texts as the admin configured them (null = not configured, shown as nothing).</summary>
public static class GetSiteSettings
{
    public static async Task<Ok<SiteSettingsDto>> HandleAsync(ZhichanDb db, CancellationToken ct)
    {
        var s = await db.Set<PortalSiteSettings>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new PortalSiteSettings();
        return TypedResults.Ok(s.ToDto());
    }
}
