namespace Zhichan.Api.Features.Portal.Site;

/// <param name="SiteName">The administration's name in the header.</param>
/// <param name="Sponsor">主办单位.</param>
/// <param name="Organiser">承办单位.</param>
/// <param name="IcpNumber">ICP 备案号.</param>
/// <param name="PoliceNumber">公安机关备案号.</param>
public sealed record SiteSettingsInput(string? SiteName, string? Sponsor, string? Organiser, string? IcpNumber, string? PoliceNumber,
    string? ContactAddress, string? ContactPhone, string? ContactEmail);

/// <summary>门户管理 · 站点设置 (admin): the header's and footer's texts; an empty field removes the line from the portal.</summary>
public static class UpdateSiteSettings
{
    public static async Task<Ok<SiteSettingsDto>> HandleAsync(SiteSettingsInput input, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        foreach (var (field, value, label) in new[]
                 {
                     ("siteName", input.SiteName, "网站名称"), ("sponsor", input.Sponsor, "主办单位"), ("organiser", input.Organiser, "承办单位"),
                     ("icpNumber", input.IcpNumber, "ICP 备案号"), ("policeNumber", input.PoliceNumber, "公安机关备案号"),
                     ("contactAddress", input.ContactAddress, "联系地址"), ("contactPhone", input.ContactPhone, "联系电话"),
                 })
            v.MaxLength(field, value, 200, label).PlainText(field, value, label);
        v.Email("contactEmail", input.ContactEmail, "联系邮箱");
        v.ThrowIfInvalid();
        var s = await db.Set<PortalSiteSettings>().FirstOrDefaultAsync(ct);
        if (s is null) db.Add(s = new PortalSiteSettings());
        s.SiteName = Blank(input.SiteName);
        s.Sponsor = Blank(input.Sponsor);
        s.Organiser = Blank(input.Organiser);
        s.IcpNumber = Blank(input.IcpNumber);
        s.PoliceNumber = Blank(input.PoliceNumber);
        s.ContactAddress = Blank(input.ContactAddress);
        s.ContactPhone = Blank(input.ContactPhone);
        s.ContactEmail = Blank(input.ContactEmail);
        s.UpdatedAt = DateTimeOffset.UtcNow;
        s.UpdatedBy = me.Id;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(s.ToDto());
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
